//! The geoparser's pipeline for one text: find names, keep the ones that
//! are places, resolve them together, then read relation cues and
//! precision.

use std::sync::{Arc, RwLock};

use rustc_hash::FxHashMap;

use crate::context::TypeWord;
use crate::gazetteer::format::{abbreviation_fnv, hash24, NameKind};
use crate::gazetteer::Code;
use crate::recognize::{Case, RawMatch, Tokens};
use crate::resolve::{self, Cand, NameSite};
use crate::{relation, GeoHints, Geoparser, PlaceMention};

/// Most postings read for one name (they are stored most important
/// first), and most candidates kept of those not spelled as written.
const MAX_CANDIDATES: usize = 128;
const MAX_VARIANTS: usize = 16;

/// A name accepted as a toponym, before resolution.
struct Site {
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    site: NameSite,
    /// Inside a longer capitalised phrase ("Natural Resource Operations",
    /// "Bethlehem University"): a small place there is rarely meant.
    embedded: bool,
    /// A compass word and a stretch of land ("the West Coast"): a place
    /// only in a country the article points at.
    descriptor: bool,
    /// Owner of a capitalised phrase ("Palmyra's Roman Theatre").
    possessor: bool,
    /// One word in capitals that is not an abbreviation ("CAFE", "LINE"):
    /// headlines and acronyms, rarely a small place.
    shouting: bool,
    /// The next name, which the text says holds this one ("Kaya village
    /// in Zamfara state", "Wad Madani (Al Jazirah)").
    inside_next: bool,
}

/// Most letters of a name in capitals read as a code ("WA", "SOL").
const MAX_CODE_LETTERS: usize = 3;

/// Below this population a place needs the article's support.
const SMALL: u64 = 50_000;
/// From this population a city is known abroad by its other names
/// ("Cologne", "Munich") whatever else the article names.
const KNOWN_ABROAD: u64 = 1_000_000;

/// A reading scoring this close to the chosen one contests it.
const CONTESTED_MARGIN: f64 = 1.5;

/// The support of the other names from which an article points at a
/// country: one place named with confidence, more than one nationality
/// (each weighs half, `resolve::vote`).
const POINTS_AT_COUNTRY: f64 = 1.0;

/// Namesakes further apart than this are different answers (the km of the
/// usual acc@161 measure).
const NAMESAKE_KM: f64 = 161.0;

