//! Choosing the place a name means, from the article around it.
//!
//! Each candidate gets a prior (population, feature, how literally the
//! spelling matched, what a type word such as "province" or "city" says)
//! and then context: the countries the article names or points at, the
//! divisions it names, names pinned to a division ("Paris, Texas") and
//! proximity to the article's other places. Context is computed from the
//! other names' current choices and the choice recomputed, a few rounds.

use std::collections::HashMap;

use crate::context::TypeWord;
use crate::gazetteer::format::NameKind;
use crate::Gazetteer;

/// Most candidates one name keeps through the context rounds.
const MAX_SCORED: usize = 40;

/// One candidate place for a name.
#[derive(Debug, Clone, Copy)]
pub struct Cand {
    pub record: u32,
    pub kind: NameKind,
    /// Spelled as in the text, up to case, punctuation and articles.
    pub exact: bool,
    pub prior: f64,
    pub score: f64,
}

/// What resolution needs to know about one name in the text.
#[derive(Debug, Clone)]
pub struct NameSite {
    pub cands: Vec<Cand>,
    pub type_word: Option<TypeWord>,
    /// Index of a name right after ", " that may pin this one ("Paris, Texas").
    pub pinned_by: Option<usize>,
    /// The name before ", " that this one may pin: its containers are
    /// likelier ("Snetterton, Norfolk" is Norfolk, England).
    pub pins: Option<usize>,
    /// The dateline: context for others, never pulled toward them.
    pub dateline: bool,
    /// Sites with the same spelling share a group: a name repeated ten
    /// times is still one piece of evidence for the others.
    pub group: u32,
    /// Names coordinated with this one ("California or Washington"): lists
    /// hold places of one level.
    pub siblings: Vec<usize>,
    /// Doubtful as a place at all (inside a longer capitalised phrase, or a
    /// word in capitals): resolved, but gives the others no context.
    pub weak: bool,
}

/// Country code → weight of the article's names pointing at it.
pub type CountryWeights = Vec<([u8; 2], f64)>;

/// A site's resolved choice and how the article supports countries.
#[derive(Debug, Clone)]
pub struct Choice {
    pub index: usize,
    /// Each country's weight among the other names.
    pub countries: CountryWeights,
    /// The strongest country's weight among the other names.
    pub max_support: f64,
}

impl Choice {
    /// The weight of a country among the other names.
    pub fn support(&self, cc: Option<[u8; 2]>) -> f64 {
        cc.and_then(|cc| self.countries.iter().find(|(c, _)| *c == cc))
            .map_or(0.0, |(_, w)| *w)
    }
}

/// Adds a posting's candidate, one per place: a place indexed under
/// several spellings of the key keeps its most literal match.
pub fn push_cand(cands: &mut Vec<Cand>, record: u32, kind: NameKind, exact: bool) {
    let new = Cand {
        record,
        kind,
        exact,
        prior: 0.0,
        score: 0.0,
    };
    match cands.iter_mut().find(|c| c.record == record) {
        Some(c) => {
            if (exact, std::cmp::Reverse(kind)) > (c.exact, std::cmp::Reverse(c.kind)) {
                *c = new;
            }
        }
        None => cands.push(new),
    }
}

/// Whether candidate `c`, a division, shares its name with its own seat
/// among `cands` ("Raqqa" the governorate and Raqqa its capital): a bare
/// name then means the city.
fn has_seat_namesake(g: &Gazetteer, c: &Cand, cands: &[Cand]) -> bool {
    let code = g.feature_code(c.record);
    if !matches!(code, "ADM1" | "ADM2") {
        return false;
    }
    let r = g.rec(c.record);
    cands.iter().any(|o| {
        let or = g.rec(o.record);
        o.exact
            && or.feature_class() == b'P'
            && or.country() == r.country()
            && match code {
                "ADM1" => or.admin1() == r.admin1(),
                _ => or.admin2() == r.admin2() && or.admin1() == r.admin1(),
            }
    })
}

