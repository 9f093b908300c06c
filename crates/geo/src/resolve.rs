//! Choosing the place a name means, from the article around it.
//!
//! Each candidate gets a prior (population, feature, how literally the
//! spelling matched, what a type word such as "province" or "city" says)
//! and then context: the countries the article names or points at, the
//! divisions it names, names pinned to a division ("Paris, Texas") and
//! proximity to the article's other places. Context is computed from the
//! other names' current choices and the choice recomputed, a few rounds.
//! What depends on the name alone ([`prepare`]) is computed once for each
//! spelling of a text, however often it is repeated.

use rustc_hash::FxHashMap;

use crate::context::TypeWord;
use crate::gazetteer::format::NameKind;
use crate::gazetteer::Code;
use crate::Gazetteer;

/// Most candidates one name keeps through the context rounds.
const MAX_SCORED: usize = 40;

/// How much less likely a place is meant by one of its alternate names
/// when that name is another place's own.
const ALTERNATE_OF_ANOTHER: f64 = 2.5;

/// One candidate place for a name.
#[derive(Debug, Clone, Copy)]
pub struct Cand {
    pub record: u32,
    pub kind: NameKind,
    /// Spelled as in the text, up to case, punctuation and articles.
    pub exact: bool,
    /// The prior from the name and the place alone (see [`prepare`]).
    pub base: f64,
    /// A division named like its own seat among the other candidates.
    pub seat: bool,
    pub prior: f64,
    pub score: f64,
    /// What the context rounds read of the place (see [`prepare`]).
    spot: Spot,
}

impl Cand {
    /// Whether the place is a country (or dependent territory), as
    /// [`prepare`] read it.
    pub fn is_country(&self) -> bool {
        self.spot.level == Level::Country
    }

    /// The place's country, as [`prepare`] read it.
    pub fn country(&self) -> Option<[u8; 2]> {
        self.spot.country
    }
}

/// What resolution needs to know about one name in the text.
#[derive(Debug, Clone, Default)]
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

/// A candidate before scoring.
pub fn cand(record: u32, kind: NameKind, exact: bool) -> Cand {
    Cand {
        record,
        kind,
        exact,
        base: 0.0,
        seat: false,
        prior: 0.0,
        score: 0.0,
        spot: Spot::UNREAD,
    }
}

/// Most candidates one name keeps once its base priors are known: the
/// article's context never lifts those further down to the top.
const MAX_PREPARED: usize = 64;

/// Scores a name's candidates by what does not depend on the article (the
/// base prior and the seat flag), best first, keeps the best and reads
/// their spots: done once for every spelling of a text (and kept across
/// texts for well-known places).
pub fn prepare(g: &Gazetteer, cands: &mut Vec<Cand>, surface: &str) {
    // The seat test reads records and spellings only, which this loop
    // leaves alone.
    for i in 0..cands.len() {
        cands[i].seat = has_seat_namesake(g, &cands[i], cands);
    }
    let own_name = own_name_populations(g, cands, surface);
    for c in cands.iter_mut() {
        c.base = base_prior(g, c);
        if alternate_of_another(g, c, &own_name) {
            c.base -= ALTERNATE_OF_ANOTHER;
        }
    }
    // Records are distinct (`dedupe`): no ties, so the unstable sort,
    // which needs no buffer, orders as a stable one.
    cands.sort_unstable_by(|a, b| b.base.total_cmp(&a.base).then(a.record.cmp(&b.record)));
    cands.truncate(MAX_PREPARED);
    for c in cands.iter_mut() {
        c.spot = spot(g, c.record);
    }
}

/// One candidate per place, where it was first seen: a place indexed
/// under several spellings of the key keeps its most literal match.
pub fn dedupe(cands: &mut Vec<Cand>) {
    // Record and position in one integer: the sort is the costly step.
    let mut keys: Vec<u64> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| u64::from(c.record) << 32 | i as u64)
        .collect();
    keys.sort_unstable();
    let record = |k: u64| k >> 32;
    let position = |k: u64| (k & 0xffff_ffff) as usize;
    // Most names list each place once.
    if keys.windows(2).all(|w| record(w[0]) != record(w[1])) {
        return;
    }
    let literal = |c: &Cand| (c.exact, std::cmp::Reverse(c.kind));
    let mut keep = vec![false; cands.len()];
    let mut run = 0;
    while run < keys.len() {
        let first = position(keys[run]);
        // The earliest of the most literal matches: `keys` is in order.
        let mut best = first;
        let mut k = run + 1;
        while k < keys.len() && record(keys[k]) == record(keys[run]) {
            if literal(&cands[position(keys[k])]) > literal(&cands[best]) {
                best = position(keys[k]);
            }
            k += 1;
        }
        cands[first] = cands[best];
        keep[first] = true;
        run = k;
    }
    let mut k = keep.iter();
    cands.retain(|_| k.next().copied().unwrap_or(false));
}

