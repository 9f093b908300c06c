//! Reading options and how file-level metadata is put together.

use dateline_model::{DateOrigin, SourceMeta};

use crate::manifest::Manifest;

/// The default size limit: 50 MiB. A news page is rarely over 2 MB and a
/// day's WARC of one site stays well under this; a bigger file is more
/// likely a mistake (a video, a database dump) than news, and reading it
/// whole would cost that much memory.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Per-file metadata keyed by file name; wins over `defaults`.
    pub manifest: Option<Manifest>,
    /// Metadata for every file (`--published`, `--outlet`); a date here
    /// counts as [`DateOrigin::Cli`] unless it says otherwise.
    pub defaults: SourceMeta,
    /// Files (and decompressed streams) over this many bytes are rejected.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            manifest: None,
            defaults: SourceMeta::default(),
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

impl ReadOptions {
    /// The file-level metadata for the file named `source`: the manifest's
    /// entry, with the defaults filling what it leaves out.
    pub fn meta_for(&self, source: &str) -> SourceMeta {
        let mut meta = self.defaults.clone();
        if meta.published.is_some() && meta.published_from.is_none() {
            meta.published_from = Some(DateOrigin::Cli);
        }
        if let Some(entry) = self.manifest.as_ref().and_then(|m| m.get(source)) {
            overlay(&mut meta, entry);
        }
        meta
    }
}

/// Puts `over`'s fields on `base`: every field `over` has replaces
/// `base`'s, except a date, which replaces only a date of lower rank.
pub fn overlay(base: &mut SourceMeta, over: &SourceMeta) {
    if over.url.is_some() {
        base.url.clone_from(&over.url);
    }
    if over.outlet.is_some() {
        base.outlet.clone_from(&over.outlet);
    }
    if over.title.is_some() {
        base.title.clone_from(&over.title);
    }
    if let (Some(date), Some(origin)) = (over.published, over.published_from) {
        offer_date(base, date, origin);
    }
}

/// Sets `meta`'s date to `date` unless it already has one from a source
/// that outranks `origin`.
pub fn offer_date(meta: &mut SourceMeta, date: chrono::NaiveDate, origin: DateOrigin) {
    let keep = match (meta.published, meta.published_from) {
        (Some(_), Some(current)) => !origin.outranks(current),
        (Some(_), None) => true,
        _ => false,
    };
    if !keep {
        meta.published = Some(date);
        meta.published_from = Some(origin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn manifest_wins_over_cli_and_fills_gaps() {
        let manifest = Manifest::parse(
            "{\"source\": \"a.txt\", \"published\": \"2017-06-17\", \"outlet\": null}",
        )
        .unwrap();
        let opts = ReadOptions {
            manifest: Some(manifest),
            defaults: SourceMeta {
                published: NaiveDate::from_ymd_opt(2020, 1, 1),
                outlet: Some("Cli Outlet".into()),
                ..SourceMeta::default()
            },
            ..ReadOptions::default()
        };
        let a = opts.meta_for("a.txt");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2017, 6, 17));
        assert_eq!(a.published_from, Some(DateOrigin::Manifest));
        assert_eq!(a.outlet.as_deref(), Some("Cli Outlet"));
        let b = opts.meta_for("b.txt");
        assert_eq!(b.published, NaiveDate::from_ymd_opt(2020, 1, 1));
        assert_eq!(b.published_from, Some(DateOrigin::Cli));
    }

    #[test]
    fn lower_ranked_date_does_not_replace() {
        let mut meta = SourceMeta::default();
        let d1 = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap();
        let d2 = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
        offer_date(&mut meta, d1, DateOrigin::Manifest);
        offer_date(&mut meta, d2, DateOrigin::Warc);
        assert_eq!(meta.published, Some(d1));
        offer_date(&mut meta, d2, DateOrigin::Text);
        assert_eq!(meta.published, Some(d2));
        assert_eq!(meta.published_from, Some(DateOrigin::Text));
    }
}
