//! Which copy of a story the store keeps. Copies are bodies with the same
//! content hash or near-duplicate fingerprints; the store keeps the one
//! that comes first by [`Precedence`] and links the others as sources, so
//! the stored articles and events do not depend on the order copies
//! arrive in (one process or several workers end with the same data).

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use dateline_clean::Fingerprint;

use crate::sql::Conn;
use crate::tables::{self, Stored};
use crate::types::NewArticle;
use crate::{keys, StoreError};

/// Band keys two fingerprints must share before they are compared in
/// full. Unrelated bodies on one beat (similarity about 0.1) share one
/// overlapping band in 7 pairs of 100 but two in only 1; a pair at the
/// threshold shares fewer than two in 3 of 1,000, and one at 0.56 in 1 of
/// 30,000.
const MIN_SHARED_BANDS: usize = 2;

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

/// The stored copies a batch can meet: those with the batch's ids or
/// sharing enough bands with one of its articles, read in a few
/// statements up front, then kept in step with what the batch writes.
#[derive(Default)]
pub(crate) struct Copies {
    by_seq: HashMap<i64, StoredCopy>,
    /// Row number of each copy in `by_seq`, by id.
    seqs: HashMap<String, i64>,
    /// Band key to the row numbers of the articles with it.
    postings: HashMap<i64, Vec<i64>>,
}

impl Copies {
    pub fn load(tx: &mut dyn Conn, batch: &[Incoming]) -> Result<Copies, StoreError> {
        let mut copies = Copies::default();
        let ids: Vec<String> = batch.iter().map(|i| i.id.clone()).collect();
        copies.extend(tables::stored_copies(tx, Stored::Ids(&ids))?);
        // Bodies already stored need no near-duplicate lookup.
        let new: Vec<&Incoming> = batch
            .iter()
            .filter(|i| !copies.seqs.contains_key(&i.id))
            .collect();
        let bands: BTreeSet<i64> = new.iter().flat_map(|i| i.bands().iter().copied()).collect();
        let bands: Vec<i64> = bands.into_iter().collect();
        for (band, seq) in tables::band_postings(tx, &bands)? {
            copies.postings.entry(band).or_default().push(seq);
        }
        let wanted: BTreeSet<i64> = new
            .iter()
            .flat_map(|i| copies.candidates(i))
            .filter(|seq| !copies.by_seq.contains_key(seq))
            .collect();
        let wanted: Vec<i64> = wanted.into_iter().collect();
        copies.extend(tables::stored_copies(tx, Stored::Seqs(&wanted))?);
        Ok(copies)
    }

    fn extend(&mut self, stored: Vec<StoredCopy>) {
        for c in stored {
            self.seqs.insert(c.id.clone(), c.seq);
            self.by_seq.insert(c.seq, c);
        }
    }

    /// Row numbers of the articles sharing at least [`MIN_SHARED_BANDS`]
    /// bands with `item`, ascending.
    fn candidates(&self, item: &Incoming) -> Vec<i64> {
        let mut met: Vec<i64> = item
            .bands()
            .iter()
            .filter_map(|band| self.postings.get(band))
            .flatten()
            .copied()
            .collect();
        met.sort_unstable();
        let mut out = Vec::new();
        for run in met.chunk_by(|a, b| a == b) {
            if run.len() >= MIN_SHARED_BANDS {
                out.push(run[0]);
            }
        }
        out
    }

    /// The stored copy `item` repeats: the one with its body, else the
    /// most similar near-duplicate (the smallest id among equals, so the
    /// answer does not depend on lookup order).
    pub fn matching(&self, item: &Incoming) -> Option<(StoredCopy, bool)> {
        if let Some(same) = self.seqs.get(&item.id).and_then(|s| self.by_seq.get(s)) {
            return Some((same.clone(), true));
        }
        let mut best: Option<(f64, &StoredCopy)> = None;
        for seq in self.candidates(item) {
            let Some(copy) = self.by_seq.get(&seq) else {
                continue;
            };
            let sim = item.fingerprint().similarity(&copy.fingerprint);
            let better = best.is_none_or(|(s, b)| sim > s || (sim == s && copy.id < b.id));
            if item.fingerprint().is_near_duplicate(&copy.fingerprint) && better {
                best = Some((sim, copy));
            }
        }
        best.map(|(_, c)| (c.clone(), false))
    }

    /// Records a copy the batch stored.
    pub fn add(&mut self, copy: StoredCopy) {
        for band in band_keys(&copy.fingerprint) {
            self.postings.entry(band).or_default().push(copy.seq);
        }
        self.extend(vec![copy]);
    }

    /// Forgets a copy the batch replaced.
    pub fn remove(&mut self, copy: &StoredCopy) {
        for band in band_keys(&copy.fingerprint) {
            if let Some(seqs) = self.postings.get_mut(&band) {
                seqs.retain(|&s| s != copy.seq);
            }
        }
        self.seqs.remove(&copy.id);
        self.by_seq.remove(&copy.seq);
    }
}
