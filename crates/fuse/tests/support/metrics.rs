//! Pair metrics for fusion: of the report pairs that tell one incident,
//! how many ended in one event (recall); of the pairs fused, how many tell
//! different incidents (wrong-merge rate).

use std::collections::{BTreeMap, BTreeSet};

use dateline_fuse::FusedEvent;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairScores {
    pub true_pairs: usize,
    pub merged_pairs: usize,
    pub correct_merges: usize,
    pub recall: f64,
    /// Wrong merges over merged pairs (1 − precision).
    pub wrong_merge_rate: f64,
    /// Wrong merges over pairs of different incidents.
    pub false_merge_share: f64,
}

/// Scores fused events against `labels` (report → incident), where
/// `report_of` maps a mention key to its report. Reports are compared as
/// pairs: two reports are merged when some event holds mentions of both.
pub fn score(
    events: &[FusedEvent],
    labels: &BTreeMap<String, String>,
    report_of: impl Fn(&str) -> String,
) -> PairScores {
    let mut merged: BTreeSet<(String, String)> = BTreeSet::new();
    for e in events {
        let reports: BTreeSet<String> = e.members.iter().map(|k| report_of(k)).collect();
        for a in &reports {
            for b in &reports {
                if a < b {
                    merged.insert((a.clone(), b.clone()));
                }
            }
        }
    }
    let reports: Vec<&String> = labels.keys().collect();
    let (mut true_pairs, mut negative_pairs) = (0, 0);
    for (i, a) in reports.iter().enumerate() {
        for b in &reports[i + 1..] {
            if labels[*a] == labels[*b] {
                true_pairs += 1;
            } else {
                negative_pairs += 1;
            }
        }
    }
    let same = |(a, b): &(String, String)| matches!((labels.get(a), labels.get(b)), (Some(x), Some(y)) if x == y);
    let correct_merges = merged.iter().filter(|p| same(p)).count();
    let wrong = merged.len() - correct_merges;
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    PairScores {
        true_pairs,
        merged_pairs: merged.len(),
        correct_merges,
        recall: ratio(correct_merges, true_pairs),
        wrong_merge_rate: ratio(wrong, merged.len()),
        false_merge_share: ratio(wrong, negative_pairs),
    }
}

impl std::fmt::Display for PairScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "merged-pair recall {:.3} ({}/{}), wrong-merge rate {:.3} ({} of {} merged pairs; {:.4} of different-incident pairs)",
            self.recall,
            self.correct_merges,
            self.true_pairs,
            self.wrong_merge_rate,
            self.merged_pairs - self.correct_merges,
            self.merged_pairs,
            self.false_merge_share,
        )
    }
}