pub fn parse(geo: &Geoparser, text: &str, hints: &GeoHints) -> Vec<PlaceMention> {
    let g = &geo.gazetteer;
    let t = g.translit();
    let ctx = &geo.context;
    let mut tokens = Tokens::new(text);
    let mut sites: Vec<Site> = Vec::new();
    let mut cache = Candidates::default();
    let mut shorter = Vec::new();
    let mut spare = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(longest) = tokens.longest_at(i, geo, &mut shorter) else {
            i += 1;
            continue;
        };
        if hides_longer_name(geo, &mut tokens, &longest, &mut spare) {
            i += 1;
            continue;
        }
        // The longest name spelled as some place's, else the longest name,
        // else a shorter one that ends capitalised.
        let mut accepted = None;
        for m in std::iter::once(longest).chain(shorter.iter().copied()) {
            let Some(site) = accept(geo, &mut tokens, &m, &mut cache) else {
                continue;
            };
            if site.site.cands.iter().any(|c| c.exact) {
                accepted = Some((m, site));
                break;
            }
            accepted.get_or_insert((m, site));
        }
        match accepted {
            Some((m, site)) => {
                i = m.last + 1;
                sites.push(site);
            }
            None => i += 1,
        }
    }
    mark_name_pieces(&mut sites, &mut tokens, ctx, t);
    // "Paris, Texas": a name right after ", " may pin the one before;
    // "California or Washington", "Alaska, Hawaii, Washington":
    // coordinated or listed names are siblings.
    for k in 1..sites.len() {
        let gap = &text[sites[k - 1].end..sites[k].start];
        let inside = states_containment(gap, ctx);
        sites[k - 1].inside_next = inside;
        if gap == ", " || inside {
            sites[k - 1].site.pinned_by = Some(k);
            sites[k].site.pins = Some(k - 1);
        }
        if matches!(gap, ", " | " and " | " or " | ", and " | ", or " | " & ") {
            sites[k - 1].site.siblings.push(k);
            sites[k].site.siblings.push(k - 1);
        }
    }
    mark_dateline(&mut sites, &tokens, hints, t, g);
    // A name inside a group's name ("Al-Shabaab") says nothing of where.
    let in_group = |s: &Site| {
        hints
            .group_names
            .iter()
            .any(|&(a, b)| a <= s.start && s.end <= b)
    };
    for s in sites.iter_mut() {
        s.site.weak |= in_group(s);
    }

    let extra = hint_countries(geo, hints);
    // The sites' own copies are not read after this.
    let mut name_sites: Vec<NameSite> = sites
        .iter_mut()
        .map(|s| std::mem::take(&mut s.site))
        .collect();
    let choice = resolve::resolve(g, &mut name_sites, &extra);
    let chosen_record = |k: usize| {
        choice[k]
            .as_ref()
            .map(|ch| name_sites[k].cands[ch.index].record)
    };

    let mut out = Vec::new();
    for (k, ((s, ns), ch)) in sites.iter().zip(&name_sites).zip(&choice).enumerate() {
        let Some(ch) = ch else { continue };
        // The text says which division holds the place: a namesake outside
        // it is not the place meant (and the place may be one the gazetteer
        // lacks).
        let outside_container = s.inside_next
            && chosen_record(k + 1).is_some_and(|outer| {
                chosen_record(k).is_some_and(|inner| {
                    holds_rank(g, outer) > holds_rank(g, inner) && known_outside(g, outer, inner)
                })
            });
        if outside_container {
            continue;
        }
        // The best candidate spelled as written, or a transliteration
        // variant of a place in one of the article's main countries.
        let surface = &text[s.start..s.end];
        let acceptable = |c: &Cand| {
            c.exact
                || (ch.support(c.country()) >= 0.5 * ch.max_support
                    && variant_supported(geo, &name_sites, ns, c, surface, &extra))
        };
        let chosen = ns.cands[ch.index];
        let best = if acceptable(&chosen) {
            Some(chosen)
        } else {
            ns.cands
                .iter()
                .filter(|c| acceptable(c))
                .max_by(|a, b| a.score.total_cmp(&b.score))
                .copied()
        };
        let Some(c) = best else { continue };
        let r = g.rec(c.record);
        let minor = is_minor(g, c.record);
        // A small place in a country the article names only in passing,
        // with no other place named near it, is another word that happens
        // to be a place name there ("Leader" in a Lagos story with a word
        // on Washington is no village in Cuba).
        let small = r.population() < SMALL && !r.handkept() && !is_region(g, c.record);
        let unanchored = small
            && ch.max_support >= POINTS_AT_COUNTRY
            && ch.support(r.country()) < 0.5 * ch.max_support
            && ns.pinned_by.is_none()
            && {
                let near_place = near(g, c.record);
                !(0..sites.len()).any(|o| chosen_record(o).is_some_and(&near_place))
            };
        // A minor place in a capitalised phrase ("Marigny Plantation", "St.
        // Peter's Basilica"), or in a country the article is not about
        // while it clearly is about another, is another word that happens
        // to be a place name somewhere.
        let out_of_context =
            ch.support(r.country()) < 0.2 * ch.max_support && ch.max_support >= 2.0;
        // A minor place the article does not tell from a namesake far
        // away, nor pins ("Palmyra, New York"), is as likely a wrong guess
        // as a right one.
        // Another language's name for a town abroad ("Boni" is also Bern)
        // when the article points at some country but never at that one.
        // A nationality alone ("Israeli strikes") points at who acts, not
        // where: it takes a place named, or several nationalities.
        let foreign_alternate = c.kind == NameKind::Alternate
            && ch.max_support >= POINTS_AT_COUNTRY
            && ch.support(r.country()) == 0.0
            && r.population() < KNOWN_ABROAD
            && !is_region(g, c.record);
        let country = g.is_country(c.record);
        let group_word = in_group(s) && !country && c.kind != NameKind::Demonym;
        if foreign_alternate
            || group_word
            || ((minor || out_of_context || c.kind == NameKind::Alternate)
                && s.embedded
                && !country)
            || (out_of_context && s.possessor && !country)
            || (s.descriptor && ch.support(r.country()) == 0.0)
            || (minor && out_of_context)
            || unanchored
            || (minor && s.shouting)
            || (minor && ns.pinned_by.is_none() && contested(g, &ns.cands, &c, CONTESTED_MARGIN))
        {
            continue;
        }
        let place = g.place(c.record);
        let relation = relation::find(&mut tokens, s.first, s.last, ctx, t);
        let precision = precision(g, c.record, relation.is_some());
        let (start, end) = (s.start, s.end);
        out.push(PlaceMention {
            start,
            end,
            text: text[start..end].to_string(),
            place,
            precision,
            relation,
            demonym: c.kind == NameKind::Demonym,
            dateline: ns.dateline,
            score: c.score,
        });
    }
    out
}

/// Whether name `m` opens with a function word ("The Turtle", some town's
/// other name) and a name after that word ends on a capitalised word
/// further on ("The Turtle Rock" is Turtle Rock): the longer name is read
/// instead.
fn hides_longer_name(
    geo: &Geoparser,
    tokens: &mut Tokens,
    m: &RawMatch,
    spare: &mut Vec<RawMatch>,
) -> bool {
    let t = geo.gazetteer.translit();
    let ctx = &geo.context;
    m.last > m.first
        && capitalised_at(tokens, m.first)
        && ctx.function.contains(tokens.folded(m.first, t))
        && tokens
            .longest_at(m.first + 1, geo, spare)
            .into_iter()
            .chain(spare.iter().copied())
            .any(|next| next.last > m.last && capitalised_at(tokens, next.last))
}

