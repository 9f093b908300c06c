//! [`SqlStore`]: the [`Store`] trait implemented once over a [`Backend`],
//! which each database supplies (a connection and transactions).

use crate::bands::BandIndex;
use crate::sql::{Conn, Dialect};
use crate::types::{
    ArticleQuery, BatchReport, Counts, EventQuery, Group, NewArticle, Period, SearchHit, StatRow,
    StoredArticle, StoredEvent,
};
use crate::{read, stats, write, Store, StoreError};

/// What a database must provide.
pub(crate) trait Backend {
    fn dialect(&self) -> Dialect;
    /// Runs `f` on the connection, outside any transaction.
    fn read<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError>;
    /// Runs `f` in one write transaction: committed if it returns `Ok`,
    /// rolled back otherwise.
    fn transaction<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError>;
}

/// Data work a migration script needs done after it, in its transaction.
type DataStep = fn(&mut dyn Conn) -> Result<(), StoreError>;

/// One schema version: a script, and the data work that must follow it.
struct Migration {
    script: &'static str,
    then: Option<DataStep>,
}

/// Ordered migrations per dialect; migration `i` brings the schema to
/// version `i + 1`. Append only: a released script never changes. All
/// pending ones run in one transaction, so schema 2's band table, which
/// schema 3 replaces, is left empty.
fn migrations(d: Dialect) -> [Migration; 5] {
    let [first, second, third, fourth, fifth] = match d {
        Dialect::Sqlite => [
            include_str!("../migrations/sqlite/0001_init.sql"),
            include_str!("../migrations/sqlite/0002_lookups.sql"),
            include_str!("../migrations/sqlite/0003_int_bands.sql"),
            include_str!("../migrations/sqlite/0004_index_writes.sql"),
            include_str!("../migrations/sqlite/0005_input_bodies.sql"),
        ],
        Dialect::Postgres => [
            include_str!("../migrations/postgres/0001_init.sql"),
            include_str!("../migrations/postgres/0002_lookups.sql"),
            include_str!("../migrations/postgres/0003_int_bands.sql"),
            include_str!("../migrations/postgres/0004_index_writes.sql"),
            include_str!("../migrations/postgres/0005_input_bodies.sql"),
        ],
    };
    [
        Migration {
            script: first,
            then: None,
        },
        Migration {
            script: second,
            then: None,
        },
        Migration {
            script: third,
            then: Some(write::refingerprint),
        },
        Migration {
            script: fourth,
            then: None,
        },
        Migration {
            script: fifth,
            then: None,
        },
    ]
}

/// The schema version of the database; 0 when it has none yet. Reads
/// only, so it runs in a read-only transaction.
fn schema_version(c: &mut dyn Conn) -> Result<i64, StoreError> {
    let exists = match c.dialect() {
        Dialect::Sqlite => "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1",
        Dialect::Postgres => {
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
        }
    };
    if c.rows(exists, vec!["schema_version".into()])?.is_empty() {
        return Ok(0);
    }
    let rows = c.rows("SELECT max(version) FROM schema_version", vec![])?;
    Ok(rows.first().and_then(|r| r[0].int()).unwrap_or(0))
}

pub(crate) struct SqlStore<B> {
    backend: B,
    /// The in-memory part of the band index after the last batch this
    /// store wrote; none before the first, or after a batch that failed
    /// (its changes to it were not committed).
    bands: Option<BandIndex>,
}

impl<B: Backend> SqlStore<B> {
    /// Wraps a backend, bringing its schema up to date. The version is
    /// read first without locking, so opening an up-to-date database never
    /// waits for a writer; migrations run in one locked transaction that
    /// checks the version again.
    pub fn new(mut backend: B) -> Result<SqlStore<B>, StoreError> {
        let d = backend.dialect();
        let scripts = migrations(d);
        let known = scripts.len() as i64;
        let found = backend.read(schema_version)?;
        if found > known {
            return Err(StoreError::NewerSchema { found, known });
        }
        if found < known {
            backend.transaction(|c| {
                if d == Dialect::Postgres {
                    c.exec("SELECT pg_advisory_xact_lock(7343284)", vec![])?;
                }
                c.exec(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, \
                     applied TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                    vec![],
                )?;
                let found = schema_version(c)?;
                for (i, m) in scripts.iter().enumerate().skip(found.max(0) as usize) {
                    c.batch(m.script)?;
                    if let Some(then) = m.then {
                        then(c)?;
                    }
                    c.exec(
                        "INSERT INTO schema_version (version) VALUES ($1)",
                        vec![(i as i64 + 1).into()],
                    )?;
                }
                Ok(())
            })?;
        }
        Ok(SqlStore {
            backend,
            bands: None,
        })
    }
}

impl<B: Backend> Store for SqlStore<B> {
    fn write_batch(&mut self, batch: &[NewArticle]) -> Result<BatchReport, StoreError> {
        let mut bands = self.bands.take();
        let report = self
            .backend
            .transaction(|c| write::write_batch(c, &mut bands, batch))?;
        self.bands = bands;
        Ok(report)
    }

    fn articles(&mut self, q: &ArticleQuery) -> Result<Vec<StoredArticle>, StoreError> {
        self.backend.read(|c| read::articles(c, q))
    }

    fn article(&mut self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        self.backend.read(|c| read::article(c, id))
    }

    fn search(&mut self, q: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        self.backend.read(|c| read::search(c, q, limit))
    }

    fn events(&mut self, q: &EventQuery) -> Result<Vec<StoredEvent>, StoreError> {
        self.backend.read(|c| read::events(c, q))
    }

    fn event(&mut self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        self.backend.read(|c| read::event(c, id))
    }

    fn stats_of(
        &mut self,
        q: &EventQuery,
        by: Period,
        group: Group,
    ) -> Result<Vec<StatRow>, StoreError> {
        let rows = self.backend.read(|c| read::stat_rows(c, q, group))?;
        Ok(stats::aggregate(&rows, by, group))
    }

    fn counts(&mut self) -> Result<Counts, StoreError> {
        self.backend.read(|c| read::counts(c))
    }
}
