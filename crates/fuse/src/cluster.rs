//! Grouping compatible mentions into incidents without chaining.
//!
//! Single-link grouping ("A matches B, B matches C, so A, B, C are one")
//! chains: a report dated a day off links Monday's shelling to Tuesday's,
//! a month-vague report links every day of the month. So a group must be
//! a clique: every pair in it compatible. Among the cliques, groups are
//! built greedily, most similar first (average similarity over all cross
//! pairs), ties broken by mention key order, which makes the result a
//! function of the set of mentions, not of their order. Groups whose
//! established facts disagree never merge ([`crate::facts`]).
//!
//! Groups never cross compatibility components, so fusing any set closed
//! under compatibility gives the same groups as fusing everything.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap};

use chrono::NaiveDate;

use crate::facts::Facts;
use crate::pair::{fusable, similarity};
use crate::{dates, Mention};

/// Groups of indices into `mentions` (which must be sorted by key), each
/// sorted, the groups ordered by their first index.
pub fn groups(mentions: &[&Mention]) -> Vec<Vec<usize>> {
    let adjacency = compatible_pairs(mentions);
    let mut parent: Vec<usize> = (0..mentions.len()).collect();
    for (i, neighbours) in adjacency.iter().enumerate() {
        for &j in neighbours.keys() {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            parent[ri.max(rj)] = ri.min(rj);
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..mentions.len() {
        let r = root(&mut parent, i);
        components.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = components
        .into_values()
        .flat_map(|component| agglomerate(&component, &adjacency, mentions))
        .collect();
    out.sort();
    out
}

/// Similarity of every compatible pair, by index. Only pairs whose dates
/// come within reach are compared (a sweep over mentions sorted by date),
/// so the cost grows with the mentions per day, not their square.
fn compatible_pairs(mentions: &[&Mention]) -> Vec<BTreeMap<usize, f64>> {
    let mut adjacency = vec![BTreeMap::new(); mentions.len()];
    let mut dated: Vec<(NaiveDate, NaiveDate, usize)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| fusable(&m.event))
        .filter_map(|(i, m)| {
            let (from, to) = dates::reach(m.event.date.as_ref()?);
            Some((from, to, i))
        })
        .collect();
    dated.sort_unstable();
    for (pos, &(_, reach_end, i)) in dated.iter().enumerate() {
        for &(reach_start, _, j) in &dated[pos + 1..] {
            if reach_start > reach_end {
                break;
            }
            if let Some(s) = similarity(mentions[i], mentions[j]) {
                adjacency[i].insert(j, s);
                adjacency[j].insert(i, s);
            }
        }
    }
    adjacency
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// A group under construction.
struct Group {
    items: Vec<usize>,
    facts: Facts,
    /// Bumped on every merge, to recognise stale candidates.
    version: u32,
    /// Neighbouring groups (by slot) with the sum of cross similarities;
    /// a group is absent once any cross pair is incompatible.
    links: BTreeMap<usize, f64>,
}

/// A possible merge of two groups (slots `lo` < `hi`).
struct Candidate {
    average: f64,
    lo: usize,
    hi: usize,
    versions: (u32, u32),
}

impl Candidate {
    /// Highest average first, then the smallest slots (first key order).
    fn priority(&self) -> (TotalF64, Reverse<usize>, Reverse<usize>) {
        (TotalF64(self.average), Reverse(self.lo), Reverse(self.hi))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.priority().cmp(&other.priority())
    }
}

#[derive(PartialEq)]
struct TotalF64(f64);
impl Eq for TotalF64 {}
impl PartialOrd for TotalF64 {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TotalF64 {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Average-linkage agglomeration restricted to cliques, inside one
/// component (`items` ascending). Slots are positions in `items`, so a
/// lower slot holds earlier keys; a merge keeps the lower slot.
fn agglomerate(
    items: &[usize],
    adjacency: &[BTreeMap<usize, f64>],
    mentions: &[&Mention],
) -> Vec<Vec<usize>> {
    let slot: BTreeMap<usize, usize> = items.iter().enumerate().map(|(s, &i)| (i, s)).collect();
    let mut groups: Vec<Option<Group>> = items
        .iter()
        .map(|&i| {
            Some(Group {
                items: vec![i],
                facts: Facts::of(&[mentions[i]]),
                version: 0,
                links: adjacency[i].iter().map(|(j, &s)| (slot[j], s)).collect(),
            })
        })
        .collect();
    let mut heap = BinaryHeap::new();
    for a in 0..groups.len() {
        for b in neighbours(&groups, a).into_iter().filter(|&b| b > a) {
            push(&mut heap, &groups, a, b);
        }
    }
    while let Some(c) = heap.pop() {
        let current = |s: usize| groups[s].as_ref().map(|g| g.version);
        if (current(c.lo), current(c.hi)) != (Some(c.versions.0), Some(c.versions.1)) {
            continue;
        }
        let (Some(absorbed), Some(mut kept)) = (groups[c.hi].take(), groups[c.lo].take()) else {
            continue;
        };
        kept.items.extend(absorbed.items);
        kept.items.sort_unstable();
        let members: Vec<&Mention> = kept.items.iter().map(|&i| mentions[i]).collect();
        kept.facts = Facts::of(&members);
        kept.version += 1;
        // Still a clique with a neighbour only if both halves were.
        let touched: Vec<usize> = kept
            .links
            .keys()
            .chain(absorbed.links.keys())
            .copied()
            .collect();
        kept.links = kept
            .links
            .iter()
            .filter(|(s, _)| **s != c.hi)
            .filter_map(|(s, x)| absorbed.links.get(s).map(|y| (*s, x + y)))
            .collect();
        for s in touched {
            if let Some(g) = groups[s].as_mut() {
                g.links.remove(&c.hi);
                match kept.links.get(&s) {
                    Some(&sum) => g.links.insert(c.lo, sum),
                    None => g.links.remove(&c.lo),
                };
            }
        }
        groups[c.lo] = Some(kept);
        for b in neighbours(&groups, c.lo) {
            push(&mut heap, &groups, c.lo.min(b), c.lo.max(b));
        }
    }
    groups.into_iter().flatten().map(|g| g.items).collect()
}

fn neighbours(groups: &[Option<Group>], a: usize) -> Vec<usize> {
    groups[a]
        .as_ref()
        .map(|g| g.links.keys().copied().collect())
        .unwrap_or_default()
}

/// Queues the merge of slots `lo` and `hi` unless their facts conflict.
fn push(heap: &mut BinaryHeap<Candidate>, groups: &[Option<Group>], lo: usize, hi: usize) {
    let (Some(a), Some(b)) = (&groups[lo], &groups[hi]) else {
        return;
    };
    let Some(&sum) = a.links.get(&hi) else { return };
    if a.facts.conflict(&b.facts) {
        return;
    }
    heap.push(Candidate {
        average: sum / (a.items.len() * b.items.len()) as f64,
        lo,
        hi,
        versions: (a.version, b.version),
    });
}
