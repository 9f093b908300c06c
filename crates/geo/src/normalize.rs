//! The one transliteration rule that makes the spellings of a name meet.
//!
//! Arabic, Persian, Kurdish, Pashto, Somali and Cyrillic names reach English
//! text in many spellings: Mayadin, Mayadeen, al-Mayadin; Deir ez-Zor, Deir
//! e-Zor, Deir Ezzor, Dayr az Zawr; Albu Kamal, Abu Kamal, al-Bukamal. Short
//! vowels are not written in Arabic script, so transliterators disagree
//! mostly about vowels, about articles and about a few consonant groups.
//!
//! Every name, in the gazetteer and in text, is cut into tokens and each
//! token is normalised twice:
//!
//! - its **form**: ASCII-folded and lowercased, articles dropped, fused
//!   articles split off, morphemes with many spellings (Abu/Albu/Bou)
//!   rewritten, doubled letters collapsed. Equal forms are the same
//!   spelling up to punctuation and case.
//! - its **key**: the form with consonant digraphs folded (kh/k, q/k,
//!   dj/j...) and every vowel cluster, with the glides y and w unless they
//!   stand between vowels, reduced to one `a`. Equal keys are the same
//!   name in another transliteration. Keys index the gazetteer; forms only
//!   rank candidates, so a key can afford to be generous.
//!
//! The rule's word lists (articles, morphemes, digraphs) are data:
//! `data/gazetteer/translit.tsv`. The gazetteer records a hash of that file
//! and refuses to run with different rules than it was built with.

use rustc_hash::{FxHashMap, FxHashSet};

use unicode_normalization::char::decompose_canonical;

use crate::GeoError;

/// The rules of `translit.tsv`, ready to apply.
#[derive(Debug, Clone)]
pub struct Translit {
    articles: FxHashSet<String>,
    /// Vowel → the doubled consonants that make it a fused article.
    fused: Vec<(u8, Vec<u8>)>,
    morphemes: FxHashMap<String, String>,
    /// By first byte, then longest first, so "tsch" wins over "tch".
    digraphs: Vec<(Vec<u8>, Vec<u8>)>,
    /// The digraphs starting with each byte, as a range of `digraphs`:
    /// most letters start none, and none starts with the others.
    digraphs_from: [(usize, usize); 256],
    /// FNV-1a of the rules file, stored in the gazetteer header.
    pub fingerprint: u64,
}

/// Name of the rules file under `data/`.
pub const TRANSLIT_FILE: &str = "gazetteer/translit.tsv";

impl Translit {
    /// The shipped rules.
    pub fn load() -> Result<Self, GeoError> {
        let text = dateline_refdata::load_text(TRANSLIT_FILE)?;
        Self::parse(&text, TRANSLIT_FILE)
    }

