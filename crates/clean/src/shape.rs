//! The shape of a line of text: what furniture and story paragraphs look
//! like regardless of what they say.

/// Format and combining characters that can sit invisibly at the start of
/// a line (a stray Arabic vowel mark, a right-to-left mark, a BOM, a zero
/// width space) and must not hide a dateline.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{061C}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}')
}

/// `s` without leading whitespace and invisible characters.
pub fn trim_start_invisible(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

/// Whether `c` is ASCII whitespace (as [`u8::is_ascii_whitespace`]),
/// without branches, so that the loops over a line's bytes below
/// vectorise.
fn is_ascii_space(c: u8) -> bool {
    (c == b' ') | ((c.wrapping_sub(b'\t') < 5) & (c != 0x0b))
}

/// Whitespace-separated words (ASCII whitespace and no-break spaces
/// separate; every line is counted, so an all-ASCII line, most of any
/// text, is counted without branches: a word starts where a space ends).
pub fn word_count(s: &str) -> usize {
    let bytes = s.as_bytes();
    if bytes.is_ascii() {
        let Some(&first) = bytes.first() else {
            return 0;
        };
        let starts: u32 = bytes
            .iter()
            .zip(&bytes[1..])
            .map(|(&p, &c)| u32::from(is_ascii_space(p) & !is_ascii_space(c)))
            .sum();
        return starts as usize + usize::from(!is_ascii_space(first));
    }
    let mut count = 0;
    let mut in_word = false;
    let mut prev = 0u8;
    for &b in bytes {
        let space = b.is_ascii_whitespace() || (prev == 0xC2 && b == 0xA0);
        if space {
            in_word = false;
        } else if !in_word && b != 0xC2 {
            in_word = true;
            count += 1;
        }
        prev = b;
    }
    count
}

/// Closing quotes and brackets that may follow a sentence's last stop.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›')
}

/// Whether `s` ends like a sentence: a full stop, question or exclamation
/// mark or ellipsis (Latin, Arabic or CJK), maybe inside closing quotes.
pub fn ends_sentence(s: &str) -> bool {
    let mut chars = s.trim_end().chars().rev().skip_while(|&c| is_closer(c));
    matches!(
        chars.next(),
        Some('.' | '!' | '?' | '…' | '؟' | '。' | '！' | '？' | '۔')
    )
}

/// Whether `s` has a lowercase letter (scripts without case count as
/// having one, so that Arabic prose reads as prose).
pub fn has_lower_or_caseless(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_lowercase() || (c.is_alphabetic() && !c.is_uppercase() && !c.is_ascii()))
}

/// Whether `s` has no letters at all: numbers, ids, rules, punctuation.
pub fn no_letters(s: &str) -> bool {
    !s.chars().any(char::is_alphabetic)
}

/// Whether a word looks like a web font icon name run into text, as
/// flattened pages show them ("folder_open", "access_time5").
pub fn has_icon_token(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let b = w.as_bytes();
        b.windows(3)
            .any(|t| t[0].is_ascii_lowercase() && t[1] == b'_' && t[2].is_ascii_lowercase())
    })
}

/// Number of list separators (" // ", " | ", " • ", " · ") in a line:
/// tickers and menus flatten to one line of items joined by them.
pub fn separator_count(s: &str) -> usize {
    const SEPARATORS: [&str; 4] = [" // ", " | ", " • ", " · "];
    let bytes = s.as_bytes();
    // Every separator is a space then '/', '|' or a two- or three-byte
    // character starting 0xC2 or 0xE2; those pairs are rare in prose, so a
    // branch-free pass looks for any first.
    let Some(rest) = bytes.get(1..) else {
        return 0;
    };
    let starts =
        |p: u8, c: u8| (p == b' ') & ((c == b'/') | (c == b'|') | (c == 0xC2) | (c == 0xE2));
    let any = bytes
        .iter()
        .zip(rest)
        .fold(0u8, |acc, (&p, &c)| acc | u8::from(starts(p, c)));
    if any == 0 {
        return 0;
    }
    let mut counts = [0usize; 4];
    for i in 1..bytes.len() {
        if starts(bytes[i - 1], bytes[i]) {
            for (count, sep) in counts.iter_mut().zip(SEPARATORS) {
                if bytes[i - 1..].starts_with(sep.as_bytes()) {
                    *count += 1;
                }
            }
        }
    }
    counts.into_iter().max().unwrap_or(0)
}

