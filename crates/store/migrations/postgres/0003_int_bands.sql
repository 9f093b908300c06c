-- Dateline schema 3 (PostgreSQL): near-duplicate band postings as integers.

-- A posting names its article by row number (articles.seq), not by the
-- 16-character id: smaller rows and index entries, and a lookup returns
-- numbers instead of strings. Fingerprints are now one-permutation
-- MinHash; the store recomputes every stored one from its body and refills
-- this table after this script.
DROP TABLE article_bands;
CREATE TABLE article_bands (
    band    BIGINT NOT NULL,
    article BIGINT NOT NULL,
    PRIMARY KEY (band, article)
);