/// Marks as embedded the names that are pieces of a longer name the
/// gazetteer lacks: joined by a hyphen to a word ("Champs-Élysées",
/// "Dasht-e-Barchi") or after a connector ("Maguindanao del Sur"). Two
/// names joined by a hyphen, each spelled as some place's, are a pair, not
/// one name ("the Syria-Turkey border"); "Élysées" is only some town's
/// name respelled.
fn mark_name_pieces(
    sites: &mut [Site],
    tokens: &mut Tokens,
    ctx: &crate::context::Context,
    t: &crate::normalize::Translit,
) {
    for k in 0..sites.len() {
        let (first, last) = (sites[k].first, sites[k].last);
        let name_at = |site: &Site, i: usize| {
            tokens.toks[i].case.capitalised() && site.site.cands.iter().any(|c| c.exact)
        };
        let pair_before = k > 0 && sites[k - 1].last + 1 == first && name_at(&sites[k - 1], first);
        let pair_after = sites
            .get(k + 1)
            .is_some_and(|n| n.first == last + 1 && name_at(n, n.first));
        let piece = (!pair_before && hyphen_word_before(tokens, first, ctx, t))
            || (!pair_after && hyphen_word_after(tokens, last))
            || after_connector(tokens, first, ctx, t);
        sites[k].embedded |= piece;
    }
}

/// Whether a hyphen joins token `i` to a word of a longer name before it:
/// a capitalised word ("Dasht-e"), not an article ("al-Raqqa" is the name)
/// nor a combining form ("Sino-Russian"), or a lowercase piece hyphenated
/// to one ("Stratford-upon-Avon").
fn hyphen_word_before(
    tokens: &mut Tokens,
    i: usize,
    ctx: &crate::context::Context,
    t: &crate::normalize::Translit,
) -> bool {
    if i == 0 || !tokens.toks[i].hyphen_before {
        return false;
    }
    let p = i - 1;
    match tokens.toks[p].case {
        Case::Title | Case::Upper => {
            !tokens.norm(p, t).article && !ctx.combining.contains(tokens.folded(p, t))
        }
        Case::Lower => p > 0 && tokens.toks[p].hyphen_before && capitalised_at(tokens, p - 1),
        Case::Other => false,
    }
}

/// Whether a hyphen joins token `i` to a word of a longer name after it: a
/// capitalised word ("Champs-Élysées"), or a lowercase piece hyphenated to
/// one ("Dasht-e-Barchi").
fn hyphen_word_after(tokens: &Tokens, i: usize) -> bool {
    let n = i + 1;
    let Some(next) = tokens.toks.get(n) else {
        return false;
    };
    if !next.hyphen_before {
        return false;
    }
    match next.case {
        Case::Title | Case::Upper => true,
        Case::Lower => tokens
            .toks
            .get(n + 1)
            .is_some_and(|w| w.hyphen_before && w.case.capitalised()),
        Case::Other => false,
    }
}

/// Whether token `i` follows a connector inside a capitalised name
/// ("Maguindanao del Sur", "Reggio di Calabria").
fn after_connector(
    tokens: &mut Tokens,
    i: usize,
    ctx: &crate::context::Context,
    t: &crate::normalize::Translit,
) -> bool {
    if i < 2 || !spaced(tokens, i) || !spaced(tokens, i - 1) {
        return false;
    }
    tokens.toks[i - 1].case == Case::Lower
        && capitalised_at(tokens, i - 2)
        && ctx.connectors.contains(tokens.folded(i - 1, t))
}

/// Whether token `i` is joined to the one before by a space.
fn spaced(tokens: &Tokens, i: usize) -> bool {
    tokens.toks[i].joined && !tokens.toks[i].hyphen_before
}

fn capitalised_at(tokens: &Tokens, i: usize) -> bool {
    tokens.toks[i].case.capitalised()
}

/// Whether another place than `place` holds it or lies within namesake
/// distance of it: a test asked of every other name of the text, so what
/// it reads of `place` is read once.
fn near(g: &crate::Gazetteer, place: u32) -> impl Fn(u32) -> bool + '_ {
    let a = g.rec(place);
    let (lat, lon) = (a.lat(), a.lon());
    let cos_lat = lat.to_radians().cos();
    let holders = [g.admin1_record(place), g.admin2_record(place)];
    move |other| {
        if other == place {
            return false;
        }
        if holders.contains(&Some(other)) {
            return true;
        }
        let b = g.rec(other);
        !is_region(g, other)
            && crate::resolve::fast_km(lat, cos_lat, lon, b.lat(), b.lon()) < NAMESAKE_KM
    }
}

/// Whether place `inner` is known to lie outside division `outer`: in
/// another country, or in another division of the level of `outer` (a
/// ridge across two provinces, with none recorded, is not known outside
/// either).
fn known_outside(g: &crate::Gazetteer, outer: u32, inner: u32) -> bool {
    let (o, i) = (g.rec(outer), g.rec(inner));
    if o.country() != i.country() {
        return true;
    }
    let within = match g.code(outer) {
        Code::Adm1 => g.admin1_record(inner),
        Code::Adm2 => g.admin2_record(inner),
        _ => return false,
    };
    within.is_some_and(|w| w != outer)
}

