//! The near-duplicate band index, in two parts: the postings (band key,
//! article row) of the articles up to a row number, the watermark, in the
//! table `article_bands`, and those of the articles after it (the tail) in
//! memory, computed from their stored fingerprints.
//!
//! Band keys are hashes, so a batch's postings land all over the table's
//! index: posted batch by batch, every batch rewrote (and SQLite's WAL
//! copied) nearly every page of it. The tail is written out instead, in
//! one sorted pass, once it holds [`TAIL_MAX`] articles: the table's pages
//! are rewritten once per that many articles rather than once a batch, and
//! a database smaller than that never reads or writes the table at all.
//! The price is one read of the tail's fingerprints when a store first
//! writes (a fraction of a second at most).
//!
//! Nothing in memory is needed to recover: the tail is the stored
//! fingerprints after the watermark, and the watermark moves only in the
//! transaction that writes the tail out. Row numbers only grow (a copy is
//! inserted before the copy it replaces is deleted, and PostgreSQL's
//! sequence never goes back), so rows another writer stored since the last
//! batch are those after the highest row read. Should a row at or below
//! the watermark be stored all the same, it is posted in the table
//! directly.

use std::collections::hash_map::Entry;
use std::collections::BTreeSet;

use dateline_clean::Fingerprint;
use rustc_hash::FxHashMap;

use crate::copies::band_keys;
use crate::sql::Conn;
use crate::tables;
use crate::StoreError;

/// Articles the tail holds before it is written out: a bound on memory
/// (62 postings of about 26 bytes and a 256-byte fingerprint an article,
/// about 60 MB in all). Tests write it out after a few.
#[cfg(not(test))]
const TAIL_MAX: usize = 32_768;
#[cfg(test)]
const TAIL_MAX: usize = 4;

/// The in-memory part of the band index and where it starts.
pub(crate) struct BandIndex {
    /// The watermark: postings of the articles up to this row are in the
    /// table.
    indexed_through: i64,
    /// The highest row read into the tail.
    read_through: i64,
    tail: Postings,
    /// The fingerprint of each article in the tail, by row.
    fingerprints: FxHashMap<i64, Fingerprint>,
}

impl BandIndex {
    fn empty(indexed_through: i64) -> BandIndex {
        BandIndex {
            indexed_through,
            read_through: indexed_through,
            tail: Postings::default(),
            fingerprints: FxHashMap::default(),
        }
    }

    /// The index as the database now stands: `held` (this store's index
    /// after its last batch, if it has one) with the rows stored since,
    /// or read afresh when another writer has moved the watermark.
    pub fn sync(tx: &mut dyn Conn, held: Option<BandIndex>) -> Result<BandIndex, StoreError> {
        let through = tables::bands_indexed_through(tx)?;
        let mut index = match held {
            Some(index) if index.indexed_through == through => index,
            _ => BandIndex::empty(through),
        };
        for (seq, fingerprint) in tables::fingerprints_after(tx, index.read_through)? {
            let bands = band_keys(&fingerprint);
            index.insert_tail(seq, fingerprint, &bands);
        }
        Ok(index)
    }

    /// For each article of a batch (its band keys), the rows of the
    /// stored articles sharing at least [`MIN_SHARED_BANDS`] bands with
    /// it, ascending. The table is read in one pass for the whole batch.
    pub fn sharing(
        &self,
        tx: &mut dyn Conn,
        articles: &[&[i64]],
    ) -> Result<Vec<Vec<i64>>, StoreError> {
        let mut table = Postings::default();
        if self.indexed_through > 0 {
            let bands: BTreeSet<i64> = articles.iter().flat_map(|b| b.iter().copied()).collect();
            let bands: Vec<i64> = bands.into_iter().collect();
            for (band, seq) in tables::band_postings(tx, &bands)? {
                table.insert(band, seq);
            }
        }
        let parts: Vec<&Postings> = if table.is_empty() {
            vec![&self.tail]
        } else {
            vec![&self.tail, &table]
        };
        Ok(articles
            .iter()
            .map(|bands| sharing(&parts, bands))
            .collect())
    }

