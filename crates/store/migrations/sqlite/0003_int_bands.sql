-- Dateline schema 3 (SQLite): near-duplicate band postings as integers.

-- A posting names its article by row number (articles.seq), not by the
-- 16-character id: a row is a third the size, so a batch's postings, which
-- land all over the index, dirty and commit fewer pages, and a lookup
-- returns numbers instead of strings. Fingerprints are now one-permutation
-- MinHash; the store recomputes every stored one from its body and refills
-- this table after this script.
DROP TABLE article_bands;
CREATE TABLE article_bands (
    band    INTEGER NOT NULL,
    article INTEGER NOT NULL,
    PRIMARY KEY (band, article)
) WITHOUT ROWID;