/// How much a place may hold: a country its divisions, a first-level
/// division its second-level ones, those their towns.
fn holds_rank(g: &crate::Gazetteer, rec: u32) -> u8 {
    match g.code(rec) {
        Code::Continent => 4,
        Code::Country => 3,
        Code::Adm1 => 2,
        Code::Adm2 => 1,
        _ => 0,
    }
}

/// Whether the gap between two names says the second holds the first:
/// "Aleppo in Syria", "Kaya village in Zamfara state", "Bogoro, in Congo",
/// "Wad Madani (Al Jazirah)".
fn states_containment(gap: &str, ctx: &crate::context::Context) -> bool {
    if gap == " (" {
        return true;
    }
    // Most gaps are sentences apart: no need to read them.
    if gap.len() > 24 {
        return false;
    }
    let mut words = gap
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    match (words.next(), words.next(), words.next()) {
        (Some("in"), None, _) => true,
        (Some(kind), Some("in"), None) => ctx
            .type_words
            .get(&kind.to_lowercase())
            .is_some_and(|&t| t == TypeWord::Settlement),
        _ => false,
    }
}

/// A spelling variant ("Mayadeen" for Al Mayadin) is trusted only when it
/// stays close to the place's own name and the article's geography
/// supports it (another name in the same country, or the dateline's
/// country): without this, surnames and brand names that look like some
/// town's transliteration would become places.
fn variant_supported(
    geo: &Geoparser,
    all: &[NameSite],
    me: &NameSite,
    c: &Cand,
    surface: &str,
    hint: &[([u8; 2], f64)],
) -> bool {
    let g = &geo.gazetteer;
    let r = g.rec(c.record);
    // The spelling test normalises two names: it comes last.
    let supported = r.handkept()
        || r.country().is_some_and(|cc| {
            geo.context.translit_countries.contains(&cc)
                && (hint.iter().any(|(h, _)| *h == cc)
                    || all.iter().any(|o| {
                        !std::ptr::eq(o, me)
                            && o.cands
                                .iter()
                                .any(|oc| oc.exact && g.rec(oc.record).country() == Some(cc))
                    }))
        });
    supported && close_spelling(g, c.record, surface)
}

/// Whether the text's spelling is within a third of its letters of the
/// place's own name (both as forms), counting edits on the forms.
fn close_spelling(g: &crate::Gazetteer, rec: u32, surface: &str) -> bool {
    let (Some(a), Some(b)) = (g.name_key(surface), g.name_key(g.name(rec))) else {
        return false;
    };
    let d = levenshtein(a.form.as_bytes(), b.form.as_bytes());
    d * 3 <= a.form.len().max(b.form.len())
}

fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Countries, divisions, continents and regions.
fn is_region(g: &crate::Gazetteer, rec: u32) -> bool {
    g.is_country(rec) || matches!(g.rec(rec).feature_class(), b'A' | b'L' | b'H' | b'T')
}

/// A place too small to be known by a name it shares with others: under
/// twice `SMALL`, not hand-kept, not a country, province or continent.
fn is_minor(g: &crate::Gazetteer, rec: u32) -> bool {
    let r = g.rec(rec);
    r.population() < 2 * SMALL
        && !r.handkept()
        && !g.is_country(rec)
        && !matches!(g.code(rec), Code::Adm1 | Code::Continent)
}

/// Spec §4: 1 the place itself; 2 near or part of it, a district, a river;
/// 3 only a province, a region or a country.
fn precision(g: &crate::Gazetteer, rec: u32, related: bool) -> u8 {
    let class = g.rec(rec).feature_class();
    let base = match (class, g.code(rec)) {
        (_, Code::Country | Code::Adm1 | Code::Continent | Code::Region | Code::Admd) => 3,
        (b'L', _) => 3,
        (b'A', _) | (b'H', _) | (b'T', _) => 2,
        _ => 1,
    };
    if related {
        base.max(2)
    } else {
        base
    }
}

/// Countries known from outside the body: the dateline's, and those of
/// the places the title names ("Yemen: camp attack"), which say what the
/// article is about as surely as its first sentence does.
fn hint_countries(geo: &Geoparser, hints: &GeoHints) -> Vec<([u8; 2], f64)> {
    let mut out: Vec<([u8; 2], f64)> = Vec::new();
    let mut add = |country: Option<[u8; 2]>| {
        if let Some(cc) = country {
            if !out.iter().any(|(c, _)| *c == cc) {
                out.push((cc, 1.0));
            }
        }
    };
    if let Some(d) = hints.dateline.as_deref() {
        add(geo.likeliest_country(d));
    }
    if let Some(title) = hints.title.as_deref() {
        for m in parse(geo, title, &GeoHints::default()) {
            add(m
                .place
                .country
                .as_deref()
                .and_then(crate::build::packages::country_code));
        }
    }
    out
}