    /// The fingerprints of the stored articles at rows `seqs`: the tail's
    /// in memory, the others read in one pass.
    pub fn fingerprints(
        &self,
        tx: &mut dyn Conn,
        seqs: &[i64],
    ) -> Result<Fingerprints<'_>, StoreError> {
        let table: Vec<i64> = seqs
            .iter()
            .copied()
            .filter(|&seq| seq <= self.indexed_through)
            .collect();
        Ok(Fingerprints {
            tail: &self.fingerprints,
            read: tables::fingerprints_of(tx, &table)?.into_iter().collect(),
        })
    }

    /// Indexes the article just stored at row `seq`.
    pub fn add(
        &mut self,
        tx: &mut dyn Conn,
        seq: i64,
        fingerprint: &Fingerprint,
        bands: &[i64],
    ) -> Result<(), StoreError> {
        if seq <= self.indexed_through {
            let postings: Vec<(i64, i64)> = bands.iter().map(|&b| (b, seq)).collect();
            return tables::insert_bands(tx, &postings);
        }
        self.insert_tail(seq, fingerprint.clone(), bands);
        Ok(())
    }

    /// Forgets the article at row `seq`, about to be deleted.
    pub fn remove(
        &mut self,
        tx: &mut dyn Conn,
        seq: i64,
        fingerprint: &Fingerprint,
    ) -> Result<(), StoreError> {
        let bands = band_keys(fingerprint);
        if seq <= self.indexed_through {
            return tables::delete_bands(tx, seq, &bands);
        }
        for band in bands {
            self.tail.remove(band, seq);
        }
        self.fingerprints.remove(&seq);
        Ok(())
    }

    /// At the end of a batch: writes the tail out once it holds
    /// [`TAIL_MAX`] articles.
    pub fn finish(&mut self, tx: &mut dyn Conn) -> Result<(), StoreError> {
        if self.fingerprints.len() >= TAIL_MAX {
            self.write_tail(tx)?;
        }
        Ok(())
    }

    /// Posts every article after the watermark in the table, in key order,
    /// and moves the watermark past them. The postings are computed from
    /// the stored fingerprints, which are what the tail stands for.
    fn write_tail(&mut self, tx: &mut dyn Conn) -> Result<(), StoreError> {
        let mut through = self.indexed_through;
        let mut postings = Vec::new();
        for (seq, fingerprint) in tables::fingerprints_after(tx, self.indexed_through)? {
            postings.extend(band_keys(&fingerprint).into_iter().map(|b| (b, seq)));
            through = through.max(seq);
        }
        postings.sort_unstable();
        tables::insert_bands(tx, &postings)?;
        tables::set_bands_indexed_through(tx, through)?;
        *self = BandIndex::empty(through);
        Ok(())
    }

    fn insert_tail(&mut self, seq: i64, fingerprint: Fingerprint, bands: &[i64]) {
        for &band in bands {
            self.tail.insert(band, seq);
        }
        self.fingerprints.insert(seq, fingerprint);
        self.read_through = self.read_through.max(seq);
    }
}

/// Fingerprints of stored articles by row, from [`BandIndex::fingerprints`].
pub(crate) struct Fingerprints<'a> {
    tail: &'a FxHashMap<i64, Fingerprint>,
    read: FxHashMap<i64, Fingerprint>,
}

impl Fingerprints<'_> {
    pub fn get(&self, seq: i64) -> Option<&Fingerprint> {
        self.tail.get(&seq).or_else(|| self.read.get(&seq))
    }
}

/// Band keys two fingerprints must share before they are compared in
/// full. Unrelated bodies on one beat (similarity about 0.1) share one
/// overlapping band in 7 pairs of 100 but two in only 1; a pair at the
/// threshold shares fewer than two in 3 of 1,000, and one at 0.56 in 1 of
/// 30,000.
const MIN_SHARED_BANDS: usize = 2;

/// The rows posted in `postings` under at least [`MIN_SHARED_BANDS`] of
/// `bands` (an article's band keys), ascending.
pub(crate) fn sharing(postings: &[&Postings], bands: &[i64]) -> Vec<i64> {
    let mut met = Vec::with_capacity(bands.len());
    for &band in bands {
        for p in postings {
            p.rows_into(band, &mut met);
        }
    }
    met.sort_unstable();
    met.chunk_by(|a, b| a == b)
        .filter(|run| run.len() >= MIN_SHARED_BANDS)
        .map(|run| run[0])
        .collect()
}