/// Whether region `outer` (a country or division) contains place `inner`.
fn contains(g: &Gazetteer, outer: u32, inner: u32) -> bool {
    if outer == inner {
        return false;
    }
    if g.is_country(outer) {
        return g.rec(outer).country() == g.rec(inner).country();
    }
    g.admin1_record(inner) == Some(outer) || g.admin2_record(inner) == Some(outer)
}

/// The candidate's prior, before context.
pub fn prior(g: &Gazetteer, c: &Cand, type_word: Option<TypeWord>) -> f64 {
    let r = g.rec(c.record);
    let code = g.feature_code(c.record);
    let class = r.feature_class();
    let pop = (1.0 + r.population() as f64).log10();
    let mut s = match (class, code) {
        _ if g.is_country(c.record) => pop + 4.0,
        (_, "CONT") => pop + 3.0,
        (_, "ADM1") => pop - 0.8 + 2.0,
        (_, "ADM2") => pop - 0.8 + 0.5,
        (b'P', "PPLC") => pop + 2.5,
        (b'P', "PPLA") => pop + 0.8,
        (b'P', "PPLA2") => pop + 0.3,
        (b'P', "PPLX") => pop - 1.0,
        (b'P', _) => pop,
        _ => pop - 0.5,
    };
    if r.handkept() {
        s += 7.0;
    }
    // GeoNames keeps historic and colloquial names of small places as
    // alternates: weak evidence on their own.
    s += match c.kind {
        NameKind::Alternate if r.population() < 20_000 => -2.2,
        NameKind::Alternate => -0.7,
        _ => 0.0,
    };
    if c.exact {
        s += 2.5;
    }
    match type_word {
        Some(TypeWord::Admin) if class == b'A' && !g.is_country(c.record) => s += 5.0,
        Some(TypeWord::Settlement) if class == b'P' => s += 4.0,
        Some(TypeWord::Water) if class == b'H' => s += 5.0,
        Some(_) => s -= 3.0,
        None => {}
    }
    s
}

/// Equirectangular distance in km: close enough for proximity bands, and
/// much cheaper than the great circle in the resolver's inner loop.
fn fast_km(lat1: f64, cos_lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let x = (lon2 - lon1).to_radians() * cos_lat1;
    let y = (lat2 - lat1).to_radians();
    6371.0 * (x * x + y * y).sqrt()
}

fn best(site: &NameSite, by: impl Fn(&Cand) -> f64) -> Option<usize> {
    site.cands
        .iter()
        .enumerate()
        .max_by(|a, b| by(a.1).total_cmp(&by(b.1)).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i)
}

/// Whether a record is a region (country, division, continent) rather
/// than a point: regions give context but no proximity.
fn is_region(g: &Gazetteer, rec: u32) -> bool {
    g.is_country(rec) || matches!(g.feature_code(rec), "ADM1" | "ADM2" | "CONT" | "RGN")
}

