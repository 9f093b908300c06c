//! The extractor's vocabularies: event triggers (`triggers.tsv`), cue
//! words for modality, attribution and clause structure (`cues.tsv`) and
//! claimant organisations (`sources.tsv`).

use dateline_annotate::{data_list, data_rows, load_data, AnnotateError, PhraseSet, Tokens};
use dateline_model::SubEventType;
use rustc_hash::FxHashMap;

const TRIGGERS: &str = "extract/triggers.tsv";
const CUES: &str = "extract/cues.tsv";
const SOURCES: &str = "extract/sources.tsv";

/// What a trigger reports; some classes are decided by the arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Fixed(SubEventType),
    Attack,
    Kill,
    Capture,
    Regain,
    Explosion,
    Strike,
    Protest,
    Riot,
}

impl Class {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "ATTACK" => Class::Attack,
            "KILL" => Class::Kill,
            "CAPTURE" => Class::Capture,
            "REGAIN" => Class::Regain,
            "EXPLOSION" => Class::Explosion,
            "STRIKE" => Class::Strike,
            "PROTEST" => Class::Protest,
            "RIOT" => Class::Riot,
            other => {
                let (_, sub) = other.split_once('/')?;
                Class::Fixed(SubEventType::parse(sub)?)
            }
        })
    }
}

/// How a trigger word is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Verb,
    Noun,
    Both,
}

/// One lexicon entry.
#[derive(Debug, Clone)]
pub struct TriggerDef {
    pub pattern: String,
    pub class: Class,
    pub form: Form,
    /// Only when nothing else in the sentence triggers.
    pub weak: bool,
    /// Needs the territory after it.
    pub place: bool,
    /// Needs protest words in the sentence.
    pub protest: bool,
    /// Needs weapon words in the sentence.
    pub weapon: bool,
    /// A noun that reports by itself.
    pub self_supported: bool,
    /// An arrest: coded only when it concerns a political or armed party.
    pub political: bool,
}

/// Cue classes, as bits.
pub mod cue {
    pub const MODAL: u64 = 1 << 0;
    pub const PLAN: u64 = 1 << 1;
    pub const NEGATION: u64 = 1 << 2;
    pub const CONDITION: u64 = 1 << 3;
    pub const HABITUAL: u64 = 1 << 4;
    pub const GENERIC: u64 = 1 << 5;
    pub const STATISTIC: u64 = 1 << 6;
    pub const REPORT: u64 = 1 << 7;
    pub const BLAME: u64 = 1 << 8;
    pub const CLAIM: u64 = 1 << 9;
    pub const DENY: u64 = 1 << 10;
    pub const BOUNDARY: u64 = 1 << 11;
    pub const COMMA_BOUNDARY: u64 = 1 << 12;
    pub const SUPPORT: u64 = 1 << 13;
    pub const PLACE_ANAPHOR: u64 = 1 << 14;
    pub const DETERMINER: u64 = 1 << 15;
    pub const NOMINAL_PREP: u64 = 1 << 16;
    pub const TO_NOUN: u64 = 1 << 17;
    pub const AUX: u64 = 1 << 18;
    pub const PAST: u64 = 1 << 19;
    pub const AGENT_BY: u64 = 1 << 20;
    pub const TARGET_PREP: u64 = 1 << 21;
    pub const SOURCE_PREP: u64 = 1 << 22;
    pub const AIR: u64 = 1 << 23;
    pub const SHELL: u64 = 1 << 24;
    pub const SUICIDE: u64 = 1 << 25;
    pub const IED: u64 = 1 << 26;
    pub const GRENADE: u64 = 1 << 27;
    pub const CHEMICAL: u64 = 1 << 28;
    pub const INTERVENTION: u64 = 1 << 29;
    pub const LETHAL_FORCE: u64 = 1 << 30;
    pub const RIOT: u64 = 1 << 31;
    pub const PROTEST_WORD: u64 = 1 << 32;
    pub const CIV_TARGET: u64 = 1 << 33;
    pub const MIL_TARGET: u64 = 1 << 34;
    pub const MOB: u64 = 1 << 35;
    pub const ZERO_CASUALTIES: u64 = 1 << 36;
    pub const ADVERB: u64 = 1 << 37;
    pub const PRONOUN: u64 = 1 << 38;
    pub const NEUTRAL: u64 = 1 << 39;
    pub const SUBORDINATE: u64 = 1 << 40;
    pub const NEW_INCIDENT: u64 = 1 << 41;
    /// Written capitalised in the data: a name ("Grad", "Katyusha").
    pub const PROPER: u64 = 1 << 42;
    pub const FIGURATIVE: u64 = 1 << 43;
    pub const POLITICAL: u64 = 1 << 44;
    pub const APOLITICAL: u64 = 1 << 45;
    pub const CROWD: u64 = 1 << 46;
    pub const GUNFIRE: u64 = 1 << 47;