    /// Rules from the text of a `translit.tsv`; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Self, GeoError> {
        let mut t = Translit {
            articles: FxHashSet::default(),
            fused: Vec::new(),
            morphemes: FxHashMap::default(),
            digraphs: Vec::new(),
            digraphs_from: [(0, 0); 256],
            fingerprint: fnv1a64(text.as_bytes()),
        };
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = |problem: &str| GeoError::Data {
                origin: format!("{origin}:{}", n + 1),
                problem: problem.to_string(),
            };
            match (f.first().copied(), f.len()) {
                (Some("article"), 2) => drop(t.articles.insert(f[1].to_string())),
                (Some("fused"), 3) if f[1].len() == 1 => {
                    t.fused.push((f[1].as_bytes()[0], f[2].as_bytes().to_vec()))
                }
                (Some("morpheme"), 3) => {
                    t.morphemes.insert(f[1].to_string(), f[2].to_string());
                }
                // Keys are folded in a buffer the size of the form.
                (Some("digraph"), 3) if f[2].len() > f[1].len() => {
                    return Err(bad("a digraph's replacement may not be longer than it"))
                }
                (Some("digraph"), 3) => t
                    .digraphs
                    .push((f[1].as_bytes().to_vec(), f[2].as_bytes().to_vec())),
                _ => {
                    return Err(bad(
                        "expected article/fused/morpheme/digraph with its fields",
                    ))
                }
            }
        }
        t.digraphs.sort_by(|a, b| {
            a.0.first()
                .cmp(&b.0.first())
                .then(b.0.len().cmp(&a.0.len()))
                .then(a.0.cmp(&b.0))
        });
        for (i, (from, _)) in t.digraphs.iter().enumerate() {
            if let Some(&first) = from.first() {
                let range = &mut t.digraphs_from[usize::from(first)];
                if range.0 == range.1 {
                    range.0 = i;
                }
                range.1 = i + 1;
            }
        }
        Ok(t)
    }

    /// Whether a folded token is an article (dropped before another token).
    pub fn is_article(&self, folded: &str) -> bool {
        self.articles.contains(folded)
    }

    /// The form of one folded token; `initial` when it starts its name.
    /// Whether the token opens with a fused article ("Assukhnah"), which
    /// only a name's first token keeps: otherwise both forms are the same.
    pub fn form(&self, folded: &str, initial: bool, out: &mut String) -> bool {
        let token = self.morphemes.get(folded).map_or(folded, String::as_str);
        let bytes = token.as_bytes();
        let fused = self.is_fused_article(bytes);
        let skip = usize::from(!initial && fused);
        let start = out.len();
        for &b in &bytes[skip..] {
            if out.len() > start && out.as_bytes()[out.len() - 1] == b {
                continue;
            }
            out.push(b as char);
        }
        fused
    }

    fn is_fused_article(&self, t: &[u8]) -> bool {
        t.len() > 3
            && t[1] == t[2]
            && self
                .fused
                .iter()
                .any(|(v, cons)| *v == t[0] && cons.contains(&t[1]))
    }

    /// The key of a token's form (see the module doc).
    pub fn key(&self, form: &str, out: &mut String) {
        // Digraphs never lengthen a form: most tokens fold on the stack.
        let mut stack = [0u8; 64];
        let mut heap = Vec::new();
        let buf: &mut [u8] = if form.len() <= stack.len() {
            &mut stack
        } else {
            heap.resize(form.len(), 0);
            &mut heap
        };
        let mut n = 0;
        let b = form.as_bytes();
        let mut i = 0;
        'outer: while i < b.len() {
            let (first, end) = self.digraphs_from[usize::from(b[i])];
            for (from, to) in &self.digraphs[first..end] {
                // Digraphs are short: a byte loop beats a call to memcmp.
                let rest = &b[i..];
                if rest.len() >= from.len() && rest.iter().zip(from).all(|(x, y)| x == y) {
                    buf[n..n + to.len()].copy_from_slice(to);
                    n += to.len();
                    i += from.len();
                    continue 'outer;
                }
            }
            buf[n] = b[i];
            n += 1;
            i += 1;
        }
        let mut folded = &buf[..n];
        // A final h after a vowel is a transliterated ta marbuta (Raqqah).
        if folded.len() > 2
            && folded[folded.len() - 1] == b'h'
            && is_vowel(folded[folded.len() - 2])
        {
            folded = &folded[..folded.len() - 1];
        }
        let mut in_vowels = false;
        let mut last = 0u8;
        for (j, &c) in folded.iter().enumerate() {
            // A glide is a consonant between vowels or starting a word
            // before one (Mayadin, Yemen); after a consonant it is a vowel
            // (Abyad = Abiad, Syria, Kenya).
            let next_is_vowel = folded.get(j + 1).is_some_and(|&n| is_vowel(n));
            let prev_is_vowel = j == 0 || is_vowel(folded[j - 1]);
            let glide = (c == b'y' || c == b'w') && !(next_is_vowel && prev_is_vowel);
            let vowelish = is_vowel(c) || glide;
            if vowelish {
                if !in_vowels {
                    out.push('a');
                    last = b'a';
                }
                in_vowels = true;
            } else {
                in_vowels = false;
                if c != last {
                    out.push(c as char);
                }
                last = c;
            }
        }
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// FNV-1a, 64 bits: stable across builds and platforms.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_extend(FNV1A64_START, bytes)
}