/// Marks the dateline ("BEIRUT:", "WASHINGTON (AP) —") and the name the
/// hint gives: context for the article, never where its events happened.
fn mark_dateline(
    sites: &mut [Site],
    tokens: &Tokens,
    hints: &GeoHints,
    t: &crate::normalize::Translit,
    g: &crate::Gazetteer,
) {
    let hint_key = hints
        .dateline
        .as_deref()
        .and_then(|d| g.name_key(d))
        .map(|k| k.key);
    for s in sites.iter_mut() {
        let tok = &tokens.toks[s.first];
        if !tok.line_start {
            continue;
        }
        let rest = &tokens.text[s.end..];
        let rest = rest.trim_start_matches(' ');
        let looks_like = tokens.toks[s.first].case == Case::Upper
            && (rest.starts_with(':')
                || rest.starts_with('(')
                || rest.starts_with('—')
                || rest.starts_with("- ")
                || rest.starts_with("– ")
                || rest.starts_with(','));
        let is_hint = hint_key.as_ref().is_some_and(|k| {
            t.name_key(&tokens.text[s.start..s.end])
                .is_some_and(|n| &n.key == k)
        });
        if looks_like || is_hint {
            s.site.dateline = true;
        }
    }
}

/// Whether the name `m` is a place here, and its candidates.
fn accept(
    geo: &Geoparser,
    tokens: &mut Tokens,
    m: &RawMatch,
    cache: &mut Candidates,
) -> Option<Site> {
    let g = &geo.gazetteer;
    let t = g.translit();
    let ctx = &geo.context;
    let text = tokens.text;
    let first_tok = tokens.toks[m.first].clone();
    let last_tok = tokens.toks[m.last].clone();
    let mut start = first_tok.start;
    let mut end = last_tok.end;

    // Abbreviations match letter for letter, with their dots.
    let surface = abbreviation_fnv(&text[start..end]);
    let with_dot = text[end..].starts_with('.');
    let surface_hashes = [
        hash24(surface),
        if with_dot {
            hash24(crate::normalize::fnv1a64_extend(surface, b"."))
        } else {
            u32::MAX
        },
    ];
    let all_upper = (m.first..=m.last).all(|k| {
        matches!(tokens.toks[k].case, Case::Upper | Case::Other) || tokens.str(k).len() == 1
    });
    // The words of the name, articles aside.
    let content: Vec<usize> = (m.first..=m.last)
        .filter(|&k| !(tokens.norm(k, t).article && k < m.last))
        .collect();
    let letters = content
        .iter()
        .map(|&k| tokens.str(k).chars().filter(|c| c.is_alphabetic()).count())
        .sum::<usize>();
    let spelling = Spelling {
        value: m.value,
        form: m.form,
        surface: surface_hashes,
        abbreviation: all_upper || with_dot || text[start..end].contains('.'),
        code: all_upper && letters <= MAX_CODE_LETTERS,
    };
    let single = content.len() == 1;
    // Common words: never alone ("May", "Police"), unless an abbreviation
    // ("MAY" is no abbreviation, "US" is); asked before the postings are
    // read, as most capitalised words are such.
    let common = single && ctx.stop.contains(tokens.folded(content[0], t));
    if common && !spelling.abbreviation {
        return None;
    }
    // Compass words alone ("North West", "Northwestern") are directions.
    let mut directions = 0;
    for &k in &content {
        if !ctx.directions.contains(tokens.folded(k, t)) {
            break;
        }
        directions += 1;
    }
    if directions == content.len() {
        return None;
    }
    // "the West Coast": a stretch of whichever country the article is
    // about, which only a place called so names, not one that has it
    // among other names (Western Australia).
    let descriptor = directions + 1 == content.len()
        && directions > 0
        && ctx
            .descriptors
            .contains(tokens.folded(content[directions], t));
    // "Rue d'Enghein", "Via Roma": a street named after a place.
    if m.first > 0 && first_tok.joined {
        let p = m.first - 1;
        if tokens.toks[p].case.capitalised() && ctx.street_before.contains(tokens.folded(p, t)) {
            return None;
        }
    }
    // A person: right after a title or a given name ("President Assad",
    // "Bashar Assad", "Bashar al-Assad").
    if m.first > 0 && (!first_tok.sentence_start || first_tok.hyphen_before) {
        let prev = m.first - 1;
        if tokens.toks[prev].case.capitalised() {
            let pword = tokens.folded(prev, t);
            if ctx.given.contains(pword) || ctx.titles.contains(pword) {
                return None;
            }
        }
    }
    let Prepared { cands, abbr_dot } = cache.get(geo, spelling, &text[start..end]);
    if cands.is_empty() {
        return None;
    }
    let is_abbr_only = cands.iter().all(|c| c.kind == NameKind::Abbreviation);
    if common && !is_abbr_only {
        return None;
    }
    // "Ain al-Asad", "Wadi al-Shay": a word that runs on into "al-X" is
    // the start of a longer name the gazetteer lacks, not the place "Ain";
    // but "Mosul al-Jadida" is a part of Mosul, a city of the lands whose
    // names are written so.
    let after = m.last + 1;
    let runs_on = m.first == m.last
        && after + 1 < tokens.len()
        && tokens.toks[after].joined
        && tokens.toks[after].case == Case::Lower
        && tokens.norm(after, t).article
        && tokens.toks[after + 1].hyphen_before
        && tokens.toks[after + 1].case.capitalised();
    let arabic_own_name = || {
        cands.iter().any(|c| {
            let r = g.rec(c.record);
            c.exact
                && c.kind == NameKind::Primary
                && g.name(c.record).eq_ignore_ascii_case(&text[start..end])
                && r.population() >= SMALL
                && r.country()
                    .is_some_and(|cc| ctx.translit_countries.contains(&cc))
        })
    };
    if runs_on && !arabic_own_name() {
        return None;
    }
    // A name that runs on into a lowercase word must be spelled as some
    // place's: a key is generous enough to meet "Quetta bus" in Bais.
    if last_tok.case == Case::Lower && m.last > m.first && cands.iter().all(|c| !c.exact) {
        return None;
    }
    if *abbr_dot {
        end += 1;
    }

    // At a sentence's start a capital says nothing, and another spelling
    // of a small place's name ("Artillery" for Artillerie) says little: a
    // single word there that no place has as written but as a variant, or
    // as an alternate of a minor place, is taken for the ordinary word the
    // stop list cannot all hold.
    if single
        && first_tok.sentence_start
        && cands
            .iter()
            .all(|c| !c.exact || (c.kind != NameKind::Primary && is_minor(g, c.record)))
    {
        return None;
    }
    let strong = cands
        .iter()
        .any(|c| c.exact && (c.is_country() || c.kind == NameKind::Demonym));
    // A common word at a sentence's start, or shouted, when the article
    // also uses it in lowercase ("Reading is...").
    if single
        && !strong
        && !is_abbr_only
        && (first_tok.sentence_start || first_tok.case == Case::Upper)
    {
        // Few names need this test: a scan beats building a word set.
        let word = tokens.folded(content[0], t).as_bytes().to_vec();
        let in_lowercase = tokens.toks.iter().any(|tk| {
            tk.case == Case::Lower
                && tk.end - tk.start == word.len()
                && text.as_bytes()[tk.start..tk.end] == word[..]
        });
        if in_lowercase {
            return None;
        }
    }

    // A street or an address: "Royal Street", "Franklin Avenue".
    let next = m.last + 1;
    let mut type_word = None;
    if next < tokens.len() && tokens.toks[next].joined && !tokens.toks[next].hyphen_before {
        let capitalised = tokens.toks[next].case.capitalised();
        let nword = tokens.folded(next, t);
        if ctx.street.contains(nword) && capitalised {
            return None;
        }
        type_word = ctx.type_words.get(nword).copied();
        // "the English city of Salisbury": the type word opens the next
        // name and says nothing of this one.
        if type_word.is_some() && next + 1 < tokens.len() && tokens.folded(next + 1, t) == "of" {
            type_word = None;
        }
    }
    // "the city of X", "the province of X", "River X".
    if type_word.is_none() && m.first > 0 {
        let p = m.first - 1;
        let capitalised = tokens.toks[p].case.capitalised();
        let pword = tokens.folded(p, t);
        type_word = if pword == "of" && m.first > 1 {
            ctx.type_words
                .get(tokens.folded(m.first - 2, t))
                .copied()
                .filter(|_| !indefinite_before(tokens, m.first - 2, t))
        } else {
            ctx.type_words
                .get(pword)
                .copied()
                .filter(|&tw| tw == TypeWord::Water && capitalised)
        };
    }

    // Inside a longer capitalised phrase: a capitalised word right before
    // (not a sentence opener, a compass word or "the") or right after (not
    // a type word).
    // "Mali's Bankass district": what a possessive names is no piece of
    // its owner's name.
    let embedded_before = m.first > 0 && first_tok.joined && !first_tok.hyphen_before && {
        let p = m.first - 1;
        let direction = ctx.directions.contains(tokens.folded(p, t));
        !crate::recognize::is_possessive_gap(&text[tokens.toks[p].end..first_tok.start])
            && tokens.toks[p].case.capitalised()
            && !tokens.toks[p].sentence_start
            && !direction
    };
    let before_capitalised = |possessive: bool| {
        type_word.is_none()
            && tokens.toks.get(next).is_some_and(|n| {
                let gap = &text[end..n.start];
                n.case.capitalised()
                    && !n.hyphen_before
                    && n.joined
                    && crate::recognize::is_possessive_gap(gap) == possessive
            })
    };
    // "Palmyra's Roman Theatre", "Plateau state's Bassa area": the owner
    // of a named thing is a place (or a person); a minor place in the
    // article's country is not dropped as a piece of another name.
    let possessor = before_capitalised(true);
    let embedded =
        embedded_before || before_capitalised(false) || after_facility_of(tokens, m.first, ctx, t);
    // "St Patrick's", "St. Mary's": a saint's name in the possessive names
    // a church, a school or a hospital, unless some place has it as its
    // own name.
    let saints = m.first < m.last && ctx.saints.contains(tokens.folded(content[0], t));
    let possessive = tokens
        .toks
        .get(next)
        .is_some_and(|n| crate::recognize::is_possessive_gap(&text[end..n.start]));
    let own_name = || {
        cands
            .iter()
            .any(|c| c.exact && matches!(c.kind, NameKind::Primary | NameKind::Alias))
    };
    if saints && possessive && !own_name() {
        return None;
    }
    // A word of three letters or fewer inside a longer capitalised phrase
    // ("Dan Na Ambassagou") is a piece of another name, however well known
    // the place that has it as an alternate name; one in capitals is an
    // abbreviation ("UK officials", "US Army") and may well be a place.
    if embedded && letters <= 3 && !all_upper {
        return None;
    }
    let shouting = single && first_tok.case == Case::Upper && !is_abbr_only;
    // "U.S.-led", "Iran-backed": a name that qualifies an actor says who
    // acts, not where: no context for the others.
    // The abbreviation's own dot may stand before the hyphen.
    let after = &text[end..];
    let qualifies_actor = after
        .strip_prefix('.')
        .unwrap_or(after)
        .strip_prefix('-')
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_lowercase);

    // A leading article belongs to the name when joined by a hyphen or
    // capitalised inside a sentence ("al-Mayadin", "Al Mayadeen"), not the
    // English word that starts a sentence ("As Syria...").
    if m.first < content[0] {
        let art = &tokens.toks[m.first];
        let keep = tokens.toks[m.first + 1].hyphen_before || !art.sentence_start;
        if !keep {
            start = tokens.toks[content[0]].start;
        }
    }
    // Sized once: a filtered copy would grow a long list step by step.
    let mut kept: Vec<Cand> = Vec::with_capacity(cands.len());
    kept.extend(
        cands
            .iter()
            .filter(|c| !descriptor || matches!(c.kind, NameKind::Primary | NameKind::Alias)),
    );
    let cands = kept;
    if cands.is_empty() {
        return None;
    }
    Some(Site {
        first: m.first,
        last: m.last,
        start,
        end,
        site: NameSite {
            cands,
            type_word,
            pinned_by: None,
            pins: None,
            dateline: false,
            group: m.form,
            siblings: Vec::new(),
            weak: embedded || shouting || qualifies_actor,
        },
        embedded,
        descriptor,
        possessor,
        shouting,
        inside_next: false,
    })
}