    /// Cues that stop the triggers after them in their clause.
    pub const IRREALIS: u64 = MODAL | PLAN | NEGATION | CONDITION;
    /// Cues that stop every trigger of their sentence.
    pub const PATTERN: u64 = HABITUAL | GENERIC | STATISTIC;
    /// Any attribution verb.
    pub const ATTRIBUTION: u64 = REPORT | BLAME | CLAIM | DENY;
    pub const WEAPON: u64 = AIR | SHELL | SUICIDE | IED | GRENADE | CHEMICAL;

    pub fn parse(s: &str) -> Option<u64> {
        Some(match s {
            "modal" => MODAL,
            "plan" => PLAN,
            "negation" => NEGATION,
            "condition" => CONDITION,
            "habitual" => HABITUAL,
            "generic" => GENERIC,
            "statistic" => STATISTIC,
            "report" => REPORT,
            "blame" => BLAME,
            "claim" => CLAIM,
            "deny" => DENY,
            "boundary" => BOUNDARY,
            "comma_boundary" => COMMA_BOUNDARY,
            "support" => SUPPORT,
            "place_anaphor" => PLACE_ANAPHOR,
            "determiner" => DETERMINER,
            "nominal_prep" => NOMINAL_PREP,
            "to_noun" => TO_NOUN,
            "aux" => AUX,
            "past" => PAST,
            "agent_by" => AGENT_BY,
            "target_prep" => TARGET_PREP,
            "source_prep" => SOURCE_PREP,
            "air" => AIR,
            "shell" => SHELL,
            "suicide" => SUICIDE,
            "ied" => IED,
            "grenade" => GRENADE,
            "chemical" => CHEMICAL,
            "intervention" => INTERVENTION,
            "lethal_force" => LETHAL_FORCE,
            "riot" => RIOT,
            "protest_word" => PROTEST_WORD,
            "civ_target" => CIV_TARGET,
            "mil_target" => MIL_TARGET,
            "mob" => MOB,
            "zero_casualties" => ZERO_CASUALTIES,
            "adverb" => ADVERB,
            "pronoun" => PRONOUN,
            "neutral" => NEUTRAL,
            "subordinate" => SUBORDINATE,
            "new_incident" => NEW_INCIDENT,
            "figurative" => FIGURATIVE,
            "political" => POLITICAL,
            "apolitical" => APOLITICAL,
            "crowd" => CROWD,
            "gunfire" => GUNFIRE,
            _ => return None,
        })
    }
}

/// One cue found in text: tokens `start..end` and its classes.
#[derive(Debug, Clone, Copy)]
pub struct CueHit {
    pub start: usize,
    pub end: usize,
    pub mask: u64,
}

/// Every vocabulary the extractor needs.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub triggers: PhraseSet<u32>,
    pub defs: Vec<TriggerDef>,
    cues: PhraseSet<u64>,
    /// Claimant organisations and roles, by canonical name index.
    pub sources: PhraseSet<u32>,
    pub source_names: Vec<String>,
    /// Per source: a role ("activists") rather than an organisation.
    source_roles: Vec<bool>,
}

