//! Actor mentions, resolved to canonical ACLED-style names (spec §3).
//!
//! `data/extract/actors.tsv` lists each actor once with its kind, home
//! country and aliases ("Daesh", "ISIS", "IS" → "Islamic State"). Three
//! things need context, and the data says which:
//!
//! - scoped aliases hold only in a story about given countries ("the
//!   coalition" is the US-led Coalition in Syria or Iraq but the Saudi-led
//!   Coalition in Yemen; "SNA" is the Syrian National Army or the Somali
//!   National Army);
//! - generic mentions are templates filled with a country ("government
//!   troops" → "Military Forces of {of_country}", "gunmen" → "Unidentified
//!   Armed Group ({country})", "villagers" → "Civilians ({country})"); the
//!   country is a nationality right before the mention ("Iraqi troops"),
//!   else the caller's context country;
//! - anaphors ("the militants", "the group") are left for the extractor,
//!   which knows which armed group the article is about.
//!
//! Country names ("Russia", "the U.S.") are mentions too: they act in
//! sentences like "Russia has also claimed airstrikes there".

use rustc_hash::FxHashMap;

use crate::phrases::PhraseSet;
use crate::table::{self, list, rows};
use crate::tokens::Tokens;
use crate::AnnotateError;

const ACTORS: &str = "extract/actors.tsv";
const COUNTRIES: &str = "extract/countries.tsv";

/// What sort of party an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKind {
    StateForces,
    Police,
    RebelGroup,
    PoliticalMilitia,
    IdentityMilitia,
    ExternalForces,
    Government,
    Civilians,
    Protesters,
    Rioters,
    /// An armed group nobody named.
    Unidentified,
    /// "the militants", "the group": resolved by the extractor.
    ArmedAnaphor,
    /// A country's name standing for its state.
    Country,
}

impl ActorKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "state_forces" => ActorKind::StateForces,
            "police" => ActorKind::Police,
            "rebel_group" => ActorKind::RebelGroup,
            "political_militia" => ActorKind::PoliticalMilitia,
            "identity_militia" => ActorKind::IdentityMilitia,
            "external_forces" => ActorKind::ExternalForces,
            "government" => ActorKind::Government,
            "civilians" => ActorKind::Civilians,
            "protesters" => ActorKind::Protesters,
            "rioters" => ActorKind::Rioters,
            "unidentified" => ActorKind::Unidentified,
            "armed_anaphor" => ActorKind::ArmedAnaphor,
            _ => return None,
        })
    }

    /// The name used in the interchange format's `actor.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::StateForces => "state_forces",
            ActorKind::Police => "state_forces",
            ActorKind::RebelGroup => "rebel_group",
            ActorKind::PoliticalMilitia => "political_militia",
            ActorKind::IdentityMilitia => "identity_militia",
            ActorKind::ExternalForces => "external_forces",
            ActorKind::Government => "government",
            ActorKind::Civilians => "civilians",
            ActorKind::Protesters => "protesters",
            ActorKind::Rioters => "rioters",
            ActorKind::Unidentified => "unidentified_armed_group",
            ActorKind::ArmedAnaphor => "armed_group",
            ActorKind::Country => "state",
        }
    }

    /// Carries arms (the sides of battles and remote violence).
    pub fn is_armed(self) -> bool {
        matches!(
            self,
            ActorKind::StateForces
                | ActorKind::Police
                | ActorKind::RebelGroup
                | ActorKind::PoliticalMilitia
                | ActorKind::IdentityMilitia
                | ActorKind::ExternalForces
                | ActorKind::Unidentified
                | ActorKind::ArmedAnaphor
                | ActorKind::Country
        )
    }

    /// A state's own forces (for "government regains territory").
    pub fn is_state(self) -> bool {
        matches!(
            self,
            ActorKind::StateForces | ActorKind::Police | ActorKind::Government | ActorKind::Country
        )
    }
}