/// Whether token `i` follows "<facility> of" ("SM Mall of Asia", "the
/// Library of Congress"): the name of the facility, named after the place
/// rather than lying in it.
fn after_facility_of(
    tokens: &mut Tokens,
    i: usize,
    ctx: &crate::context::Context,
    t: &crate::normalize::Translit,
) -> bool {
    i >= 2
        && spaced(tokens, i)
        && spaced(tokens, i - 1)
        && capitalised_at(tokens, i - 2)
        && tokens.folded(i - 1, t) == "of"
        && ctx.facilities.contains(tokens.folded(i - 2, t))
}

/// Whether an indefinite article comes before the type word at token
/// `ty`, over at most two adjectives: "a residential district of Kharkiv"
/// is a part of the place, "the province of Idlib" the place itself.
fn indefinite_before(tokens: &mut Tokens, ty: usize, t: &crate::normalize::Translit) -> bool {
    for k in (ty.saturating_sub(3)..ty).rev() {
        if tokens.toks[k + 1].sentence_start {
            return false;
        }
        let lower = tokens.toks[k].case == Case::Lower;
        match tokens.folded(k, t) {
            "a" | "an" => return true,
            "the" => return false,
            _ if !lower => return false,
            _ => {}
        }
    }
    false
}

/// How a name is written, as far as its candidates depend on it but for
/// the own-name test, which reads the surface itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Spelling {
    /// Where the name's postings are.
    value: u64,
    /// Hash of the name's form.
    form: u32,
    /// Hashes of the surface, without and with a following dot.
    surface: [u32; 2],
    /// Whether it may be an abbreviation (capitals or dots).
    abbreviation: bool,
    /// Two or three capitals ("WA", "SOL", "P.A"): a code, which names a
    /// place only as one of its established abbreviations or hand-kept
    /// names, never through the airport codes and local shorthands among
    /// GeoNames' alternate names (WA for Warsaw, SOL for Seoul).
    code: bool,
}

