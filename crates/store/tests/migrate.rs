//! Forward migration of a database written by an older build: a schema-2
//! SQLite file (text-keyed band postings, fingerprints of the former
//! MinHash) opens as schema 5 with every fingerprint recomputed, the bands
//! refilled and the band index watermark past every article, and
//! near-duplicates of its articles are still found (and the body each
//! was read with remembered).

mod common;

use rusqlite::{params, Connection};

#[test]
fn schema_2_database_migrates_and_still_finds_near_duplicates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    let corpus = common::corpus();
    let a = &corpus[0].article;
    let id = dateline_store::article_id(&a.text);
    {
        let db = Connection::open(&path).expect("create");
        db.execute_batch(include_str!("../migrations/sqlite/0001_init.sql"))
            .expect("schema 1");
        db.execute_batch(include_str!("../migrations/sqlite/0002_lookups.sql"))
            .expect("schema 2");
        db.execute_batch(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, \
             applied TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
             INSERT INTO schema_version (version) VALUES (1), (2);",
        )
        .expect("versions");
        // A fingerprint that today's scheme would never compute.
        let stale = vec![7u8; 256];
        db.execute(
            "INSERT INTO articles (seq, id, sort_key, fingerprint, source, idx, published, text, \
             captions, offsets) VALUES (5, ?1, ?2, ?3, ?4, 0, '2020-03-03', ?5, '[]', '{\"runs\":[]}')",
            params![id, format!("a.txt\u{1}00000000\u{1}{id}"), stale, a.source, a.text],
        )
        .expect("article");
        db.execute(
            "INSERT INTO article_bands (band, article_id) VALUES (42, ?1)",
            params![id],
        )
        .expect("band");
    }

    let mut store = dateline_store::open(path.to_str().expect("utf-8 path")).expect("migrate");
    {
        let db = Connection::open(&path).expect("reopen");
        let version: i64 = db
            .query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, 5);
        let through: i64 = db
            .query_row("SELECT indexed_through FROM band_index", [], |r| r.get(0))
            .expect("watermark");
        assert_eq!(through, 5, "every stored article is posted");
        let fingerprint: Vec<u8> = db
            .query_row("SELECT fingerprint FROM articles WHERE seq = 5", [], |r| {
                r.get(0)
            })
            .expect("fingerprint");
        let fresh = dateline_clean::fingerprint(&a.text);
        assert_eq!(fingerprint, fresh.to_bytes());
        let (bands, rows): (i64, i64) = db
            .query_row(
                "SELECT count(DISTINCT band), count(*) FROM article_bands WHERE article = 5",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("bands");
        assert_eq!(bands as usize, fresh.bands().len());
        assert_eq!(rows, bands, "no other postings survive");
    }

    // D is A's near-duplicate, published a day later: linked, not stored.
    let d = &corpus[3];
    assert_eq!(d.article.source, "d.txt");
    let r = store.write_batch(std::slice::from_ref(d)).expect("write");
    assert_eq!((r.articles, r.near_duplicates, r.links), (0, 1, 1), "{r:?}");
    // Schema 5 remembers the body D was read with.
    let db = Connection::open(&path).expect("reopen");
    let bodies: Vec<(String, Option<String>)> = db
        .prepare("SELECT source, body_id FROM article_sources ORDER BY source")
        .and_then(|mut q| {
            q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()
        })
        .expect("sources");
    let d_body = dateline_store::article_id(&d.article.text);
    assert_eq!(bodies, [("d.txt".to_owned(), Some(d_body))]);
}