/// The FNV-1a state before any byte.
pub const FNV1A64_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a state `h` carried on over `bytes`: a name's hash is taken piece
/// by piece without joining its pieces.
pub fn fnv1a64_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Appends the ASCII lowercase fold of one token to `out`; false when the
/// token holds a letter outside the Latin script (such names are not
/// indexed: the text is English).
pub fn fold_token(token: &str, out: &mut String) -> bool {
    for c in token.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        if let Some(s) = fold_special(c) {
            out.push_str(s);
            continue;
        }
        let mut latin = true;
        let mut any = false;
        decompose_canonical(c, |d| {
            if d.is_ascii_alphanumeric() {
                out.push(d.to_ascii_lowercase());
                any = true;
            } else if !is_mark(d) {
                latin = false;
            }
        });
        if !latin || (!any && c.is_alphanumeric()) {
            return false;
        }
    }
    true
}

/// Latin letters that do not decompose into a base letter and marks.
fn fold_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŀ' | 'Ŀ' => "l",
        'ŧ' | 'Ŧ' => "t",
        'ƒ' => "f",
        'ə' | 'Ə' => "a",
        // Apostrophes, ayn and hamza signs: dropped inside a token.
        'ʿ' | 'ʾ' | 'ʻ' | 'ʼ' | '’' | '‘' | '`' | '´' | 'ʹ' | '′' => "",
        _ => return None,
    })
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}')
}