/// A spelling's candidates, read and prepared.
pub(crate) struct Prepared {
    cands: Vec<Cand>,
    /// Whether an abbreviation matched with the dot after it.
    abbr_dot: bool,
}

/// The candidates of the names of one text: a name is often repeated, and
/// its postings are read and merged once.
#[derive(Default)]
struct Candidates {
    seen: FxHashMap<Spelling, Arc<Prepared>>,
}

impl Candidates {
    /// The candidates of a spelling first written as `surface` in the text.
    fn get(&mut self, geo: &Geoparser, sp: Spelling, surface: &str) -> &Prepared {
        self.seen.entry(sp).or_insert_with(|| {
            geo.known.get(sp, surface).unwrap_or_else(|| {
                let prepared = read_candidates(&geo.gazetteer, sp, surface);
                geo.known.offer(&geo.gazetteer, sp, surface, prepared)
            })
        })
    }
}

/// Most candidates [`KnownNames`] keeps, whatever the texts hold: at 80
/// bytes each, about 4 MB (the GWN texts fill two fifths of it).
const KNOWN_MAX: usize = 50_000;

/// From this population a place is well known (see [`KnownNames`]).
const WELL_KNOWN: u64 = 100_000;

/// The prepared candidates of the names of well-known places, kept across
/// texts: countries, continents, first-level divisions, capitals and
/// cities are named in article after article, and theirs are the longest
/// lists to read. Other names are not kept, so what is kept is bounded by
/// the gazetteer (and by `KNOWN_MAX` candidates), not by the texts read.
#[derive(Default)]
pub(crate) struct KnownNames {
    lists: RwLock<KnownLists>,
}

