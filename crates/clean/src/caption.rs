//! Photo captions: text on the page that describes a picture, not the
//! story.

use crate::vocab::Vocab;

/// Whether `line` ends with a photo credit ("REUTERS/Jane Doe", "(...
/// via AP, File)", "AFP photo"). Caption phrases ("Photo courtesy of")
/// are found with the other vocabulary cues.
pub fn is_caption(line: &str, vocab: &Vocab) -> bool {
    let line = line.trim_end_matches(['.', ' ']);
    // "(Militant Photo via AP, File)"
    if let Some(inner) = line
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once('('))
        .map(|(_, i)| i)
    {
        if inner.split_whitespace().count() <= 8 && has_credit_word(inner, vocab) {
            return true;
        }
    }
    // "REUTERS/Rodi Said", "AP Photo/Jane Doe": a credit, a slash, a name.
    let mut tail_start = line.len().saturating_sub(60);
    while !line.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    let tail = &line[tail_start..];
    if let Some((before, after)) = tail.rsplit_once('/') {
        let credit = before.rsplit(['.', ',', ';']).next().unwrap_or("").trim();
        let credited = vocab.credits.iter().any(|c| credit.ends_with(c.as_str()));
        if credited && after.split_whitespace().count() <= 5 && !after.contains(['.', '?']) {
            return true;
        }
    }
    // "... AFP photo", "Photo: AFP"
    let last_words: Vec<&str> = line.rsplit(' ').take(2).collect();
    matches!(last_words.as_slice(), [last, credit] if last.eq_ignore_ascii_case("photo") && vocab.credits.iter().any(|c| c == credit))
}

/// Whether `text` names a credit as a whole word ("AP", not "APC").
fn has_credit_word(text: &str, vocab: &Vocab) -> bool {
    let lower = text.to_lowercase();
    lower.contains("photo")
        || vocab.credits.iter().any(|credit| {
            text.match_indices(credit.as_str()).any(|(i, m)| {
                let before = text[..i].chars().next_back();
                let after = text[i + m.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Invented lines.
    #[test]
    fn credits_end_captions() {
        let v = Vocab::load().unwrap();
        assert!(is_caption(
            "Smoke rises over the port, March 3, 2024. REUTERS/Invented Name",
            &v
        ));
        assert!(is_caption(
            "Fighters in training. (Militant Photo via AP, File)",
            &v
        ));
        assert!(is_caption("Burnt trucks on the road. AFP photo", &v));
        assert!(is_caption(
            "Residents wait for aid. AP Photo/Invented Name",
            &v
        ));
        assert!(!is_caption(
            "The ministry said 24/7 patrols would continue in the area.",
            &v
        ));
        assert!(!is_caption(
            "A Reuters/Ipsos poll showed most voters were undecided this week.",
            &v
        ));
        assert!(!is_caption("Talks resumed on Monday (local time).", &v));
        assert!(!is_caption(
            "The APC said it would contest the result (APC)",
            &v
        ));
    }
}