/// Whether candidate `c`, a division, shares its name with its own seat
/// among `cands` ("Raqqa" the governorate and Raqqa its capital): a bare
/// name then means the city. The seat must match as literally as the
/// division: another romanisation ("Mareb") may match both.
fn has_seat_namesake(g: &Gazetteer, c: &Cand, cands: &[Cand]) -> bool {
    let code = g.code(c.record);
    if !matches!(code, Code::Adm1 | Code::Adm2) {
        return false;
    }
    let r = g.rec(c.record);
    cands.iter().any(|o| {
        let or = g.rec(o.record);
        o.exact >= c.exact
            && or.feature_class() == b'P'
            && or.country() == r.country()
            && match code {
                Code::Adm1 => or.admin1() == r.admin1(),
                _ => or.admin2() == r.admin2() && or.admin1() == r.admin1(),
            }
    })
}

/// For each level, the population of the largest place among `cands`
/// that has the name, as written in `surface`, as its own. Letter for
/// letter: "El Hamma" has the form of "Hama" (articles and doubled letters
/// aside) but is not what "Hama" names.
fn own_name_populations(g: &Gazetteer, cands: &[Cand], surface: &str) -> [Option<u64>; LEVELS] {
    let mut written = String::new();
    let written = crate::normalize::fold_token(surface, &mut written).then_some(written);
    // One buffer for every candidate's name: most names are read here.
    let mut name = String::new();
    let mut same_letters = |record: u32| {
        name.clear();
        let latin = crate::normalize::fold_token(g.name(record), &mut name);
        written.as_deref() == latin.then_some(name.as_str())
    };
    let mut most = [None; LEVELS];
    for c in cands {
        let own = match c.kind {
            NameKind::Primary => c.exact && same_letters(c.record),
            NameKind::Alias => c.exact,
            _ => false,
        };
        if own {
            let m = &mut most[level(g, c.record) as usize];
            *m = Some(m.unwrap_or(0).max(g.rec(c.record).population()));
        }
    }
    most
}

/// Whether candidate `c` has the name only as an alternate while a place
/// of its level, not twenty times smaller, has it as its own: "Southampton"
/// is rarely Hampton; "New York" may still be the city when no sizeable
/// settlement is called just that.
fn alternate_of_another(g: &Gazetteer, c: &Cand, own_name: &[Option<u64>; LEVELS]) -> bool {
    let pop = g.rec(c.record).population();
    c.kind == NameKind::Alternate
        && (own_name[level(g, c.record) as usize].is_some_and(|p| p.saturating_mul(20) >= pop)
            // Nor against a division ten times as populous that has it as
            // its own ("Antioquia" is the province before old Antioch).
            || own_name[Level::Division as usize].is_some_and(|p| p > pop.saturating_mul(10)))
}

/// Whether region `outer` (a country or division) contains place `inner`.
fn contains(g: &Gazetteer, outer: u32, inner: u32) -> bool {
    if outer == inner || g.rec(outer).feature_class() != b'A' {
        return false;
    }
    if g.is_country(outer) {
        return g.rec(outer).country() == g.rec(inner).country();
    }
    g.admin1_record(inner) == Some(outer) || g.admin2_record(inner) == Some(outer)
}