/// The lists [`KnownNames`] keeps, and how many candidates they hold.
#[derive(Default)]
struct KnownLists {
    by_spelling: FxHashMap<Spelling, BySurface>,
    candidates: usize,
}

/// One spelling's kept lists, by the surface they were read for.
type BySurface = Vec<(Box<str>, Arc<Prepared>)>;

impl KnownNames {
    fn get(&self, sp: Spelling, surface: &str) -> Option<Arc<Prepared>> {
        // A poisoned lock only means another thread panicked: the list is
        // read anew.
        let lists = self.lists.read().ok()?;
        let (_, prepared) = lists
            .by_spelling
            .get(&sp)?
            .iter()
            .find(|(s, _)| **s == *surface)?;
        Some(prepared.clone())
    }

    /// `prepared`, shared; kept when its likeliest place is well known.
    fn offer(
        &self,
        g: &crate::Gazetteer,
        sp: Spelling,
        surface: &str,
        mut prepared: Prepared,
    ) -> Arc<Prepared> {
        let well_known = prepared.cands.first().is_some_and(|c| {
            matches!(
                g.code(c.record),
                Code::Country | Code::Continent | Code::Adm1 | Code::Pplc
            ) || g.rec(c.record).population() >= WELL_KNOWN
        });
        if !well_known {
            return Arc::new(prepared);
        }
        // Sized for every posting read, most of them merged or dropped.
        prepared.cands.shrink_to_fit();
        let prepared = Arc::new(prepared);
        let Ok(mut lists) = self.lists.write() else {
            return prepared;
        };
        if lists.candidates + prepared.cands.len() > KNOWN_MAX {
            return prepared;
        }
        let surfaces = lists.by_spelling.entry(sp).or_default();
        // Another thread may have read the same name meanwhile.
        if !surfaces.iter().any(|(s, _)| **s == *surface) {
            surfaces.push((surface.into(), prepared.clone()));
            lists.candidates += prepared.cands.len();
        }
        prepared
    }
}

/// Reads a spelling's postings into candidates: every place spelled as
/// written and the most important variants.
fn read_candidates(g: &crate::Gazetteer, sp: Spelling, surface: &str) -> Prepared {
    let mut cands = Vec::with_capacity(g.posting_count(sp.value).min(MAX_CANDIDATES));
    let mut abbr_dot = false;
    for p in g.postings(sp.value).take(MAX_CANDIDATES) {
        match p.kind {
            // Abbreviations match letter for letter, with their dots.
            NameKind::Abbreviation => {
                if !sp.abbreviation {
                    continue;
                }
                if p.hash == sp.surface[1] {
                    abbr_dot = true;
                } else if p.hash != sp.surface[0] {
                    continue;
                }
                cands.push(resolve::cand(p.record, p.kind, true));
            }
            NameKind::Primary | NameKind::Alternate | NameKind::Demonym if sp.code => {}
            kind => cands.push(resolve::cand(p.record, kind, p.hash == sp.form)),
        }
    }
    resolve::dedupe(&mut cands);
    let mut variants = 0;
    cands.retain(|c| {
        variants += usize::from(!c.exact);
        c.exact || variants <= MAX_VARIANTS
    });
    resolve::prepare(g, &mut cands, surface);
    Prepared { cands, abbr_dot }
}

/// Whether another place spelled as written, far from candidate `c`,
/// scores within `margin` of it: the article does not settle which place
/// it is.
fn contested(g: &crate::Gazetteer, cands: &[Cand], c: &Cand, margin: f64) -> bool {
    let r = g.rec(c.record);
    let cos_lat = r.lat().to_radians().cos();
    cands.iter().any(|o| {
        let or = g.rec(o.record);
        o.record != c.record
            && o.exact
            && o.score > c.score - margin
            && (or.country() != r.country()
                || crate::resolve::fast_km(r.lat(), cos_lat, r.lon(), or.lat(), or.lon())
                    > NAMESAKE_KM)
    })
}