#[derive(Debug, Clone)]
struct Entry {
    /// Canonical name, or a template with `{country}` / `{of_country}`.
    name: String,
    kind: ActorKind,
    home: Option<String>,
    /// Countries whose stories this alias holds in; empty = everywhere.
    scope: Vec<String>,
    /// Follows a named actor as its head noun ("Daesh militants").
    generic: bool,
    /// Only with a nationality before it ("Russian warplanes").
    qualified: bool,
}

#[derive(Debug, Clone, Copy)]
enum Alias {
    /// Indexes into `ActorTagger::groups`.
    Actor(u32),
    /// A country name (acts) or adjective (only qualifies).
    Country { code: u32, adjective: bool },
}

/// A country: ISO code, short name ("Syria"), "of" name ("the United States").
#[derive(Debug, Clone)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub of_name: String,
}

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionRole {
    Named,
    /// A template filled with a country ("government troops").
    Generic,
    Anaphor,
    /// A country's name ("Russia"): the state itself.
    Country,
    /// A nationality adjective on its own ("Syrian activists"): context only.
    Nationality,
}

/// One actor mention in tokens `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    pub start: usize,
    pub end: usize,
    /// Canonical name; `None` for anaphors and for templates without a country.
    pub name: Option<String>,
    pub kind: ActorKind,
    /// The actor's country (home, or the filled template's).
    pub country: Option<String>,
    pub role: MentionRole,
}

/// Finds actor mentions.
#[derive(Debug, Clone)]
pub struct ActorTagger {
    phrases: PhraseSet<Alias>,
    groups: Vec<Vec<u32>>,
    entries: Vec<Entry>,
    countries: Vec<Country>,
    by_code: FxHashMap<String, u32>,
}

impl ActorTagger {
    pub fn load() -> Result<Self, AnnotateError> {
        let mut phrases = PhraseSet::new();
        let mut countries = Vec::new();
        let mut by_code = FxHashMap::default();
        let text = table::load(COUNTRIES)?;
        for row in rows(&text) {
            let code = row.need(0, COUNTRIES, "ISO code")?.to_string();
            let name = row.need(1, COUNTRIES, "name")?.to_string();
            let of_name = match row.get(2) {
                "" | "-" => name.clone(),
                s => s.to_string(),
            };
            let idx = countries.len() as u32;
            by_code.insert(code.clone(), idx);
            for n in list(row.get(3)) {
                phrases.add(
                    n,
                    Alias::Country {
                        code: idx,
                        adjective: false,
                    },
                );
            }
            for a in list(row.get(4)) {
                phrases.add(
                    a,
                    Alias::Country {
                        code: idx,
                        adjective: true,
                    },
                );
            }
            countries.push(Country {
                code,
                name,
                of_name,
            });
        }
        let text = table::load(ACTORS)?;
        let mut entries = Vec::new();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut group_of: FxHashMap<String, u32> = FxHashMap::default();
        for row in rows(&text) {
            let name = row.need(0, ACTORS, "name")?.to_string();
            let kind_s = row.need(1, ACTORS, "kind")?;
            let (kind_s, generic, qualified) = if let Some(k) = kind_s.strip_suffix("+generic") {
                (k, true, false)
            } else if let Some(k) = kind_s.strip_suffix("+qualified") {
                (k, true, true)
            } else {
                (kind_s, false, false)
            };
            let kind = ActorKind::parse(kind_s).ok_or_else(|| {
                AnnotateError::data(ACTORS, row.line, format!("unknown kind {kind_s:?}"))
            })?;
            let home = match row.get(2) {
                "" | "-" => None,
                s => Some(s.to_string()),
            };
            let scope: Vec<String> = match row.get(3) {
                "" | "-" => Vec::new(),
                s => s.split(',').map(|c| c.trim().to_string()).collect(),
            };
            let idx = entries.len() as u32;
            entries.push(Entry {
                name,
                kind,
                home,
                scope,
                generic,
                qualified,
            });
            for alias in list(row.need(4, ACTORS, "aliases")?) {
                // One alias may name several entries (under different scopes).
                let key = Tokens::new(alias);
                let key: String = (0..key.len())
                    .map(|i| key.norm(i))
                    .collect::<Vec<_>>()
                    .join(" ");
                let key = if alias
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                {
                    alias.to_string()
                } else {
                    key
                };
                let g = match group_of.get(&key) {
                    Some(&g) => g,
                    None => {
                        let g = groups.len() as u32;
                        groups.push(Vec::new());
                        group_of.insert(key, g);
                        phrases.add(alias, Alias::Actor(g));
                        g
                    }
                };
                groups[g as usize].push(idx);
            }
        }
        Ok(ActorTagger {
            phrases,
            groups,
            entries,
            countries,
            by_code,
        })
    }