/// The candidate's prior, before context.
fn base_prior(g: &Gazetteer, c: &Cand) -> f64 {
    let r = g.rec(c.record);
    let code = g.code(c.record);
    let class = r.feature_class();
    let pop = (1.0 + r.population() as f64).log10();
    let mut s = match (class, code) {
        (_, Code::Country) => pop + 4.0,
        (_, Code::Continent) => pop + 3.0,
        (_, Code::Adm1) => pop - 0.8 + 2.0,
        (_, Code::Adm2) => pop - 0.8 + 0.5,
        (b'P', Code::Pplc) => pop + 2.5,
        (b'P', Code::Ppla) => pop + 0.8,
        (b'P', Code::Ppla2) => pop + 0.3,
        (b'P', Code::Pplx) => pop - 1.0,
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
    s
}

/// The candidate's prior in its place in the text: what a type word
/// ("province", "city", "river") and a seat namesake say.
fn prior(c: &Cand, type_word: Option<TypeWord>) -> f64 {
    let class = c.spot.class;
    let fit = match type_word {
        Some(TypeWord::Admin) if class == b'A' && !c.is_country() => 5.0,
        Some(TypeWord::Settlement) if class == b'P' => 4.0,
        Some(TypeWord::Water) if class == b'H' => 5.0,
        Some(_) => -3.0,
        None => 0.0,
    };
    // A bare name shared by a division and its seat means the city.
    let seat = if c.seat && type_word != Some(TypeWord::Admin) {
        -3.0
    } else {
        0.0
    };
    c.base + fit + seat
}

/// Equirectangular distance in km: close enough for proximity bands, and
/// much cheaper than the great circle in the resolver's inner loop.
pub(crate) fn fast_km(lat1: f64, cos_lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    km_of(flat_square(lat1, cos_lat1, lon1, lat2, lon2))
}

/// The square of the equirectangular angle between two points (radians):
/// it orders distances as `fast_km` does, without a root each.
fn flat_square(lat1: f64, cos_lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let x = (lon2 - lon1).to_radians() * cos_lat1;
    let y = (lat2 - lat1).to_radians();
    x * x + y * y
}

/// Km from [`flat_square`]. Rounding keeps order: the nearest of several
/// squares gives the nearest of their distances, to the bit.
fn km_of(square: f64) -> f64 {
    6371.0 * square.sqrt()
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
    matches!(
        g.code(rec),
        Code::Country | Code::Adm1 | Code::Adm2 | Code::Continent | Code::Region
    )
}

/// Scores every candidate in place and returns each site's choice.
/// `extra_countries` are countries known from outside the text (the
/// dateline hint), with their weights.
pub fn resolve(
    g: &Gazetteer,
    sites: &mut [NameSite],
    extra_countries: &[([u8; 2], f64)],
) -> Vec<Option<Choice>> {
    for si in 0..sites.len() {
        // A division that holds a candidate of the name it pins: "Paris,
        // Texas". Only records are read, which the priors leave alone.
        let inside: Vec<bool> = match sites[si].pins.and_then(|p| sites.get(p)) {
            Some(inner) => sites[si]
                .cands
                .iter()
                .map(|c| {
                    inner
                        .cands
                        .iter()
                        .any(|xc| contains(g, c.record, xc.record))
                })
                .collect(),
            None => Vec::new(),
        };
        let s = &mut sites[si];
        let tw = s.type_word;
        for (c, ci) in s.cands.iter_mut().zip(0..) {
            c.prior = prior(c, tw);
            if inside.get(ci) == Some(&true) {
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
            // Distinct records, as in `prepare`.
            s.cands
                .sort_unstable_by(|a, b| b.prior.total_cmp(&a.prior).then(a.record.cmp(&b.record)));
            s.cands.truncate(MAX_SCORED);
        }
    }
    let (group_ix, group_size) = dense_groups(sites);
    let mut choice: Vec<Option<usize>> = sites.iter().map(|s| best(s, |c| c.prior)).collect();
    let mut context: Vec<(CountryWeights, f64)> = Vec::new();
    let mut near_by_group: Vec<Vec<(u32, f64)>> = Vec::new();
    for _round in 0..3 {
        // Each site's current vote: its country and, for points, its position.
        let votes: Vec<Option<Vote>> = sites
            .iter()
            .zip(&choice)
            .map(|(s, ch)| ch.filter(|_| !s.weak).map(|i| vote(g, s, i)))
            .collect();
        let levels: Vec<Option<Level>> = sites
            .iter()
            .zip(&choice)
            .map(|(s, ch)| ch.map(|i| s.cands[i].spot.level))
            .collect();
        // The article's context, summed once; each group of sites then
        // leaves out its own share. A name repeated n times weighs 1 + ln n
        // times its first mention: frequency matters, with diminishing
        // returns.
        let mut total: CountryWeights = Vec::new();
        let mut own: Vec<CountryWeights> = vec![Vec::new(); group_size.len()];
        let mut admin1_named: Vec<(u32, usize)> = Vec::new();
        let mut points: Vec<(u32, f64, f64, usize)> = Vec::new();
        for &(cc, w) in extra_countries {
            add_weight(&mut total, cc, w);
        }
        for (vi, v) in votes.iter().enumerate() {
            let Some(v) = v else { continue };
            let group = group_ix[vi];
            if let Some(cc) = v.country {
                let n = group_size[group] as f64;
                let w = v.weight * (1.0 + n.ln()) / n;
                add_weight(&mut total, cc, w);
                add_weight(&mut own[group], cc, w);
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
        // In country order, so that each group's share leaves it sorted.
        total.sort_unstable_by_key(|x| x.0);
        context.resize_with(own.len(), Default::default);
        for (o, (weights, max)) in own.iter().zip(context.iter_mut()) {
            *max = without(&total, o, weights);
        }
        // Proximity depends on the place and the other groups' points
        // alone: a repeated name's sites share what its first site read.
        for near in near_by_group.iter_mut() {
            near.clear();
        }
        near_by_group.resize_with(group_size.len(), Vec::new);
        // By latitude, so that each candidate reads only the points in reach.
        points.sort_unstable_by(|a, b| a.1.total_cmp(&b.1));
        for (si, s) in sites.iter_mut().enumerate() {
            let own = group_ix[si];
            let (country_w, max_w) = &context[own];
            let max_w = *max_w;
            let pin = s.pinned_by.and_then(|p| votes.get(p).copied().flatten());
            let near = &mut near_by_group[own];
            // Filled by the group's first site that reads proximity; the
            // others read it where their candidate lists agree.
            let fill = near.is_empty() && !s.dateline;
            for (k, c) in s.cands.iter_mut().enumerate() {
                let sp = c.spot;
                let mut score = c.prior;
                match sp.country {
                    Some(cc) => {
                        let w = weight_of(country_w, cc);
                        if w > 0.0 && !s.dateline {
                            score += 1.0 + 3.0 * w / max_w;
                        }
                    }
                    // Seas, rivers and regions across borders fit any
                    // article's geography halfway.
                    None if max_w > 0.0 && !s.dateline => score += 2.5,
                    None => {}
                }
                if let Some(a1) = sp.admin1 {
                    if a1 != c.record && admin1_named.iter().any(|&(r, gr)| r == a1 && gr != own) {
                        score += 2.5;
                    }
                }
                if s.siblings
                    .iter()
                    .any(|&k| levels.get(k).copied().flatten() == Some(sp.level))
                {
                    score += 1.5;
                }
                if let Some(p) = pin {
                    let inside =
                        sp.admin1 == Some(p.record) || (p.is_country && sp.country == p.country);
                    if inside {
                        score += 5.0;
                    }
                }
                if let Some((lat, lon, cos_lat)) = sp.point.filter(|_| !s.dateline) {
                    let p = match near.get(k) {
                        Some(&(record, p)) if !fill && record == c.record => p,
                        _ => proximity(lat, lon, cos_lat, &points, own),
                    };
                    if fill {
                        near.push((c.record, p));
                    }
                    score += p;
                } else if fill {
                    // No point: never read.
                    near.push((c.record, 0.0));
                }
                c.score = score;
            }
        }
        let next: Vec<Option<usize>> = sites.iter().map(|s| best(s, |c| c.score)).collect();
        if next == choice {
            break;
        }
        choice = next;
    }
    choice
        .iter()
        .zip(&group_ix)
        .map(|(ch, &gi)| {
            ch.map(|index| {
                let (countries, max_support) = context.get(gi).cloned().unwrap_or_default();
                Choice {
                    index,
                    countries,
                    max_support,
                }
            })
        })
        .collect()
}

/// Each site's group as a dense index, and each group's number of sites.
fn dense_groups(sites: &[NameSite]) -> (Vec<usize>, Vec<usize>) {
    let mut ids: FxHashMap<u32, usize> = FxHashMap::default();
    let mut size = Vec::new();
    let ix = sites
        .iter()
        .map(|s| {
            let next = ids.len();
            let gi = *ids.entry(s.group).or_insert(next);
            if gi == size.len() {
                size.push(0);
            }
            size[gi] += 1;
            gi
        })
        .collect();
    (ix, size)
}

fn add_weight(weights: &mut CountryWeights, cc: [u8; 2], w: f64) {
    match weights.iter_mut().find(|(c, _)| *c == cc) {
        Some((_, t)) => *t += w,
        None => weights.push((cc, w)),
    }
}

fn weight_of(weights: &CountryWeights, cc: [u8; 2]) -> f64 {
    weights
        .iter()
        .find(|(c, _)| *c == cc)
        .map_or(0.0, |(_, w)| *w)
}

/// The article's country weights (`total`, sorted by country) without
/// one group's share, into `w`; the strongest weight.
fn without(total: &CountryWeights, own: &CountryWeights, w: &mut CountryWeights) -> f64 {
    w.clear();
    w.extend(
        total
            .iter()
            .map(|&(cc, t)| (cc, t - weight_of(own, cc)))
            .filter(|&(_, t)| t > 1e-9),
    );
    w.iter().map(|x| x.1).fold(0.0, f64::max)
}

/// Points further apart than this many degrees of latitude are beyond the
/// last proximity band.
const FAR_DEGREES: f64 = 4.6;

/// The score for lying near the other groups' points (sorted by latitude).
fn proximity(
    lat: f64,
    lon: f64,
    cos_lat: f64,
    points: &[(u32, f64, f64, usize)],
    own: usize,
) -> f64 {
    // Those less than FAR_DEGREES of latitude away are a run of the list.
    let from = points.partition_point(|p| p.1 - lat <= -FAR_DEGREES);
    let near = points[from..]
        .iter()
        .take_while(|p| p.1 - lat < FAR_DEGREES)
        .filter(|p| p.3 != own)
        .map(|&(_, la, lo, _)| flat_square(lat, cos_lat, lon, la, lo))
        .fold(f64::INFINITY, f64::min);
    // Most candidates have no point in reach: no root to take.
    if near == f64::INFINITY {
        return 0.0;
    }
    match km_of(near) {
        d if d < 1.0 => 0.0, // the same place named twice
        d if d < 60.0 => 2.0,
        d if d < 200.0 => 1.2,
        d if d < 500.0 => 0.5,
        _ => 0.0,
    }
}

/// What the context rounds ask of a candidate, read once.
#[derive(Debug, Clone, Copy)]
struct Spot {
    /// GeoNames feature class.
    class: u8,
    country: Option<[u8; 2]>,
    admin1: Option<u32>,
    level: Level,
    /// Latitude, longitude and the cosine of the latitude, for points.
    point: Option<(f64, f64, f64)>,
}

impl Spot {
    /// A candidate's spot before [`prepare`] reads it.
    const UNREAD: Spot = Spot {
        class: 0,
        country: None,
        admin1: None,
        level: Level::Other,
        point: None,
    };
}

fn spot(g: &Gazetteer, rec: u32) -> Spot {
    let r = g.rec(rec);
    Spot {
        class: r.feature_class(),
        country: r.country(),
        admin1: g.admin1_record(rec),
        level: level(g, rec),
        point: (!is_region(g, rec)).then(|| (r.lat(), r.lon(), r.lat().to_radians().cos())),
    }
}

/// The level of a place, for coherence within lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Country = 0,
    Division = 1,
    Settlement = 2,
    Other = 3,
}

const LEVELS: usize = 4;

fn level(g: &Gazetteer, rec: u32) -> Level {
    match (g.rec(rec).feature_class(), g.code(rec)) {
        (_, Code::Country) => Level::Country,
        (_, Code::Adm1 | Code::Adm2) => Level::Division,
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
    // An adjective mostly names an actor ("Russian jets", "Turkish
    // drones"), not where things happen: weaker than any place named. A
    // name matched only as a spelling variant ("Houthi" for Haiti) is
    // weak whatever it matched, a country included.
    let weight = match c.kind {
        NameKind::Demonym => 0.5,
        _ if !c.exact => 0.25,
        _ if is_country => 2.0,
        _ if r.population() < 1_000 && !r.handkept() => 0.5 * confidence,
        _ => confidence,
    };
    Vote {
        record: c.record,
        country: r.country(),
        weight: if s.dateline { weight * 0.5 } else { weight },
        admin1: g.code(c.record) == Code::Adm1,
        is_country,
        point: (!is_region(g, c.record)).then(|| (r.lat(), r.lon())),
    }
}
