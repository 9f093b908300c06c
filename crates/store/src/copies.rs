//! Which copy of a story the store keeps. Copies are bodies with the same
//! content hash or near-duplicate fingerprints; the store keeps the one
//! that comes first by [`Precedence`] and links the others as sources, so
//! the stored articles and events do not depend on the order copies
//! arrive in (one process or several workers end with the same data).

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use dateline_clean::Fingerprint;
use rustc_hash::FxHashMap;

use crate::bands::{sharing, BandIndex, Postings};
use crate::sql::Conn;
use crate::tables::{self, Input, Stored};
use crate::types::NewArticle;
use crate::{keys, StoreError};

/// The order in which copies of one story compete to be stored: the
/// earliest published (undated last), then the smallest article sort key
/// (source, index, id). The original usually comes first; any total order
/// would make the choice independent of arrival.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Precedence {
    undated: bool,
    published: Option<NaiveDate>,
    sort_key: String,
}

impl Precedence {
    pub fn new(published: Option<NaiveDate>, sort_key: String) -> Precedence {
        Precedence {
            undated: published.is_none(),
            published,
            sort_key,
        }
    }
}

/// A stored article as the choice sees it.
#[derive(Debug, Clone)]
pub(crate) struct StoredCopy {
    pub id: String,
    /// Row number, the full-text index key.
    pub seq: i64,
    pub precedence: Precedence,
    pub fingerprint: Fingerprint,
}

/// One article of a batch with what the choice needs.
pub(crate) struct Incoming<'a> {
    pub item: &'a NewArticle,
    pub id: String,
    pub precedence: Precedence,
    /// Fingerprint and band keys, computed when first asked for: a body
    /// already stored (a re-read) needs neither.
    lsh: OnceCell<(Fingerprint, Vec<i64>)>,
}

impl<'a> Incoming<'a> {
    pub fn new(item: &'a NewArticle) -> Incoming<'a> {
        let a = &item.article;
        let id = keys::article_id(&a.text);
        Incoming {
            precedence: Precedence::new(
                a.published,
                keys::article_sort_key(&a.source, a.index, &id),
            ),
            lsh: OnceCell::new(),
            id,
            item,
        }
    }

    fn lsh(&self) -> &(Fingerprint, Vec<i64>) {
        self.lsh.get_or_init(|| {
            let fp = dateline_clean::fingerprint(&self.item.article.text);
            let bands = band_keys(&fp);
            (fp, bands)
        })
    }

    pub fn fingerprint(&self) -> &Fingerprint {
        &self.lsh().0
    }

    pub fn bands(&self) -> &[i64] {
        &self.lsh().1
    }

    /// The input this article was read as: source, index, body id.
    pub fn input(&self) -> Input {
        let a = &self.item.article;
        (a.source.clone(), a.index, self.id.clone())
    }

    /// This article as a stored copy, once written with row `seq`.
    pub fn stored(&self, seq: i64) -> StoredCopy {
        StoredCopy {
            id: self.id.clone(),
            seq,
            precedence: self.precedence.clone(),
            fingerprint: self.fingerprint().clone(),
        }
    }
}

/// A fingerprint's LSH bands as index keys.
pub(crate) fn band_keys(fp: &Fingerprint) -> Vec<i64> {
    fp.bands().into_iter().map(|b| b as i64).collect()
}

/// How [`Copies::matching`] found the stored copy an article repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// The article is an input (source, index, body) already folded into
    /// it: its link is stored, and moves with the copy.
    ReadBefore,
    /// The copy has the article's body.
    SameBody,
    /// The copy is its most similar near-duplicate.
    Near,
}

/// The stored copies a batch can meet: those with the batch's ids or
/// near-duplicates of one of its articles, read in a few statements up
/// front, then kept in step with what the batch writes.
#[derive(Default)]
pub(crate) struct Copies {
    by_seq: FxHashMap<i64, StoredCopy>,
    /// Row number of each copy in `by_seq`, by id.
    seqs: HashMap<String, i64>,
    /// Band key to the row numbers of the copies in `by_seq` that can be
    /// near-duplicates: those near one of the batch's articles, and those
    /// the batch stored.
    postings: Postings,
    /// The stored article each of the batch's inputs already read was
    /// folded into, where that is not an article with the input's body.
    folded: HashMap<Input, String>,
    /// The copy that took each replaced copy's place in this batch, by id.
    replaced_by: HashMap<String, String>,
}

