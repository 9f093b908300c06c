-- Dateline schema 5 (SQLite): every input's own body is remembered.

-- The content hash (article id) of the body a source was read with, when
-- that is not the body of the article it is linked to: a near-duplicate
-- folded into the article, or the inputs of an article since replaced by
-- an earlier copy. NULL: the input's body is the article's own (or, for
-- rows older than this script, not known). A re-read of an input finds
-- the article it went into here first, so re-running an ingest does not
-- depend on near-duplicate matching against articles that have changed
-- since (a near-duplicate of a replaced copy need not be one of its
-- replacement). Only such rows are indexed: most inputs are their
-- article's own body.
ALTER TABLE article_sources ADD COLUMN body_id TEXT;
CREATE INDEX article_sources_body ON article_sources (body_id) WHERE body_id IS NOT NULL;
