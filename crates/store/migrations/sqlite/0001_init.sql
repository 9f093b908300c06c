-- Dateline schema 1 (SQLite). Dates are ISO text (YYYY-MM-DD), which
-- sorts and compares as dates; JSON columns hold model records.

-- One row per distinct cleaned body; `id` is its content hash.
CREATE TABLE articles (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    sort_key       TEXT NOT NULL,
    -- Before the body: near-duplicate checks read it without the text.
    fingerprint    BLOB NOT NULL,
    source         TEXT NOT NULL,
    idx            INTEGER NOT NULL,
    title          TEXT,
    dateline       TEXT,
    byline         TEXT,
    published      TEXT,
    published_from TEXT,
    outlet         TEXT,
    url            TEXT,
    language       TEXT,
    text           TEXT NOT NULL,
    captions       TEXT NOT NULL,
    offsets        TEXT NOT NULL
);
CREATE INDEX articles_sort ON articles (sort_key);
CREATE INDEX articles_published ON articles (published);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'seq', tokenize = 'porter unicode61'
);

-- Every input an article was read from (near-duplicates add rows here).
CREATE TABLE article_sources (
    article_id     TEXT NOT NULL REFERENCES articles (id),
    source         TEXT NOT NULL,
    idx            INTEGER NOT NULL,
    outlet         TEXT,
    url            TEXT,
    published      TEXT,
    published_from TEXT,
    title          TEXT,
    PRIMARY KEY (article_id, source, idx)
) WITHOUT ROWID;
CREATE INDEX article_sources_outlet ON article_sources (outlet COLLATE NOCASE);

-- Near-duplicate lookup: MinHash LSH band keys of each article.
CREATE TABLE article_bands (
    band       INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id),
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;

-- Events as extracted from one article, before fusion.
CREATE TABLE mentions (
    seq        INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL REFERENCES articles (id),
    event_type TEXT NOT NULL,
    date_start TEXT,
    date_end   TEXT,
    lat        REAL,
    lon        REAL,
    outlet     TEXT,
    event      TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);

-- Fusion lookups: place and time of each located, dated mention (days
-- since 1970), keyed by mentions.seq. Only such mentions can fuse.
CREATE VIRTUAL TABLE mentions_rtree USING rtree (seq, min_lon, max_lon, min_lat, max_lat, min_day, max_day);

-- Fused events: filter columns plus the event (claims excluded) as JSON.
CREATE TABLE events (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    sort_key       TEXT NOT NULL,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    country        TEXT,
    admin1         TEXT,
    location       TEXT,
    lat            REAL,
    lon            REAL,
    date_start     TEXT,
    date_end       TEXT,
    fatalities     INTEGER,
    actor1         TEXT,
    actor2         TEXT,
    modality       TEXT NOT NULL,
    event          TEXT NOT NULL
);
CREATE INDEX events_sort ON events (sort_key);
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_place ON events (country, admin1 COLLATE NOCASE);
CREATE INDEX events_type ON events (event_type, sub_event_type);

-- Spatial index: one point box per located event, keyed by events.seq.
CREATE VIRTUAL TABLE events_rtree USING rtree (seq, min_lon, max_lon, min_lat, max_lat);

CREATE TABLE event_members (
    mention_key TEXT PRIMARY KEY REFERENCES mentions (key),
    event_id    TEXT NOT NULL REFERENCES events (id),
    article_id  TEXT NOT NULL REFERENCES articles (id)
) WITHOUT ROWID;
CREATE INDEX event_members_event ON event_members (event_id);
CREATE INDEX event_members_article ON event_members (article_id);

-- Every claim of a fused event, with the stored article it was read from.
CREATE TABLE claims (
    event_id       TEXT NOT NULL REFERENCES events (id),
    ordinal        INTEGER NOT NULL,
    article_id     TEXT REFERENCES articles (id),
    claimant       TEXT NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    sentence       TEXT,
    fatalities     INTEGER,
    actor1         TEXT,
    article_source TEXT,
    article_index  INTEGER,
    article_title  TEXT,
    article_published TEXT,
    PRIMARY KEY (event_id, ordinal)
) WITHOUT ROWID;