/// Band postings in memory: band key to article rows. Most keys belong
/// to one article, so each key's first row is kept in one map and any
/// others (copies, coincidences) in a second: no list, and no allocation,
/// per key. A first row stored negated says the second map has more, so
/// that a lookup of a key with one row reads one map.
#[derive(Default)]
pub(crate) struct Postings {
    first: FxHashMap<i64, i64>,
    more: FxHashMap<i64, Vec<i64>>,
}

impl Postings {
    /// Adds a posting; rows are positive.
    pub fn insert(&mut self, band: i64, seq: i64) {
        match self.first.entry(band) {
            Entry::Vacant(e) => {
                e.insert(seq);
            }
            Entry::Occupied(mut e) => {
                let first = e.get_mut();
                *first = -first.abs();
                self.more.entry(band).or_default().push(seq);
            }
        }
    }

    pub fn remove(&mut self, band: i64, seq: i64) {
        let Entry::Occupied(mut e) = self.first.entry(band) else {
            return;
        };
        let first = e.get_mut();
        if *first == seq {
            e.remove();
            return;
        }
        let Entry::Occupied(mut more) = self.more.entry(band) else {
            return;
        };
        let rows = more.get_mut();
        if first.abs() == seq {
            // Only a row there is can be popped.
            if let Some(next) = rows.pop() {
                *first = -next;
            }
        } else {
            rows.retain(|&s| s != seq);
        }
        if rows.is_empty() {
            more.remove();
            *first = first.abs();
        }
    }

