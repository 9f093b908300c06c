-- Dateline schema 1 (PostgreSQL + PostGIS). Same tables as SQLite; the
-- spatial index is a GiST index on a geometry column and full text is a
-- generated tsvector with a GIN index. Sort keys use the C collation so
-- they order byte-wise, like SQLite.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE articles (
    seq            BIGSERIAL PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    sort_key       TEXT COLLATE "C" NOT NULL,
    source         TEXT NOT NULL,
    idx            INTEGER NOT NULL,
    title          TEXT,
    dateline       TEXT,
    byline         TEXT,
    published      DATE,
    published_from TEXT,
    outlet         TEXT,
    url            TEXT,
    language       TEXT,
    text           TEXT NOT NULL,
    captions       JSONB NOT NULL,
    offsets        JSONB NOT NULL,
    fingerprint    BYTEA NOT NULL,
    tsv            TSVECTOR GENERATED ALWAYS AS
                   (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED
);
CREATE INDEX articles_sort ON articles (sort_key);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE article_sources (
    article_id     TEXT NOT NULL REFERENCES articles (id),
    source         TEXT NOT NULL,
    idx            INTEGER NOT NULL,
    outlet         TEXT,
    url            TEXT,
    published      DATE,
    published_from TEXT,
    title          TEXT,
    PRIMARY KEY (article_id, source, idx)
);
CREATE INDEX article_sources_outlet ON article_sources (lower(outlet));

CREATE TABLE article_bands (
    band       BIGINT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id),
    PRIMARY KEY (band, article_id)
);

CREATE TABLE mentions (
    seq        BIGSERIAL UNIQUE,
    key        TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    event_type TEXT NOT NULL,
    date_start DATE,
    date_end   DATE,
    lat        DOUBLE PRECISION,
    lon        DOUBLE PRECISION,
    outlet     TEXT,
    geom       geometry(Point, 4326),
    event      JSONB NOT NULL
);
CREATE INDEX mentions_window ON mentions (event_type, date_start, date_end);
CREATE INDEX mentions_geom ON mentions USING GIST (geom);
CREATE INDEX mentions_article ON mentions (article_id);

CREATE TABLE events (
    seq            BIGSERIAL PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    sort_key       TEXT COLLATE "C" NOT NULL,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    country        TEXT,
    admin1         TEXT,
    location       TEXT,
    lat            DOUBLE PRECISION,
    lon            DOUBLE PRECISION,
    geom           geometry(Point, 4326),
    date_start     DATE,
    date_end       DATE,
    fatalities     INTEGER,
    actor1         TEXT,
    actor2         TEXT,
    modality       TEXT NOT NULL,
    event          JSONB NOT NULL
);
CREATE INDEX events_sort ON events (sort_key);
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_place ON events (country, lower(admin1));
CREATE INDEX events_type ON events (event_type, sub_event_type);
CREATE INDEX events_geom ON events USING GIST (geom);

CREATE TABLE event_members (
    mention_key TEXT PRIMARY KEY REFERENCES mentions (key),
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    article_id  TEXT NOT NULL REFERENCES articles (id)
);
CREATE INDEX event_members_event ON event_members (event_id);
CREATE INDEX event_members_article ON event_members (article_id);

CREATE TABLE claims (
    event_id       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
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
    article_published DATE,
    PRIMARY KEY (event_id, ordinal)
);