impl Copies {
    pub fn load(
        tx: &mut dyn Conn,
        index: &BandIndex,
        batch: &[Incoming],
    ) -> Result<Copies, StoreError> {
        let mut copies = Copies::default();
        let ids: Vec<String> = batch.iter().map(|i| i.id.clone()).collect();
        // Inputs read before are looked up by their own identity first:
        // the copy they were folded into may since have been replaced by
        // one they are no near-duplicate of.
        let inputs: HashSet<Input> = batch.iter().map(Incoming::input).collect();
        for (input, article) in tables::folded_inputs(tx, &ids)? {
            // Other sources read with one of these bodies are not asked for.
            if inputs.contains(&input) {
                copies.folded.insert(input, article);
            }
        }
        let mut known: Vec<String> = ids;
        known.extend(copies.folded.values().cloned());
        known.sort_unstable();
        known.dedup();
        for copy in tables::stored_copies(tx, Stored::Ids(&known))? {
            copies.know(copy);
        }
        // Bodies already stored, and inputs already read, need no
        // near-duplicate lookup.
        let new: Vec<&Incoming> = batch
            .iter()
            .filter(|i| !copies.seqs.contains_key(&i.id) && copies.folded_into(i).is_none())
            .collect();
        // Candidates are compared by fingerprint first, and only the
        // near-duplicates read whole: on one beat, most candidates are not.
        let bands: Vec<&[i64]> = new.iter().map(|i| i.bands()).collect();
        let candidates: Vec<(&Incoming, Vec<i64>)> = new
            .iter()
            .copied()
            .zip(index.sharing(tx, &bands)?)
            .collect();
        let unread: BTreeSet<i64> = candidates
            .iter()
            .flat_map(|(_, seqs)| seqs.iter().copied())
            .filter(|seq| !copies.by_seq.contains_key(seq))
            .collect();
        let unread: Vec<i64> = unread.into_iter().collect();
        let fingerprints = index.fingerprints(tx, &unread)?;
        let near: BTreeSet<i64> = candidates
            .iter()
            .flat_map(|(item, seqs)| {
                seqs.iter().copied().filter(|seq| {
                    let known = copies.by_seq.get(seq).map(|c| &c.fingerprint);
                    known
                        .or_else(|| fingerprints.get(*seq))
                        .is_some_and(|fp| item.fingerprint().is_near_duplicate(fp))
                })
            })
            .collect();
        let (read, unread): (Vec<i64>, Vec<i64>) = near
            .into_iter()
            .partition(|seq| copies.by_seq.contains_key(seq));
        for seq in read {
            copies.post(seq);
        }
        for copy in tables::stored_copies(tx, Stored::Seqs(&unread))? {
            let seq = copy.seq;
            copies.know(copy);
            copies.post(seq);
        }
        Ok(copies)
    }

    /// Adds a stored copy the batch may repeat by body; only copies
    /// [`Copies::post`]ed are near-duplicate candidates.
    fn know(&mut self, copy: StoredCopy) {
        self.seqs.insert(copy.id.clone(), copy.seq);
        self.by_seq.insert(copy.seq, copy);
    }

    /// Posts the bands of the known copy at row `seq`.
    fn post(&mut self, seq: i64) {
        if let Some(copy) = self.by_seq.get(&seq) {
            for band in band_keys(&copy.fingerprint) {
                self.postings.insert(band, seq);
            }
        }
    }

    /// The stored copy an input read before was folded into (following
    /// replacements made by this batch), if it is known.
    fn folded_into(&self, item: &Incoming) -> Option<&StoredCopy> {
        if self.folded.is_empty() {
            return None;
        }
        let mut id = self.folded.get(&item.input())?;
        // Each replacement moves to an earlier copy, so this ends.
        while let Some(next) = self.replaced_by.get(id) {
            id = next;
        }
        self.seqs.get(id).and_then(|s| self.by_seq.get(s))
    }

    /// The stored copy `item` repeats: the one it was folded into when it
    /// was read before, else the one with its body, else the most similar
    /// near-duplicate (the smallest id among equals, so the answer does
    /// not depend on lookup order).
    pub fn matching(&self, item: &Incoming) -> Option<(StoredCopy, Found)> {
        if let Some(copy) = self.folded_into(item) {
            return Some((copy.clone(), Found::ReadBefore));
        }
        if let Some(same) = self.seqs.get(&item.id).and_then(|s| self.by_seq.get(s)) {
            return Some((same.clone(), Found::SameBody));
        }
        let mut best: Option<(f64, &StoredCopy)> = None;
        for seq in sharing(&[&self.postings], item.bands()) {
            let Some(copy) = self.by_seq.get(&seq) else {
                continue;
            };
            let sim = item.fingerprint().similarity(&copy.fingerprint);
            let better = best.is_none_or(|(s, b)| sim > s || (sim == s && copy.id < b.id));
            if item.fingerprint().is_near_duplicate(&copy.fingerprint) && better {
                best = Some((sim, copy));
            }
        }
        best.map(|(_, c)| (c.clone(), Found::Near))
    }

    /// Records a copy the batch stored, with its band keys.
    pub fn add(&mut self, copy: StoredCopy, bands: &[i64]) {
        // Stored again after being replaced: it is where its inputs are.
        self.replaced_by.remove(&copy.id);
        for &band in bands {
            self.postings.insert(band, copy.seq);
        }
        self.know(copy);
    }

    /// Records that `new` took the place of the stored copy `old`, which
    /// is then forgotten ([`Copies::remove`]): inputs folded into `old`
    /// are now `new`'s.
    pub fn replace(&mut self, old: &StoredCopy, new: &str) {
        if old.id != new {
            self.replaced_by.insert(old.id.clone(), new.to_owned());
        }
        self.remove(old);
    }

    /// Forgets a copy the batch replaced.
    fn remove(&mut self, copy: &StoredCopy) {
        for band in band_keys(&copy.fingerprint) {
            self.postings.remove(band, copy.seq);
        }
        self.seqs.remove(&copy.id);
        self.by_seq.remove(&copy.seq);
    }
}