/// Scores every candidate in place and returns each site's choice.
/// `extra_countries` are countries known from outside the text (the
/// dateline hint), with their weights.
pub fn resolve(
    g: &Gazetteer,
    sites: &mut [NameSite],
    extra_countries: &[([u8; 2], f64)],
) -> Vec<Option<Choice>> {
    let containers: Vec<Vec<bool>> = sites
        .iter()
        .map(|s| {
            let inner = s.pins.and_then(|p| sites.get(p));
            s.cands
                .iter()
                .map(|c| {
                    inner.is_some_and(|x| x.cands.iter().any(|xc| contains(g, c.record, xc.record)))
                })
                .collect()
        })
        .collect();
    for (s, contains) in sites.iter_mut().zip(containers) {
        let tw = s.type_word;
        let seats: Vec<bool> = s
            .cands
            .iter()
            .map(|c| has_seat_namesake(g, c, &s.cands))
            .collect();
        for ((c, seat), inside) in s.cands.iter_mut().zip(seats).zip(contains) {
            c.prior = prior(g, c, tw);
            if seat && tw != Some(TypeWord::Admin) {
                c.prior -= 3.0;
            }
            if inside {
                c.prior += 3.0;
            }
            c.score = c.prior;
        }
    }
    // Context can lift a candidate by ~15 points at most: those far below
    // the best prior cannot win and are not worth scoring each round.
    for s in sites.iter_mut() {
        let top = s
            .cands
            .iter()
            .map(|c| c.prior)
            .fold(f64::NEG_INFINITY, f64::max);
        s.cands.retain(|c| c.prior > top - 16.0);
        if s.cands.len() > MAX_SCORED {
            s.cands
                .sort_by(|a, b| b.prior.total_cmp(&a.prior).then(a.record.cmp(&b.record)));
            s.cands.truncate(MAX_SCORED);
        }
    }
    let mut choice: Vec<Option<usize>> = sites.iter().map(|s| best(s, |c| c.prior)).collect();
    let mut support: Vec<(CountryWeights, f64)> = vec![(Vec::new(), 0.0); sites.len()];
    for _round in 0..3 {
        // Each site's current vote: its country and, for points, its position.
        let votes: Vec<Option<Vote>> = sites
            .iter()
            .zip(&choice)
            .map(|(s, ch)| ch.filter(|_| !s.weak).map(|i| vote(g, s, i)))
            .collect();
        let groups: Vec<u32> = sites.iter().map(|s| s.group).collect();
        let mut group_size: HashMap<u32, usize> = HashMap::new();
        for &gr in &groups {
            *group_size.entry(gr).or_default() += 1;
        }
        let levels: Vec<Option<Level>> = sites
            .iter()
            .zip(&choice)
            .map(|(s, ch)| ch.map(|i| level(g, s.cands[i].record)))
            .collect();
        // The article's context, summed once; each site then leaves out
        // its own group's share. A name repeated n times weighs 1 + ln n
        // times its first mention: frequency matters, with diminishing
        // returns.
        let mut total: HashMap<[u8; 2], f64> = HashMap::new();
        let mut by_group: HashMap<u32, Vec<([u8; 2], f64)>> = HashMap::new();
        let mut admin1_named: Vec<(u32, u32)> = Vec::new();
        let mut points: Vec<(u32, f64, f64, u32)> = Vec::new();
        for &(cc, w) in extra_countries {
            *total.entry(cc).or_default() += w;
        }
        for (vi, v) in votes.iter().enumerate() {
            let Some(v) = v else { continue };
            let group = groups[vi];
            if let Some(cc) = v.country {
                let n = group_size[&group] as f64;
                let w = v.weight * (1.0 + n.ln()) / n;
                *total.entry(cc).or_default() += w;
                by_group.entry(group).or_default().push((cc, w));
            }
            if v.admin1 && !admin1_named.contains(&(v.record, group)) {
                admin1_named.push((v.record, group));
            }
            if let Some((lat, lon)) = v.point {
                if !points.iter().any(|p| p.0 == v.record && p.3 == group) {
                    points.push((v.record, lat, lon, group));
                }
            }
        }
        for (si, s) in sites.iter_mut().enumerate() {
            let mut country_w = total.clone();
            for (cc, w) in by_group.get(&s.group).into_iter().flatten() {
                if let Some(t) = country_w.get_mut(cc) {
                    *t -= w;
                }
            }
            country_w.retain(|_, w| *w > 1e-9);
            let own = s.group;
            let max_w = country_w.values().copied().fold(0.0, f64::max);
            let pin = s.pinned_by.and_then(|p| votes.get(p).copied().flatten());
            let sibling_levels: Vec<Level> = s
                .siblings
                .iter()
                .filter_map(|&k| levels.get(k).copied().flatten())
                .collect();
            for c in s.cands.iter_mut() {
                let r = g.rec(c.record);
                let mut score = c.prior;
                match r.country() {
                    Some(cc) => {
                        let w = country_w.get(&cc).copied().unwrap_or(0.0);
                        if w > 0.0 && !s.dateline {
                            score += 1.0 + 3.0 * w / max_w;
                        }
                    }
                    // Seas, rivers and regions across borders fit any
                    // article's geography halfway.
                    None if max_w > 0.0 && !s.dateline => score += 2.5,
                    None => {}
                }
                if let Some(a1) = g.admin1_record(c.record) {
                    if a1 != c.record && admin1_named.iter().any(|&(r, gr)| r == a1 && gr != own) {
                        score += 2.5;
                    }
                }
                if sibling_levels.contains(&level(g, c.record)) {
                    score += 1.5;
                }
                if let Some(p) = pin {
                    let inside = g.admin1_record(c.record) == Some(p.record)
                        || (p.is_country && r.country() == p.country);
                    if inside {
                        score += 5.0;
                    }
                }
                if !is_region(g, c.record) && !s.dateline {
                    let (lat, lon) = (r.lat(), r.lon());
                    let cos_lat = lat.to_radians().cos();
                    let near = points
                        .iter()
                        .filter(|p| p.3 != own)
                        .map(|&(_, la, lo, _)| fast_km(lat, cos_lat, lon, la, lo))
                        .fold(f64::INFINITY, f64::min);
                    score += match near {
                        d if d < 1.0 => 0.0, // the same place named twice
                        d if d < 60.0 => 2.0,
                        d if d < 200.0 => 1.2,
                        d if d < 500.0 => 0.5,
                        _ => 0.0,
                    };
                }
                c.score = score;
            }
            let mut weights: Vec<([u8; 2], f64)> = country_w.into_iter().collect();
            weights.sort_by_key(|w| w.0);
            support[si] = (weights, max_w);
        }
        let next: Vec<Option<usize>> = sites.iter().map(|s| best(s, |c| c.score)).collect();
        if next == choice {
            break;
        }
        choice = next;
    }
    choice
        .iter()
        .zip(support)
        .map(|(ch, (countries, max_support))| {
            ch.map(|index| Choice {
                index,
                countries,
                max_support,
            })
        })
        .collect()
}