    /// The country with ISO code `code`.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.by_code.get(code).map(|&i| &self.countries[i as usize])
    }

    /// Fills a template ("Civilians ({country})") for `code`.
    pub fn fill(&self, template: &str, code: &str) -> Option<String> {
        let c = self.country(code)?;
        Some(
            template
                .replace("{country}", &c.name)
                .replace("{of_country}", &c.of_name),
        )
    }

    /// The canonical name of a template actor for `code`, by kind:
    /// "Civilians (Syria)" for [`ActorKind::Civilians`].
    pub fn generic_name(&self, kind: ActorKind, code: &str) -> Option<String> {
        let e = self
            .entries
            .iter()
            .find(|e| e.kind == kind && e.name.contains('{'))?;
        self.fill(&e.name, code)
    }

    /// The actor mentions in tokens `from..to`; `context` is the story's
    /// country, for scoped aliases and templates.
    pub fn find(
        &self,
        toks: &Tokens,
        from: usize,
        to: usize,
        context: Option<&str>,
    ) -> Vec<ActorMention> {
        let mut out: Vec<ActorMention> = Vec::new();
        for m in self.phrases.find_maximal(toks, from, to) {
            // "U.S.-backed", "Daesh-held", "government-controlled": a
            // modifier, not a party to anything.
            if m.end + 1 < toks.len()
                && toks.norm(m.end) == "-"
                && !toks.toks[m.end].space_before
                && matches_modifier(toks.norm(m.end + 1))
            {
                continue;
            }
            match *m.value {
                Alias::Country { code, adjective } => {
                    let c = &self.countries[code as usize];
                    out.push(ActorMention {
                        start: m.start,
                        end: m.end,
                        name: Some(c.name.clone()),
                        kind: ActorKind::Country,
                        country: Some(c.code.clone()),
                        role: if adjective {
                            MentionRole::Nationality
                        } else {
                            MentionRole::Country
                        },
                    });
                }
                Alias::Actor(g) => {
                    // A nationality or country right before qualifies a
                    // template: "Iraqi troops", "Syria's army".
                    let qualifier = out.last().filter(|p| {
                        matches!(p.role, MentionRole::Nationality | MentionRole::Country)
                            && (p.end == m.start
                                || (p.end + 1 == m.start && toks.norm(p.end) == "'s"))
                    });
                    // "Mozambican and Rwandan troops": the story's own
                    // country first, else the first named.
                    let partner = qualifier.and_then(|q| {
                        let k = out.len().checked_sub(2)?;
                        let p = &out[k];
                        (p.role == MentionRole::Nationality
                            && p.end + 1 == q.start
                            && matches!(toks.norm(p.end), "and" | "or"))
                        .then_some(p)
                    });
                    let qualifier = match (qualifier, partner) {
                        (Some(q), Some(p)) if q.country.as_deref() != context => Some(p),
                        (q, _) => q,
                    };
                    let qualifier_code = qualifier.and_then(|q| q.country.clone());
                    let country = qualifier_code.as_deref().or(context);
                    let Some(e) = self.pick(g, country) else {
                        continue;
                    };
                    let entry = &self.entries[e as usize];
                    let templated = entry.name.contains('{');
                    let (name, mcountry) = if entry.kind == ActorKind::ArmedAnaphor {
                        (None, None)
                    } else if templated {
                        match country {
                            Some(c) => (self.fill(&entry.name, c), Some(c.to_string())),
                            None => (None, None),
                        }
                    } else {
                        (Some(entry.name.clone()), entry.home.clone())
                    };
                    let role = if entry.kind == ActorKind::ArmedAnaphor {
                        MentionRole::Anaphor
                    } else if templated {
                        MentionRole::Generic
                    } else {
                        MentionRole::Named
                    };
                    let mut start = m.start;
                    if qualifier_code.is_some() && templated {
                        start = out.pop().map(|q| q.start).unwrap_or(m.start);
                    }
                    // "Daesh militants", "Houthi rebels": a generic head
                    // after a named actor is that actor.
                    if entry.generic || role == MentionRole::Anaphor {
                        if let Some(prev) = out.last_mut() {
                            if prev.role == MentionRole::Named && prev.end == m.start {
                                prev.end = m.end;
                                continue;
                            }
                        }
                    }
                    if entry.qualified && qualifier_code.is_none() {
                        continue;
                    }
                    out.push(ActorMention {
                        start,
                        end: m.end,
                        name,
                        kind: entry.kind,
                        country: mcountry,
                        role,
                    });
                }
            }
        }
        out
    }

    /// The entry of alias group `g` that holds in a story about `country`:
    /// a scoped entry for that country first, then an unscoped one.
    fn pick(&self, g: u32, country: Option<&str>) -> Option<u32> {
        let group = &self.groups[g as usize];
        if let Some(c) = country {
            if let Some(&e) = group
                .iter()
                .find(|&&e| self.entries[e as usize].scope.iter().any(|s| s == c))
            {
                return Some(e);
            }
        }
        group
            .iter()
            .copied()
            .find(|&e| self.entries[e as usize].scope.is_empty())
    }
}

