-- Dateline schema 2 (SQLite): lookups the write path and the API read.

-- Near-duplicate band keys are now dateline_clean's overlapping bands of
-- three values; the store refills this table from the stored fingerprints
-- after this script. It is derived data kept in step by the batch write,
-- so it has no foreign key (whose check cost a lookup per band).
DROP TABLE article_bands;
CREATE TABLE article_bands (
    band       INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;

-- Outlet filters compare lower(outlet), which a NOCASE index cannot serve.
DROP INDEX article_sources_outlet;
CREATE INDEX article_sources_outlet ON article_sources (lower(outlet));

-- Event listings: each filter column followed by the sort key, so a
-- filtered page is read in order and stops at its limit.
DROP INDEX events_place;
DROP INDEX events_type;
DROP INDEX events_date;
CREATE INDEX events_country_sort ON events (country, sort_key);
CREATE INDEX events_admin1_sort ON events (lower(admin1), sort_key);
CREATE INDEX events_type_sort ON events (event_type, sort_key);
CREATE INDEX events_sub_type_sort ON events (sub_event_type, sort_key);

-- The longest date range of any stored event, in days: a `since` filter
-- then bounds the sort key from below (date start >= since - longest).
-- Only ever grows, so it stays a safe bound when events are replaced.
CREATE TABLE event_bounds (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    max_span_days INTEGER NOT NULL
);
INSERT INTO event_bounds (id, max_span_days)
SELECT 1, coalesce(max(CAST(julianday(date_end) - julianday(date_start) AS INTEGER)), 0) FROM events;

-- Replacing a stored copy by an earlier one deletes the old article, whose
-- foreign-key check looks up the claims read from it.
CREATE INDEX claims_article ON claims (article_id);
