//! JSON Lines: one article a line, `text` or `html`, with optional `title`,
//! `url`, `published`, `outlet`.

use dateline_dates::find_date;
use dateline_model::{DateOrigin, InputFormat, RawDocument, SourceMeta};
use serde::Deserialize;

use crate::error::Problem;
use crate::options::{offer_date, overlay};

#[derive(Deserialize)]
struct Line {
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
}

/// One document per non-blank line (its `part` is the 0-based line number);
/// a bad line is an error for that line alone. Clean tells a line's markup
/// from plain text by looking at it, as it does for feed items.
pub fn read(source: &str, text: &str, meta: &SourceMeta) -> Vec<Result<RawDocument, Problem>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            read_line(source, i as u32, line, meta).map_err(|message| Problem::JsonLine {
                line: i + 1,
                message,
            })
        })
        .collect()
}

fn read_line(
    source: &str,
    part: u32,
    line: &str,
    file_meta: &SourceMeta,
) -> Result<RawDocument, String> {
    let line: Line = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let body = match (line.html, line.text) {
        (Some(html), _) if !html.trim().is_empty() => html,
        (_, Some(text)) if !text.trim().is_empty() => text,
        _ => return Err("no \"text\" or \"html\" field with content".to_string()),
    };
    let mut meta = file_meta.clone();
    overlay(
        &mut meta,
        &SourceMeta {
            url: line.url,
            outlet: line.outlet,
            title: line.title.filter(|t| !t.trim().is_empty()),
            ..SourceMeta::default()
        },
    );
    if let Some(published) = line.published.as_deref().filter(|p| !p.trim().is_empty()) {
        let date = find_date(published)
            .ok_or_else(|| format!("unreadable \"published\" date {published:?}"))?;
        offer_date(&mut meta, date, DateOrigin::Meta);
    }
    Ok(RawDocument {
        source: source.to_string(),
        part,
        format: InputFormat::Jsonl,
        text: body,
        meta,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_reports_bad_ones() {
        let input = "{\"text\": \"One.\", \"title\": \"T\", \"published\": \"2020-02-03\"}\n\
                     \n\
                     {\"html\": \"<p>Two.</p>\", \"outlet\": \"O\"}\n\
                     {broken\n\
                     {\"title\": \"no body\"}\n";
        let out = read("f.jsonl", input, &SourceMeta::default());
        assert_eq!(out.len(), 4);
        let one = out[0].as_ref().unwrap();
        assert_eq!((one.part, one.format), (0, InputFormat::Jsonl));
        assert_eq!(one.meta.title.as_deref(), Some("T"));
        assert_eq!(one.meta.published_from, Some(DateOrigin::Meta));
        let two = out[1].as_ref().unwrap();
        assert_eq!((two.part, two.text.as_str()), (2, "<p>Two.</p>"));
        assert_eq!(two.meta.outlet.as_deref(), Some("O"));
        let bad = out[2].as_ref().unwrap_err().to_string();
        assert!(bad.starts_with("line 4: invalid JSON"), "{bad}");
        let empty = out[3].as_ref().unwrap_err().to_string();
        assert!(empty.starts_with("line 5: no \"text\""), "{empty}");
    }
}