/// The second half of "X-backed", "X-held", "X-run".
fn matches_modifier(word: &str) -> bool {
    word.ends_with("ed") || matches!(word, "held" | "run" | "built" | "bound")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, ctx: Option<&str>) -> Vec<String> {
        let tagger = ActorTagger::load().unwrap();
        let t = Tokens::new(text);
        tagger
            .find(&t, 0, t.len(), ctx)
            .into_iter()
            .filter(|m| !matches!(m.role, MentionRole::Nationality))
            .map(|m| m.name.unwrap_or_else(|| format!("<{:?}>", m.role)))
            .collect()
    }

    // Invented sentences.
    #[test]
    fn aliases_resolve_to_one_canonical_name() {
        assert_eq!(
            names("Daesh, ISIS and ISIL fighters", None),
            ["Islamic State", "Islamic State", "Islamic State"]
        );
        assert_eq!(names("IS is retreating", None), ["Islamic State"]);
    }

    #[test]
    fn generic_mentions_take_the_context_country() {
        assert_eq!(
            names("government troops shelled the town", Some("SY")),
            ["Military Forces of Syria"]
        );
        assert_eq!(
            names("gunmen killed three villagers", Some("NG")),
            ["Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)"]
        );
    }

    #[test]
    fn nationality_beats_context() {
        assert_eq!(
            names("Iraqi troops advanced", Some("SY")),
            ["Military Forces of Iraq"]
        );
        assert_eq!(
            names("Russian warplanes struck", Some("SY")),
            ["Military Forces of Russia"]
        );
    }

    #[test]
    fn scoped_aliases_follow_the_story() {
        assert_eq!(
            names("the coalition struck", Some("SY")),
            ["US-led Coalition"]
        );
        assert_eq!(
            names("the coalition struck", Some("YE")),
            ["Saudi-led Coalition"]
        );
    }

    #[test]
    fn named_actor_absorbs_generic_head() {
        assert_eq!(names("Houthi rebels fired", Some("YE")), ["Ansar Allah"]);
        assert_eq!(names("the militants fled", Some("SY")), ["<Anaphor>"]);
    }
}
