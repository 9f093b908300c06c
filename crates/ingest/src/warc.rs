//! WARC files (already inflated): each `response` record holding an HTML
//! page becomes a document, with the record's target URI as its url and
//! its WARC-Date as a fallback publication date.

use dateline_dates::find_date;
use dateline_model::{DateOrigin, InputFormat, RawDocument, SourceMeta};

use crate::bytes::gunzip;
use crate::decode::{content_type_charset, decode};
use crate::error::Problem;
use crate::options::offer_date;

/// A header block: `Name: value` lines, names case-insensitive.
struct Headers(Vec<(String, String)>);

impl Headers {
    /// Parses the header lines at the start of `bytes` (after the version
    /// or status line) up to the first empty line; returns the headers and
    /// the length of the block including that empty line.
    fn parse(bytes: &[u8]) -> Option<(Headers, usize)> {
        let end = find(bytes, b"\r\n\r\n")
            .map(|i| i + 4)
            .or_else(|| find(bytes, b"\n\n").map(|i| i + 2))?;
        let fields = String::from_utf8_lossy(&bytes[..end])
            .lines()
            .skip(1)
            .filter_map(|line| line.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        Some((Headers(fields), end))
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads every record. A broken record is an error naming its byte
/// offset; reading resumes at the next `WARC/` version line.
pub fn read(
    source: &str,
    bytes: &[u8],
    meta: &SourceMeta,
    limit: u64,
) -> Vec<Result<RawDocument, Problem>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut record = 0u32;
    while pos < bytes.len() {
        // Records are separated by blank lines; skip them.
        while pos < bytes.len() && matches!(bytes[pos], b'\r' | b'\n') {
            pos += 1;
        }
        if pos >= bytes.len() {
            break;
        }
        let fail = |message: &str| Problem::WarcRecord {
            offset: pos,
            message: message.to_string(),
        };
        if !bytes[pos..].starts_with(b"WARC/") {
            out.push(Err(fail("no WARC/ version line")));
            match next_record(bytes, pos) {
                Some(next) => {
                    pos = next;
                    continue;
                }
                None => break,
            }
        }
        // Records are numbered in file order, broken ones included.
        let this = record;
        record += 1;
        let Some((headers, header_len)) = Headers::parse(&bytes[pos..]) else {
            out.push(Err(fail("header block never ends")));
            break;
        };
        let Some(length) = headers
            .get("Content-Length")
            .and_then(|l| l.parse::<usize>().ok())
        else {
            out.push(Err(fail("missing or bad Content-Length")));
            match next_record(bytes, pos + 5) {
                Some(next) => {
                    pos = next;
                    continue;
                }
                None => break,
            }
        };
        let start = pos + header_len;
        let Some(block) = start
            .checked_add(length)
            .and_then(|end| bytes.get(start..end))
        else {
            out.push(Err(fail(&format!(
                "truncated: Content-Length {length} but only {} bytes left",
                bytes.len().saturating_sub(start)
            ))));
            break;
        };
        let record_pos = pos;
        pos = start + length;
        let kind = headers.get("WARC-Type").unwrap_or("");
        if !kind.eq_ignore_ascii_case("response") && !kind.eq_ignore_ascii_case("resource") {
            continue;
        }
        let is_http = kind.eq_ignore_ascii_case("response");
        match page(block, is_http, headers.get("Content-Type"), limit) {
            Ok(Some(text)) => {
                let mut meta = meta.clone();
                if let Some(uri) = headers.get("WARC-Target-URI") {
                    meta.url = Some(uri.trim_matches(['<', '>']).to_string());
                }
                if let Some(date) = headers.get("WARC-Date").and_then(find_date) {
                    offer_date(&mut meta, date, DateOrigin::Warc);
                }
                out.push(Ok(RawDocument {
                    source: source.to_string(),
                    part: this,
                    format: InputFormat::Warc,
                    text,
                    meta,
                }));
            }
            Ok(None) => {}
            Err(message) => out.push(Err(Problem::WarcRecord {
                offset: record_pos,
                message,
            })),
        }
    }
    out
}

/// Where the next record starts at or after `from` (resynchronising after
/// a broken one).
fn next_record(bytes: &[u8], from: usize) -> Option<usize> {
    find(&bytes[from..], b"\nWARC/").map(|i| from + i + 1)
}

/// The HTML page in a record block, `None` for records that hold no HTML
/// (images, scripts, redirects: normal in a crawl, not errors).
fn page(
    block: &[u8],
    is_http: bool,
    content_type: Option<&str>,
    limit: u64,
) -> Result<Option<String>, String> {
    if !is_http {
        let html = content_type.is_some_and(|t| t.contains("html"));
        return Ok(html.then(|| decode(block, content_type.and_then(content_type_charset), true)));
    }
    let (http, header_len) = Headers::parse(block).ok_or("HTTP header block never ends")?;
    let status = std::str::from_utf8(&block[..block.len().min(64)])
        .ok()
        .and_then(|s| s.split_whitespace().nth(1))
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or("no HTTP status line")?;
    let media = http.get("Content-Type").unwrap_or("text/html");
    if !(200..300).contains(&status) || !media.to_ascii_lowercase().contains("html") {
        return Ok(None);
    }
    let mut body = block[header_len..].to_vec();
    if http
        .get("Transfer-Encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        body = dechunk(&body).ok_or("malformed chunked transfer encoding")?;
    }
    match http
        .get("Content-Encoding")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("identity") => {}
        Some("gzip") | Some("x-gzip") => body = gunzip(&body, limit).map_err(|e| e.to_string())?,
        Some(other) => return Err(format!("unsupported Content-Encoding {other:?}")),
    }
    Ok(Some(decode(&body, content_type_charset(media), true)))
}

/// Undoes HTTP/1.1 chunked transfer encoding.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?.strip_prefix(b"\r\n")?;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A WARC record as a crawler writes it.
    pub fn record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    pub fn http(content_type: &str, body: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}").into_bytes()
    }

    #[test]
    fn reads_html_responses_and_skips_the_rest() {
        let mut warc = record(
            "warcinfo",
            "",
            "2019-01-01T00:00:00Z",
            b"software: invented",
        );
        warc.extend(record(
            "request",
            "https://a.test/1",
            "2019-01-01T00:00:00Z",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        warc.extend(record(
            "response",
            "https://a.test/1",
            "2019-03-07T10:00:00Z",
            &http("text/html; charset=utf-8", "<p>Hello.</p>"),
        ));
        warc.extend(record(
            "response",
            "https://a.test/logo.png",
            "2019-03-07T10:00:00Z",
            &http("image/png", "\u{1}PNG"),
        ));
        let chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>Hi\r\n5\r\nthere\r\n0\r\n\r\n";
        warc.extend(record(
            "response",
            "https://a.test/2",
            "2019-03-08T10:00:00Z",
            chunked.as_bytes(),
        ));
        let out = read("c.warc", &warc, &SourceMeta::default(), 1 << 20);
        assert_eq!(out.len(), 2, "{out:?}");
        let a = out[0].as_ref().unwrap();
        assert_eq!((a.part, a.text.as_str()), (2, "<p>Hello.</p>"));
        assert_eq!(a.meta.url.as_deref(), Some("https://a.test/1"));
        assert_eq!(a.meta.published_from, Some(DateOrigin::Warc));
        assert_eq!(out[1].as_ref().unwrap().text, "<p>Hithere");
    }

    #[test]
    fn bad_record_is_reported_and_reading_goes_on() {
        let good = record(
            "response",
            "https://a.test/1",
            "2019-03-07T10:00:00Z",
            &http("text/html", "<p>One.</p>"),
        );
        let mut warc = b"WARC/1.0\r\nWARC-Type: response\r\n\r\nno length here\r\n\r\n".to_vec();
        warc.extend(&good);
        warc.extend(&good[..good.len() - 20]);
        let out = read("c.warc", &warc, &SourceMeta::default(), 1 << 20);
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(
            out[0].as_ref().unwrap_err().to_string(),
            "WARC record at byte 0: missing or bad Content-Length"
        );
        assert!(out[1].is_ok());
        let trunc = out[2].as_ref().unwrap_err().to_string();
        assert!(trunc.contains("truncated"), "{trunc}");
    }
}
