//! The embedded SQLite backend: one file, WAL mode so readers (one store
//! per server thread) never block each other or the writer.

use std::time::Duration;

use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::Connection;

use crate::sql::{Conn, Dialect, Param, Row, Sql, Value};
use crate::store::{Backend, SqlStore};
use crate::StoreError;

/// How long a statement waits for another connection's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// Page size of a new database file, in bytes.
const PAGE_SIZE: i64 = 32_768;
/// WAL bytes between automatic checkpoints.
const CHECKPOINT_BYTES: i64 = 32 << 20;

/// [`CHECKPOINT_BYTES`] in pages of `page_size` bytes.
fn wal_pages(page_size: i64) -> i64 {
    CHECKPOINT_BYTES / page_size.max(512)
}

pub(crate) type SqliteStore = SqlStore<SqliteBackend>;

pub(crate) struct SqliteBackend {
    conn: SqliteConn,
}

/// A connection remembering its path for error messages.
pub(crate) struct SqliteConn {
    path: String,
    db: Connection,
}

impl SqliteStore {
    pub fn open(path: &str) -> Result<SqliteStore, StoreError> {
        let err = |source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        };
        let db = Connection::open(path).map_err(err)?;
        db.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        // Before anything writes: a new file gets 32 KB pages. A batch
        // writes whole 5 KB bodies and their full-text segments, which 4 KB
        // pages split into overflow chains and write out (and checkpoint)
        // page by page; 32 KB pages make a bulk ingest about a tenth faster
        // with the same search and lookup times. An existing file keeps
        // its page size (this is then a no-op).
        db.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(err)?;
        // WAL: concurrent readers. NORMAL syncs the WAL at checkpoints, not
        // at every commit: a batch still commits whole or not at all, and a
        // crash of the process loses nothing; only a power loss can drop
        // the last few committed batches, which a re-run (idempotent)
        // writes again.
        db.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
        db.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        db.pragma_update(None, "foreign_keys", "ON").map_err(err)?;
        // 64 MB page cache: ingest looks up bands and mentions all over
        // the file.
        db.pragma_update(None, "cache_size", -65_536).map_err(err)?;
        // Checkpoint every 32 MB of WAL rather than 4 MB: an ingest batch
        // rewrites the same index pages, which a checkpoint then copies
        // once instead of several times. The setting counts pages, whose
        // size depends on when the file was made.
        let page_size: i64 = db
            .pragma_query_value(None, "page_size", |row| row.get(0))
            .map_err(err)?;
        db.pragma_update(None, "wal_autocheckpoint", wal_pages(page_size))
            .map_err(err)?;
        // Room for every statement text the store builds (chunked key lists,
        // filters), so none is parsed again per call.
        db.set_prepared_statement_cache_capacity(256);
        SqlStore::new(SqliteBackend {
            conn: SqliteConn {
                path: path.to_owned(),
                db,
            },
        })
    }
}

impl Backend for SqliteBackend {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    /// Reads run in a deferred transaction: one snapshot for an event and
    /// its claims even while a batch commits.
    fn read<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.within("BEGIN DEFERRED", f)
    }

    /// IMMEDIATE takes the write lock up front, so two writers queue
    /// instead of failing when a read lock would need upgrading.
    fn transaction<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.within("BEGIN IMMEDIATE", f)
    }
}

impl SqliteBackend {
    fn within<T>(
        &mut self,
        begin: &str,
        f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let path = self.conn.path.clone();
        let err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        self.conn.db.execute_batch(begin).map_err(err)?;
        match f(&mut self.conn) {
            Ok(v) => {
                self.conn.db.execute_batch("COMMIT").map_err(err)?;
                Ok(v)
            }
            Err(e) => {
                // The original error is the one to report; a failed
                // rollback leaves SQLite to roll back on close.
                let _ = self.conn.db.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

fn to_sql(p: &Param) -> ToSqlOutput<'_> {
    match p {
        Param::Null => ToSqlOutput::Owned(SqlValue::Null),
        Param::Int(v) => ToSqlOutput::Owned(SqlValue::Integer(*v)),
        Param::Float(v) => ToSqlOutput::Owned(SqlValue::Real(*v)),
        Param::Text(s) | Param::Json(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        Param::Date(d) => ToSqlOutput::Owned(SqlValue::Text(d.format("%Y-%m-%d").to_string())),
        Param::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
    }
}

fn from_sql(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Float(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
    }
}

impl SqliteConn {
    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn prepared(&self, sql: &Sql) -> Result<rusqlite::CachedStatement<'_>, StoreError> {
        let mut stmt = self.db.prepare_cached(&sql.text).map_err(|e| self.err(e))?;
        for (i, p) in sql.params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, to_sql(p))
                .map_err(|e| self.err(e))?;
        }
        Ok(stmt)
    }
}

impl Conn for SqliteConn {
    fn query(&mut self, sql: &Sql) -> Result<Vec<Row>, StoreError> {
        let mut stmt = self.prepared(sql)?;
        let width = stmt.column_count();
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let mut row = Vec::with_capacity(width);
            for i in 0..width {
                row.push(from_sql(r.get_ref(i).map_err(|e| self.err(e))?));
            }
            out.push(row);
        }
        Ok(out)
    }

    fn execute(&mut self, sql: &Sql) -> Result<u64, StoreError> {
        let mut stmt = self.prepared(sql)?;
        let n = stmt.raw_execute().map_err(|e| self.err(e))?;
        Ok(n as u64)
    }

    /// The row id SQLite gave the row (`seq` is the row id), read from the
    /// connection: a RETURNING clause works as a trigger, which makes the
    /// statement keep a journal of every page it changes and a table of
    /// its results.
    fn insert_row(&mut self, sql: &Sql) -> Result<Option<i64>, StoreError> {
        self.execute(sql)?;
        Ok(Some(self.db.last_insert_rowid()))
    }

    fn batch(&mut self, script: &str) -> Result<(), StoreError> {
        self.db.execute_batch(script).map_err(|e| self.err(e))
    }

    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_size(path: &str) -> i64 {
        Connection::open(path)
            .unwrap()
            .pragma_query_value(None, "page_size", |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn new_files_get_large_pages_and_old_files_keep_theirs() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.db");
        let new = new.to_str().unwrap();
        SqliteStore::open(new).unwrap();
        assert_eq!(page_size(new), PAGE_SIZE);

        let old = dir.path().join("old.db");
        let old = old.to_str().unwrap();
        Connection::open(old)
            .unwrap()
            .execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x)")
            .unwrap();
        SqliteStore::open(old).unwrap();
        assert_eq!(page_size(old), 4096);
    }

    #[test]
    fn checkpoints_come_every_32_mb_whatever_the_page_size() {
        assert_eq!(wal_pages(4096), 8192);
        assert_eq!(wal_pages(PAGE_SIZE), 1024);
    }
}
