-- Dateline schema 4 (PostgreSQL): near-duplicate band postings are
-- written to `article_bands` in sorted passes, not batch by batch.

-- The watermark: postings of the articles up to this row are in
-- `article_bands`; the store computes those of the later ones from their
-- stored fingerprints and keeps them in memory until it writes them out
-- and moves the watermark (see src/bands.rs). Every stored article is
-- posted when this script runs.
CREATE TABLE band_index (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_through BIGINT NOT NULL
);
INSERT INTO band_index (id, indexed_through) SELECT 1, coalesce(max(seq), 0) FROM articles;
