//! Language detection, reported as ISO 639-1 codes.
//!
//! First a cheap look at function words: when one language's commonest
//! words (data/clean/stopwords.tsv) clearly dominate the opening of the
//! text, that is the language. Otherwise the trigram detector whatlang
//! decides, on a sample. Most news input is settled by the first step,
//! which costs a fraction of the second.

use crate::vocab::Vocab;

/// Words looked at by the function-word test.
const SAMPLE_WORDS: usize = 60;
/// The test needs this many words to decide...
const MIN_WORDS: usize = 12;
/// ...the winner's words must make up this share of them (in percent)...
const MIN_SHARE: usize = 25;
/// ...and outnumber the runner-up's this many times.
const MARGIN: usize = 2;
/// The statistical detector reads at most this much...
const SAMPLE_BYTES: usize = 600;
/// ...and guesses nothing for fewer words than this.
const MIN_GUESS_WORDS: usize = 4;

/// The ISO 639-1 code of `text`'s language, `None` when it is too short or
/// no detector knows it.
pub fn detect_language(text: &str, vocab: &Vocab) -> Option<String> {
    by_function_words(text, vocab).or_else(|| by_trigrams(text, vocab))
}

fn by_function_words(text: &str, vocab: &Vocab) -> Option<String> {
    let mut hits = vec![0usize; vocab.stop_langs.len()];
    let mut words = 0;
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(SAMPLE_WORDS)
    {
        words += 1;
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        if let Some(&bits) = vocab.stopwords.get(lower.as_str()) {
            for (i, hit) in hits.iter_mut().enumerate() {
                *hit += ((bits >> i) & 1) as usize;
            }
        }
    }
    if words < MIN_WORDS {
        return None;
    }
    let mut ranked: Vec<(usize, usize)> =
        hits.into_iter().enumerate().map(|(i, h)| (h, i)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    let (best, lang) = *ranked.first()?;
    let second = ranked.get(1).map_or(0, |r| r.0);
    (best * 100 >= words * MIN_SHARE && best >= second * MARGIN)
        .then(|| vocab.stop_langs[lang].clone())
}

fn by_trigrams(text: &str, vocab: &Vocab) -> Option<String> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if crate::shape::word_count(&text[..end]) < MIN_GUESS_WORDS {
        return None;
    }
    let info = whatlang::detect(&text[..end])?;
    vocab.languages.get(info.lang().code()).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(text: &str) -> Option<String> {
        detect_language(text, &Vocab::load().unwrap())
    }

    // Invented sentences.
    #[test]
    fn detects_common_languages() {
        assert_eq!(lang("The minister said on Monday that the talks with the rebels would resume in the capital after a pause of several months.").as_deref(), Some("en"));
        assert_eq!(lang("Le ministre a déclaré lundi que les négociations avec les rebelles reprendraient dans la capitale après une pause de plusieurs mois.").as_deref(), Some("fr"));
        assert_eq!(lang("El ministro dijo el lunes que las negociaciones con los rebeldes se reanudarán en la capital después de una pausa de varios meses.").as_deref(), Some("es"));
        assert_eq!(lang("قال الوزير يوم الاثنين إن المحادثات مع المتمردين ستستأنف في العاصمة بعد توقف دام عدة أشهر وسط مخاوف من تجدد القتال").as_deref(), Some("ar"));
        assert_eq!(lang("Министр заявил в понедельник, что переговоры с повстанцами возобновятся в столице после перерыва в несколько месяцев.").as_deref(), Some("ru"));
        assert_eq!(lang("ok").as_deref(), None);
    }
}