/// Whether `s` has whitespace other than single plain spaces (runs of
/// spaces, tabs, newlines, no-break and other Unicode spaces): a byte scan
/// that lets clean copy most paragraphs whole. An all-ASCII paragraph is
/// scanned without branches: a control space, or two spaces in a row.
pub fn needs_squeeze(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.is_ascii() {
        let control = |c: u8| c.wrapping_sub(b'\t') < 5;
        let Some(rest) = bytes.get(1..) else {
            return bytes.first().is_some_and(|&c| control(c));
        };
        let controls = bytes.iter().fold(0u8, |acc, &c| acc | u8::from(control(c)));
        let doubles = bytes.iter().zip(rest).fold(0u8, |acc, (&p, &c)| {
            acc | u8::from((p == b' ') & (c == b' '))
        });
        return (controls | doubles) != 0;
    }
    bytes.iter().enumerate().any(|(i, &c)| {
        // Printable ASCII other than a space, most of any text, first.
        if c > b' ' && c < 0x80 {
            return false;
        }
        match c {
            b' ' => bytes.get(i + 1) == Some(&b' '),
            0x09..=0x0d => true,
            // U+0085, U+00A0
            0xC2 => matches!(bytes.get(i + 1), Some(0x85 | 0xA0)),
            // U+1680
            0xE1 => bytes.get(i + 1..i + 3) == Some(&[0x9A, 0x80]),
            // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F
            0xE2 => match bytes.get(i + 1..i + 3) {
                Some(&[0x80, c]) => matches!(c, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                Some(&[0x81, c]) => c == 0x9F,
                _ => false,
            },
            // U+3000
            0xE3 => bytes.get(i + 1..i + 3) == Some(&[0x80, 0x80]),
            _ => false,
        }
    })
}

/// A headline is at most this many words long.
pub const TITLE_MAX_WORDS: usize = 30;

/// Whether `s` could be a headline: a few words starting with a capital,
/// a digit or a quote, not ending like a label or a clause.
pub fn is_title_like(s: &str, words: usize) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let starts_well = first.is_uppercase()
        || first.is_numeric()
        || matches!(first, '‘' | '“' | '"' | '\'' | '«')
        || (first.is_alphabetic() && !first.is_lowercase());
    starts_well
        && (1..=TITLE_MAX_WORDS).contains(&words)
        && s.len() <= 300
        && !s.ends_with([':', ',', ';'])
}

/// Whether `s` looks like a person's name on its own line: two to four
/// capitalised words of letters (hyphens, apostrophes, dots allowed).
pub fn is_name_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

/// A key for comparing lines that should count as the same text: letters
/// and digits only, lowercase.
pub fn compare_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `s` lowercased and stripped of surrounding punctuation and spaces, for
/// whole-line vocabulary lookups ("Please Wait..." → "please wait").
pub fn exact_key(s: &str) -> String {
    s.trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(ends_sentence("He said so.”"));
        assert!(ends_sentence("Really?"));
        assert!(!ends_sentence("A headline without a stop"));
        assert!(has_icon_token("folder_openSelected Articles"));
        assert!(!has_icon_token("snake_Case? No: user_ID"));
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  two\twords\r\n"), 2);
        // A vertical tab is not ASCII whitespace; a no-break space is a
        // separator.
        assert_eq!(word_count("a\u{b}b c"), 2);
        assert_eq!(word_count("a\u{a0}b ©c"), 3);
        assert_eq!(separator_count("a // b // c"), 2);
        assert_eq!(separator_count("/ a|b // c"), 1);
        assert_eq!(separator_count("a • b • c · d"), 2);
        assert!(!needs_squeeze("One plain line, “quoted” – dashed."));
        assert!(!needs_squeeze("One plain ASCII line.") && !needs_squeeze(""));
        for s in [
            "a  b",
            "a\tb",
            "a\u{a0}b",
            "a\u{2009}b",
            "a\u{3000}b",
            "a\nb",
            "a\u{b}b",
            "\t",
        ] {
            assert!(needs_squeeze(s), "{s:?}");
            assert!(s.chars().any(|c| c.is_whitespace() && c != ' ') || s.contains("  "));
        }
        assert!(is_title_like("‘Final battle’", 2));
        assert!(!is_title_like("Just in:", 2));
        assert!(is_name_like("Mary-Jane O'Neil"));
        assert!(!is_name_like("The end of it"));
        assert_eq!(exact_key("  Please Wait... "), "please wait");
        assert_eq!(trim_start_invisible("\u{650}AMMAN: x"), "AMMAN: x");
        assert!(has_lower_or_caseless("قتل"));
        assert!(!has_lower_or_caseless("ADVERTISEMENT 2"));
    }
}
