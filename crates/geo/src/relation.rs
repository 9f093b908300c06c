//! Relative locations (spec §4): "40 km north of X", "west of X", "the
//! outskirts of X", "near X", "the road from X", "the eastern bank of the
//! Euphrates", "the X countryside". The anchor stays the place; the cue
//! lowers the precision to 2.

use crate::context::Context;
use crate::normalize::Translit;
use crate::recognize::{Case, Fold, Tokens};
use crate::{Relation, RelationKind};

/// How many tokens before a name a cue may start.
const WINDOW: usize = 8;

/// The relation cue around the name spanning tokens `first..=last`.
pub fn find(
    tokens: &mut Tokens,
    first: usize,
    last: usize,
    ctx: &Context,
    t: &Translit,
) -> Option<Relation> {
    before(tokens, first, ctx, t).or_else(|| after(tokens, last, ctx, t))
}

/// Lowercase words before token `first`, nearest first, stopping at a
/// sentence boundary or a capitalised word.
fn window(tokens: &mut Tokens, first: usize, t: &Translit) -> Vec<(usize, Fold)> {
    let mut w = Vec::new();
    let mut i = first;
    while i > 0 && w.len() < WINDOW {
        if tokens.toks[i].sentence_start || !gap_is_space(tokens, i) {
            break;
        }
        i -= 1;
        let case = tokens.toks[i].case;
        if case.capitalised() && !tokens.toks[i].sentence_start {
            break;
        }
        w.push((i, tokens.fold(i, t)));
    }
    w
}

/// Whether only spaces or a hyphen separate token `i` from the one before.
fn gap_is_space(tokens: &Tokens, i: usize) -> bool {
    let gap = &tokens.text[tokens.toks[i - 1].end..tokens.toks[i].start];
    gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}')
}

fn before(tokens: &mut Tokens, first: usize, ctx: &Context, t: &Translit) -> Option<Relation> {
    let folds = window(tokens, first, t);
    let tokens = &*tokens;
    let w: Vec<(usize, &str)> = folds
        .iter()
        .map(|&(i, f)| (i, tokens.fold_str(f)))
        .collect();
    // Skip fillers ("the border town of") between the cue and the name.
    let mut k = 0;
    loop {
        if let Some(r) = cue_ending_at(tokens, &w, k, ctx) {
            return Some(r);
        }
        match w.get(k) {
            Some(&(_, word)) if ctx.fillers.contains(word) => k += 1,
            _ => return None,
        }
    }
}

/// A cue whose last word is `w[k]`.
fn cue_ending_at(
    tokens: &Tokens,
    w: &[(usize, &str)],
    k: usize,
    ctx: &Context,
) -> Option<Relation> {
    // "[40 km] north[-east] of [the]"
    if w.get(k).is_some_and(|&(_, s)| s == "of") {
        let mut d = k + 1;
        while w.get(d).is_some_and(|&(_, s)| ctx.directions.contains(s)) {
            d += 1;
        }
        if d > k + 1 {
            // Distance: "40 km", "40km", "about 190 kilometers".
            if w.get(d)
                .is_some_and(|&(_, s)| ctx.units.contains(s) || is_distance(s, ctx))
            {
                d += usize::from(!is_distance(w[d].1, ctx));
                if w.get(d)
                    .is_some_and(|&(_, s)| s.chars().all(|c| c.is_ascii_digit()))
                {
                    d += 1;
                }
            }
            return Some(relation(tokens, w, k, d - 1, RelationKind::Direction));
        }
    }
    // "150 km from [the city of]": somewhere at that distance from it.
    if w.get(k).is_some_and(|&(_, s)| s == "from") {
        let digits = |d: usize| {
            w.get(d)
                .is_some_and(|&(_, s)| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        };
        if w.get(k + 1).is_some_and(|&(_, s)| is_distance(s, ctx)) {
            return Some(relation(tokens, w, k, k + 1, RelationKind::Near));
        }
        if w.get(k + 1).is_some_and(|&(_, s)| ctx.units.contains(s)) && digits(k + 2) {
            return Some(relation(tokens, w, k, k + 2, RelationKind::Near));
        }
    }
    // "eastern Deir e-Zor", "southeast Raqqa": part of the place, when
    // right before the name; in "the northern city of Kunduz" the compass
    // word tells where the place lies, and the place itself is meant.
    if k == 0 && w.first().is_some_and(|&(_, s)| ctx.directions.contains(s)) {
        return Some(relation(tokens, w, k, k, RelationKind::PartOf));
    }
    for (phrase, kind) in &ctx.before {
        let n = phrase.len();
        if k + n > w.len() {
            continue;
        }
        // w is nearest first: phrase[n-1] is w[k], phrase[0] is w[k+n-1].
        if (0..n).all(|p| w[k + n - 1 - p].1 == phrase[p]) {
            return Some(relation(tokens, w, k, k + n - 1, *kind));
        }
    }
    None
}

/// "40km" written as one token.
fn is_distance(s: &str, ctx: &Context) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && ctx.units.contains(&s[digits..])
}

fn relation(
    tokens: &Tokens,
    w: &[(usize, &str)],
    near: usize,
    far: usize,
    kind: RelationKind,
) -> Relation {
    let start = tokens.toks[w[far].0].start;
    let end = tokens.toks[w[near].0].end;
    Relation {
        start,
        end,
        kind,
        text: tokens.text[start..end].to_string(),
    }
}

/// "the Deir e-Zor countryside", "Raqqa's outskirts".
fn after(tokens: &mut Tokens, last: usize, ctx: &Context, t: &Translit) -> Option<Relation> {
    let next = last + 1;
    if next >= tokens.len() || tokens.toks[next].case != Case::Lower {
        return None;
    }
    let gap = &tokens.text[tokens.toks[last].end..tokens.toks[next].start];
    if !gap.chars().all(|c| c == ' ' || c == '’' || c == '\'') || gap.len() > 4 {
        return None;
    }
    let kind = *ctx.after.get(tokens.folded(next, t))?;
    let tok = &tokens.toks[next];
    Some(Relation {
        start: tok.start,
        end: tok.end,
        kind,
        text: tokens.text[tok.start..tok.end].to_string(),
    })
}