    /// Appends the rows posted under `band` to `out`.
    pub fn rows_into(&self, band: i64, out: &mut Vec<i64>) {
        let Some(&first) = self.first.get(&band) else {
            return;
        };
        out.push(first.abs());
        if first < 0 {
            if let Some(more) = self.more.get(&band) {
                out.extend_from_slice(more);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use dateline_model::Article;
    use dateline_testkit::pg::TempDb;

    use super::*;
    use crate::types::NewArticle;
    use crate::Store;

    /// 120 invented words, distinct for each `n`; `edit` (when not 0)
    /// rewrites the last ten, which leaves a near-duplicate (similarity
    /// about 0.8).
    fn body(n: u32, edit: u32) -> String {
        (0..120)
            .map(|i| match edit {
                0 => format!("n{n}w{i}"),
                _ if i < 110 => format!("n{n}w{i}"),
                _ => format!("e{edit}w{i}"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn article(source: &str, text: String) -> NewArticle {
        NewArticle {
            article: Article::from_text(source, text),
            events: Vec::new(),
        }
    }

    fn originals(range: std::ops::Range<u32>) -> Vec<NewArticle> {
        range
            .map(|n| article(&format!("m{n}.txt"), body(n, 0)))
            .collect()
    }

    fn near_duplicates(store: &mut dyn Store, batch: &[NewArticle]) -> usize {
        store.write_batch(batch).unwrap().near_duplicates
    }

    /// A database to run a test on, removed with this value.
    enum Place {
        Sqlite {
            path: String,
            _dir: tempfile::TempDir,
        },
        Postgres(TempDb),
    }

    impl Place {
        fn url(&self) -> &str {
            match self {
                Place::Sqlite { path, .. } => path,
                Place::Postgres(db) => &db.url,
            }
        }

        /// The first column of the first row of `sql`, an integer.
        fn number(&self, sql: &str) -> i64 {
            match self {
                Place::Sqlite { path, .. } => rusqlite::Connection::open(path)
                    .unwrap()
                    .query_row(sql, [], |r| r.get(0))
                    .unwrap(),
                Place::Postgres(db) => postgres::Client::connect(&db.url, postgres::NoTls)
                    .unwrap()
                    .query_one(sql, &[])
                    .unwrap()
                    .get(0),
            }
        }

        /// (watermark, postings in the table, articles posted there).
        fn table(&self) -> (i64, i64, i64) {
            (
                self.number("SELECT indexed_through FROM band_index"),
                self.number("SELECT count(*) FROM article_bands"),
                self.number("SELECT count(DISTINCT article) FROM article_bands"),
            )
        }
    }

    /// A SQLite file, and a PostgreSQL database when DATELINE_TEST_PG names
    /// a server.
    fn places(test: &str) -> Vec<Place> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bands.db").to_str().unwrap().to_owned();
        let mut out = vec![Place::Sqlite { path, _dir: dir }];
        match std::env::var("DATELINE_TEST_PG") {
            Ok(base) => out.push(Place::Postgres(TempDb::create(
                &base,
                &format!("dl_bands_{test}_{}", std::process::id()),
            ))),
            Err(_) => eprintln!("SKIPPED {test} on PostgreSQL: DATELINE_TEST_PG is unset"),
        }
        out
    }

    #[test]
    fn near_duplicates_are_found_in_the_table_and_the_tail() {
        for place in places("table_and_tail") {
            let mut store = crate::open(place.url()).unwrap();
            store.write_batch(&originals(0..3)).unwrap();
            assert_eq!(place.table(), (0, 0, 0), "three articles stay in memory");
            store.write_batch(&originals(3..6)).unwrap();
            assert_eq!(place.table(), (6, 6 * 62, 6), "six are written out");
            store.write_batch(&originals(6..7)).unwrap();

            // Copies that come later are linked to the stored article, in
            // the table (1) and in the tail (6).
            let later = [article("z1.txt", body(1, 1)), article("z6.txt", body(6, 1))];
            assert_eq!(near_duplicates(&mut *store, &later), 2);
            // Copies that come first take the stored one's place: its
            // postings go with it, and the new copy is found in its turn.
            let earlier = [article("a2.txt", body(2, 2)), article("a6.txt", body(6, 2))];
            assert_eq!(near_duplicates(&mut *store, &earlier), 2);
            let stale = place.number(
                "SELECT count(*) FROM article_bands WHERE article NOT IN (SELECT seq FROM articles)",
            );
            assert_eq!(stale, 0);
            let again = [article("y2.txt", body(2, 3)), article("y6.txt", body(6, 3))];
            assert_eq!(near_duplicates(&mut *store, &again), 2);
            assert_eq!(store.counts().unwrap().articles, 7);
        }
    }

    #[test]
    fn another_writers_articles_are_found() {
        for place in places("another_writer") {
            let mut first = crate::open(place.url()).unwrap();
            let mut second = crate::open(place.url()).unwrap();
            first.write_batch(&originals(0..2)).unwrap();
            second.write_batch(&originals(2..3)).unwrap();
            // Read since the first writer's last batch.
            let copies = [article("z0.txt", body(0, 1)), article("z2.txt", body(2, 1))];
            assert_eq!(near_duplicates(&mut *first, &copies), 2);
            // The second writer writes the tail out; the first reads it
            // again.
            second.write_batch(&originals(3..5)).unwrap();
            assert_eq!(place.table().0, 5);
            first.write_batch(&originals(5..6)).unwrap();
            let copies = [article("y4.txt", body(4, 2)), article("y5.txt", body(5, 2))];
            assert_eq!(near_duplicates(&mut *second, &copies), 2);
            let copies = [article("x3.txt", body(3, 3))];
            assert_eq!(near_duplicates(&mut *first, &copies), 1);
        }
    }

    #[test]
    fn postings_keep_every_row_of_a_band_until_removed() {
        let mut p = Postings::default();
        let rows = |p: &Postings, band| {
            let mut r = Vec::new();
            p.rows_into(band, &mut r);
            r.sort_unstable();
            r
        };
        for seq in [1, 2, 3, 4] {
            p.insert(7, seq);
        }
        p.insert(8, 1);
        assert_eq!(rows(&p, 7), [1, 2, 3, 4]);
        p.remove(7, 1);
        assert_eq!(rows(&p, 7), [2, 3, 4]);
        p.remove(7, 3);
        assert_eq!(rows(&p, 7), [2, 4]);
        p.remove(7, 9);
        p.remove(9, 1);
        assert_eq!(rows(&p, 7), [2, 4]);
        p.remove(7, 4);
        assert_eq!(rows(&p, 7), [2]);
        assert!(p.more.is_empty(), "one row left: no second map entry");
        p.insert(7, 5);
        assert_eq!(rows(&p, 7), [2, 5]);
        p.remove(7, 5);
        p.remove(7, 2);
        assert!(rows(&p, 7).is_empty());
        assert!(!p.first.contains_key(&7) && p.more.is_empty());
        assert_eq!(rows(&p, 8), [1]);
    }
}
