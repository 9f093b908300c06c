//! Identifiers and sort keys. Everything here is a pure function of
//! content, so two stores fed the same input agree on every id.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

/// An article's id: the first 16 hex digits of the SHA-256 of its cleaned
/// body. Re-reading the same story gives the same id, whatever file or
/// furniture it came with.
pub fn article_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The key of the `ordinal`-th event extracted from an article: the form
/// `dateline_fuse::Mention::key` expects.
pub fn mention_key(article_id: &str, ordinal: usize) -> String {
    format!("{article_id}:{ordinal:04}")
}

/// Sort key for articles: source name, index, id. Doubles as the paging
/// cursor, so it must order the same in SQLite and PostgreSQL: ASCII
/// separators below any printable character, zero-padded numbers.
pub fn article_sort_key(source: &str, index: u32, id: &str) -> String {
    format!("{source}\u{1}{index:08}\u{1}{id}")
}

/// Sort key for events: date start (undated last), then id.
pub fn event_sort_key(id: &str, start: Option<NaiveDate>) -> String {
    match start {
        Some(d) => format!("{}|{id}", d.format("%Y-%m-%d")),
        None => format!("9999-99-99|{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_content_hashes() {
        assert_eq!(article_id("a"), article_id("a"));
        assert_ne!(article_id("a"), article_id("b"));
        assert_eq!(article_id("a").len(), 16);
    }

    #[test]
    fn sort_keys_order_numbers_and_undated_last() {
        assert!(article_sort_key("a.txt", 2, "x") < article_sort_key("a.txt", 10, "x"));
        assert!(article_sort_key("a.txt", 99, "x") < article_sort_key("a.txtb", 0, "x"));
        let d = NaiveDate::from_ymd_opt(2017, 6, 1);
        assert!(event_sort_key("z", d) < event_sort_key("a", None));
    }
}
