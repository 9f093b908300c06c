//! Which reader an input needs, from its name and first bytes.

use dateline_model::InputFormat;

/// The format of an input named `name` (a `.gz` suffix already removed)
/// whose content starts with `head`. The extension decides when it is
/// known, except that a `.xml` file must hold a feed; other names are
/// sniffed.
pub fn detect(name: &str, head: &[u8]) -> InputFormat {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, ext)| ext);
    match ext {
        "txt" | "text" => InputFormat::Text,
        "html" | "htm" | "xhtml" => InputFormat::Html,
        "jsonl" | "ndjson" => InputFormat::Jsonl,
        "rss" | "atom" | "xml" => InputFormat::Feed,
        "warc" | "arc" => InputFormat::Warc,
        _ => sniff(head),
    }
}

/// Guesses a format from the first bytes.
pub fn sniff(head: &[u8]) -> InputFormat {
    let start = &head[..head.len().min(1024)];
    let text = String::from_utf8_lossy(start);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let lower = trimmed.to_ascii_lowercase();
    if trimmed.starts_with("WARC/") {
        InputFormat::Warc
    } else if lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf") {
        InputFormat::Feed
    } else if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.contains("<body")
        || lower.contains("<head")
    {
        InputFormat::Html
    } else if trimmed.starts_with('{') {
        InputFormat::Jsonl
    } else {
        InputFormat::Text
    }
}

/// `name` without a trailing `.gz`, and whether it had one.
pub fn strip_gz(name: &str) -> (&str, bool) {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".gz") {
        (&name[..name.len() - 3], true)
    } else if lower.ends_with(".tgz") {
        (&name[..name.len() - 4], true)
    } else {
        (name, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension_then_sniffed() {
        assert_eq!(detect("a.TXT", b"<html>"), InputFormat::Text);
        assert_eq!(detect("a.htm", b""), InputFormat::Html);
        assert_eq!(detect("crawl.warc", b""), InputFormat::Warc);
        assert_eq!(
            detect("feed", b"<?xml version='1.0'?><rss>"),
            InputFormat::Feed
        );
        assert_eq!(detect("page", b"  <!DOCTYPE html><p>"), InputFormat::Html);
        assert_eq!(detect("dump", b"{\"text\": 1}"), InputFormat::Jsonl);
        assert_eq!(detect("x", b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(detect("notes", b"Plain words."), InputFormat::Text);
        assert_eq!(strip_gz("a.warc.gz"), ("a.warc", true));
        assert_eq!(strip_gz("a.txt"), ("a.txt", false));
    }
}