/// Whether `c` joins the letters around it into one token: letters, digits,
/// apostrophe-like signs inside a word ("Ma'arrat"), and combining marks.
pub fn is_token_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Apostrophes that may sit inside a transliterated name.
pub fn is_inner_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʿ' | 'ʾ' | 'ʻ' | 'ʼ' | '‘' | '`')
}

/// The byte spans of the tokens of `s`: runs of letters and digits, with
/// apostrophes between letters kept inside ("Ma'arrat") except a possessive
/// "'s" at the end of a word.
pub fn token_spans(s: &str) -> Vec<(usize, usize)> {
    // English runs about six bytes a token, space included.
    let mut spans = Vec::with_capacity(s.len() / 5);
    let mut start: Option<usize> = None;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most news text is ASCII: a run of ASCII letters and digits is
        // read a byte at a time, and only other characters are decoded.
        if bytes[i].is_ascii_alphanumeric() {
            start.get_or_insert(i);
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        let c = match bytes[i] {
            b if b.is_ascii() => char::from(b),
            _ => match s[i..].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        let next = i + c.len_utf8();
        if is_token_char(c) {
            start.get_or_insert(i);
            i = next;
            continue;
        }
        if let Some(st) = start {
            if is_inner_apostrophe(c) {
                let rest = &s[next..];
                if is_possessive(rest) {
                    // Skip the "s" of "Raqqa's": it is not a token of its own.
                    spans.push((st, i));
                    start = None;
                    i = next + 1;
                    continue;
                }
                if rest.chars().next().is_some_and(char::is_alphabetic) {
                    i = next;
                    continue;
                }
            }
            spans.push((st, i));
            start = None;
        }
        i = next;
    }
    if let Some(st) = start {
        spans.push((st, s.len()));
    }
    spans
}

/// Whether the text after an apostrophe is a possessive "s" ending the word.
fn is_possessive(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('s' | 'S')) && !chars.next().is_some_and(is_token_char)
}

/// The normalised form and key of a whole name, as stored in the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    pub key: String,
    pub form: String,
}

impl Translit {
    /// Form and key of a gazetteer name; `None` for names that cannot match
    /// English text (non-Latin script) or normalise to nothing.
    pub fn name_key(&self, name: &str) -> Option<NameKey> {
        let mut folded = Vec::new();
        for (s, e) in token_spans(name) {
            let mut f = String::new();
            if !fold_token(&name[s..e], &mut f) {
                return None;
            }
            if !f.is_empty() {
                folded.push(f);
            }
        }
        let mut form = String::new();
        let mut key = String::new();
        let mut initial = true;
        for (i, f) in folded.iter().enumerate() {
            if i + 1 < folded.len() && self.is_article(f) {
                continue;
            }
            let mut tf = String::new();
            self.form(f, initial, &mut tf);
            self.key(&tf, &mut key);
            form.push_str(&tf);
            initial = false;
        }
        (key.len() >= 2).then_some(NameKey { key, form })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Translit {
        Translit::parse(
            include_str!("../../../data/gazetteer/translit.tsv"),
            "translit.tsv",
        )
        .unwrap()
    }

    fn key(t: &Translit, s: &str) -> String {
        t.name_key(s).unwrap().key
    }

    fn assert_meet(spellings: &[&str]) {
        let t = rules();
        let k0 = key(&t, spellings[0]);
        for s in spellings {
            assert_eq!(key(&t, s), k0, "{s} should meet {}", spellings[0]);
        }
    }

    #[test]
    fn transliterations_meet() {
        assert_meet(&[
            "Mayadin",
            "Mayadeen",
            "al-Mayadin",
            "Al Mayadeen",
            "Al Mayādīn",
        ]);
        assert_meet(&[
            "Deir al-Zor",
            "Deir e-Zor",
            "Deir Ezzor",
            "Deir al-Zour",
            "Deir ez-Zor",
            "Dayr az Zawr",
            "Dayr az Zawr",
        ]);
        assert_meet(&[
            "Albu Kamal",
            "Abu Kamal",
            "al-Bukamal",
            "Bukamal",
            "Al Bū Kamāl",
        ]);
        assert_meet(&["Raqqa", "Raqqah", "ar-Raqqa", "Ar Raqqah", "Rakka"]);
        assert_meet(&["Sukhneh", "Sukhnah", "As Sukhnah"]);
        assert_meet(&["Husayniya", "al-Husayniyah", "Husseiniyeh"]);
        assert_meet(&["Qamishli", "Kamishli", "Al-Qamishli"]);
        assert_meet(&["Tell Abyad", "Tal Abyad", "Tal Abiad"]);
    }

    #[test]
    fn different_names_stay_apart() {
        let t = rules();
        assert_ne!(key(&t, "Basra"), key(&t, "Busayrah"));
        assert_ne!(key(&t, "Mayadin"), key(&t, "Medan"));
        assert_ne!(key(&t, "Mosul"), key(&t, "Sirte"));
    }

    #[test]
    fn forms_tell_spellings_apart() {
        let t = rules();
        let a = t.name_key("Mayadeen").unwrap();
        let b = t.name_key("Mayadin").unwrap();
        assert_eq!(a.key, b.key);
        assert_ne!(a.form, b.form);
        assert_eq!(t.name_key("al-Mayadin").unwrap().form, b.form);
    }

    #[test]
    fn tokens_keep_inner_apostrophes_but_not_possessives() {
        let s = "Ma'arrat and Raqqa's center";
        let toks: Vec<&str> = token_spans(s).iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(toks, ["Ma'arrat", "and", "Raqqa", "center"]);
    }

    #[test]
    fn non_latin_names_are_not_indexed() {
        let t = rules();
        assert!(t.name_key("دير الزور").is_none());
        assert!(t.name_key("Пальмира").is_none());
        assert_eq!(t.name_key("Ţarţūs").unwrap().form, "tartus");
    }
}
