//! Bytes to UTF-8 text, whatever the input's encoding.
//!
//! Order of trust: a byte-order mark; valid UTF-8 (legacy encodings almost
//! never produce it by accident); a charset the document or its HTTP
//! response declares; mostly-valid UTF-8 with a few stray bytes (decoded
//! lossily, since re-reading it as a legacy encoding would garble every
//! accented letter); and last a statistical guess (chardetng), which tells
//! windows-1256 Arabic from windows-1252 Latin text.

use encoding_rs::Encoding;

/// Decodes `bytes` to text. `declared` is a charset label from outside the
/// bytes (an HTTP `Content-Type`); markup's own `<meta charset>` is read
/// when `markup` is set.
pub fn decode(bytes: &[u8], declared: Option<&str>, markup: bool) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let label = declared
        .map(str::to_string)
        .or_else(|| markup.then(|| meta_charset(bytes)).flatten());
    if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        if encoding != encoding_rs::UTF_8 {
            return encoding.decode_without_bom_handling(bytes).0.into_owned();
        }
    }
    if mostly_utf8(bytes) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, false);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Whether `bytes` hold multi-byte UTF-8 characters and at most one
/// invalid sequence for four of them: a UTF-8 file with a few stray
/// legacy bytes pasted in. Legacy text has (almost) no valid sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multi, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    valid_multi > 0 && invalid * 4 <= valid_multi
}

/// The charset an HTML or XML document declares in its first 2 KB:
/// `<meta charset="...">`, `<meta http-equiv content="...; charset=...">`
/// or `<?xml ... encoding="..."?>`.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    for key in ["charset=", "encoding="] {
        if let Some(at) = head.find(key) {
            let value = head[at + key.len()..].trim_start_matches(['"', '\'', ' ']);
            let end = value
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(value.len());
            if end > 0 {
                return Some(value[..end].to_string());
            }
        }
    }
    None
}

/// The `charset` parameter of a `Content-Type` header value.
pub fn content_type_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1256_arabic() {
        let arabic = "قتل خمسة مدنيين في قصف على مدينة حلب يوم الاثنين، وفق ما أفاد المرصد.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
        assert_eq!(decode(&bytes, None, false), arabic);
    }

    #[test]
    fn decodes_latin1() {
        let text = "Le président a déclaré à la presse que les élections auront lieu en été.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert_eq!(decode(&bytes, None, false), text);
    }

    #[test]
    fn honours_declared_charset_and_bom() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("<p>سوريا</p>");
        let mut html = b"<meta charset=\"windows-1256\">".to_vec();
        html.extend_from_slice(&bytes);
        assert!(decode(&html, None, true).ends_with("<p>سوريا</p>"));
        assert_eq!(decode(b"\xef\xbb\xbfhi", None, false), "hi");
        assert_eq!(decode(b"\xff\xfeh\0i\0", None, false), "hi");
    }

    #[test]
    fn keeps_utf8_with_a_stray_byte() {
        let mut bytes = "Dar‘a – “quoted” café naïve".as_bytes().to_vec();
        bytes.push(0xe9);
        let text = decode(&bytes, None, false);
        assert!(text.starts_with("Dar‘a – “quoted” café naïve"), "{text}");
    }

    #[test]
    fn reads_content_type_charset() {
        assert_eq!(
            content_type_charset("text/html; charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(content_type_charset("text/html"), None);
    }
}