impl Lexicon {
    pub fn load() -> Result<Self, AnnotateError> {
        let text = load_data(TRIGGERS)?;
        let mut triggers = PhraseSet::new();
        let mut defs = Vec::new();
        for row in data_rows(&text) {
            let pattern = row.need(0, TRIGGERS, "pattern")?;
            let class_s = row.need(1, TRIGGERS, "class")?;
            let class = Class::parse(class_s).ok_or_else(|| {
                AnnotateError::data(TRIGGERS, row.line, format!("unknown class {class_s:?}"))
            })?;
            let form = match row.need(2, TRIGGERS, "form")? {
                "v" => Form::Verb,
                "n" => Form::Noun,
                "vn" => Form::Both,
                other => {
                    return Err(AnnotateError::data(
                        TRIGGERS,
                        row.line,
                        format!("unknown form {other:?}"),
                    ))
                }
            };
            let flags: Vec<&str> = row.get(3).split(',').map(str::trim).collect();
            for f in &flags {
                if !matches!(
                    *f,
                    "" | "-" | "weak" | "place" | "protest" | "weapon" | "self" | "political"
                ) {
                    return Err(AnnotateError::data(
                        TRIGGERS,
                        row.line,
                        format!("unknown flag {f:?}"),
                    ));
                }
            }
            let idx = defs.len() as u32;
            defs.push(TriggerDef {
                pattern: pattern.to_string(),
                class,
                form,
                weak: flags.contains(&"weak"),
                place: flags.contains(&"place"),
                protest: flags.contains(&"protest"),
                weapon: flags.contains(&"weapon"),
                self_supported: flags.contains(&"self"),
                political: flags.contains(&"political"),
            });
            triggers.add(pattern, idx);
        }
        let text = load_data(CUES)?;
        let mut masks: FxHashMap<String, u64> = FxHashMap::default();
        let mut order: Vec<String> = Vec::new();
        for row in data_rows(&text) {
            let class_s = row.need(1, CUES, "class")?;
            let bit = cue::parse(class_s).ok_or_else(|| {
                AnnotateError::data(CUES, row.line, format!("unknown cue class {class_s:?}"))
            })?;
            for phrase in data_list(row.need(0, CUES, "phrases")?) {
                let e = masks.entry(phrase.to_string()).or_insert_with(|| {
                    order.push(phrase.to_string());
                    0
                });
                *e |= bit;
            }
        }
        let mut cues = PhraseSet::new();
        for phrase in order {
            let proper = if phrase.starts_with(char::is_uppercase) {
                cue::PROPER
            } else {
                0
            };
            cues.add(&phrase, masks[&phrase] | proper);
        }
        let text = load_data(SOURCES)?;
        let mut sources = PhraseSet::new();
        let mut source_names = Vec::new();
        let mut source_roles = Vec::new();
        for row in data_rows(&text) {
            let idx = source_names.len() as u32;
            source_names.push(row.need(0, SOURCES, "name")?.to_string());
            source_roles.push(match row.need(1, SOURCES, "kind")? {
                "org" => false,
                "role" => true,
                other => {
                    return Err(AnnotateError::data(
                        SOURCES,
                        row.line,
                        format!("unknown kind {other:?}"),
                    ))
                }
            });
            for alias in data_list(row.need(2, SOURCES, "aliases")?) {
                sources.add(alias, idx);
            }
        }
        Ok(Lexicon {
            triggers,
            defs,
            cues,
            sources,
            source_names,
            source_roles,
        })
    }

    /// Every cue in tokens `from..to` (overlapping matches included).
    /// A weapon word capitalised inside a sentence is a name ("the Houston
    /// Rockets"), unless the data writes it so ("Grad").
    pub fn cues(&self, toks: &Tokens, from: usize, to: usize) -> Vec<CueHit> {
        let mut out = Vec::new();
        for i in from..to {
            self.cues.each_match_at(toks, i, to, |m| {
                let name = m.start > from
                    && m.value & cue::PROPER == 0
                    && toks.is_capitalized(m.start)
                    && !toks.is_all_caps(m.start);
                let mask = if name {
                    m.value & !cue::WEAPON
                } else {
                    *m.value
                };
                if mask != 0 {
                    out.push(CueHit {
                        start: m.start,
                        end: m.end,
                        mask,
                    })
                }
            });
        }
        out
    }

    /// Whether source `idx` is a role rather than an organisation.
    pub fn source_is_role(&self, idx: u32) -> bool {
        self.source_roles[idx as usize]
    }

    /// Whether a single token is a cue of `mask` (phrases of one word only).
    pub fn token_is(&self, toks: &Tokens, i: usize, mask: u64) -> bool {
        let mut hit = false;
        self.cues
            .each_match_at(toks, i, i + 1, |m| hit |= m.value & mask != 0);
        hit
    }
}