/// The level of a place, for coherence within lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Country,
    Division,
    Settlement,
    Other,
}

fn level(g: &Gazetteer, rec: u32) -> Level {
    if g.is_country(rec) {
        return Level::Country;
    }
    match (g.rec(rec).feature_class(), g.feature_code(rec)) {
        (_, "ADM1" | "ADM2") => Level::Division,
        (b'P', _) => Level::Settlement,
        _ => Level::Other,
    }
}

/// What one site's current choice tells the others.
#[derive(Debug, Clone, Copy)]
struct Vote {
    record: u32,
    country: Option<[u8; 2]>,
    weight: f64,
    admin1: bool,
    is_country: bool,
    point: Option<(f64, f64)>,
}

fn vote(g: &Gazetteer, s: &NameSite, i: usize) -> Vote {
    let c = &s.cands[i];
    let r = g.rec(c.record);
    let is_country = g.is_country(c.record);
    // A name that could be many places votes less than an unambiguous one.
    let margin = s
        .cands
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != i)
        .map(|(_, o)| c.score - o.score)
        .fold(f64::INFINITY, f64::min);
    let confidence = if margin > 2.0 { 1.0 } else { 0.5 };
    let weight = match c.kind {
        _ if is_country => 2.0,
        NameKind::Demonym => 1.5,
        _ if !c.exact => 0.25,
        _ if r.population() < 1_000 && !r.handkept() => 0.5 * confidence,
        _ => confidence,
    };
    Vote {
        record: c.record,
        country: r.country(),
        weight: if s.dateline { weight * 0.5 } else { weight },
        admin1: g.feature_code(c.record) == "ADM1",
        is_country,
        point: (!is_region(g, c.record)).then(|| (r.lat(), r.lon())),
    }
}
