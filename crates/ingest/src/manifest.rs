//! Manifests: what a crawler knew about each file (JSON Lines keyed by file
//! name), such as `../shared/corpus/seeds/manifest.jsonl`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dateline_dates::find_date;
use dateline_model::{DateOrigin, SourceMeta};
use serde::Deserialize;

use crate::error::Error;

/// File-level metadata by file name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifest {
    entries: BTreeMap<String, SourceMeta>,
    /// The file it was loaded from, which a directory walk must not read
    /// as news.
    path: Option<PathBuf>,
}

#[derive(Deserialize)]
struct Line {
    source: String,
    published: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
}

impl Manifest {
    /// Reads a manifest: one JSON object a line with `source` (a file name)
    /// and optional `published`, `outlet`, `url`. Blank lines are skipped;
    /// any other unreadable line fails the load, since a half-read manifest
    /// would silently give files the wrong dates.
    pub fn load(path: &Path) -> Result<Manifest, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut manifest =
            Manifest::parse(&text).map_err(|(line, problem)| Error::ManifestLine {
                path: path.to_path_buf(),
                line,
                problem,
            })?;
        manifest.path = Some(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
        Ok(manifest)
    }

    /// Parses manifest text; errors carry the 1-based line number.
    pub fn parse(text: &str) -> Result<Manifest, (usize, String)> {
        let mut entries = BTreeMap::new();
        for (i, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() {
                continue;
            }
            let line: Line = serde_json::from_str(raw).map_err(|e| (i + 1, e.to_string()))?;
            let published = match line.published.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(s) => Some(
                    find_date(s)
                        .ok_or_else(|| (i + 1, format!("unreadable published date {s:?}")))?,
                ),
            };
            let meta = SourceMeta {
                url: line.url.filter(|u| !u.trim().is_empty()),
                published,
                published_from: published.map(|_| DateOrigin::Manifest),
                outlet: line.outlet.filter(|o| !o.trim().is_empty()),
                title: None,
            };
            entries.insert(line.source, meta);
        }
        Ok(Manifest {
            entries,
            path: None,
        })
    }

    /// Whether `path` is the file this manifest was loaded from.
    pub fn is_file(&self, path: &Path) -> bool {
        self.path
            .as_deref()
            .is_some_and(|own| std::fs::canonicalize(path).is_ok_and(|p| p == own))
    }

    /// The metadata for the file named `source`.
    pub fn get(&self, source: &str) -> Option<&SourceMeta> {
        self.entries.get(source)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_nulls() {
        let m = Manifest::parse(
            "{\"source\": \"a.txt\", \"published\": \"2017-06-17\", \"outlet\": \"The Star\"}\n\n\
             {\"source\": \"b.txt\", \"published\": null, \"outlet\": null, \"url\": \"https://x.test/b\"}\n",
        )
        .unwrap();
        let a = m.get("a.txt").unwrap();
        assert_eq!(a.published.unwrap().to_string(), "2017-06-17");
        assert_eq!(a.published_from, Some(DateOrigin::Manifest));
        assert_eq!(a.outlet.as_deref(), Some("The Star"));
        let b = m.get("b.txt").unwrap();
        assert_eq!(b.published, None);
        assert_eq!(b.published_from, None);
        assert_eq!(b.url.as_deref(), Some("https://x.test/b"));
        assert!(m.get("c.txt").is_none());
    }

    #[test]
    fn bad_line_names_its_number() {
        let err = Manifest::parse("{\"source\": \"a.txt\"}\n{oops\n").unwrap_err();
        assert_eq!(err.0, 2);
        let err = Manifest::parse("{\"source\": \"a.txt\", \"published\": \"soon\"}").unwrap_err();
        assert!(err.1.contains("soon"), "{}", err.1);
    }
}
