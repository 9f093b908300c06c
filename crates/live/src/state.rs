//! What `watch` remembers between rounds and across restarts: each feed's
//! cache validators and last error, and every item it has seen with what
//! became of it. It lives in `watch_*` tables of the event database itself
//! (SQLite or PostgreSQL), so moving the database moves the memory, and
//! several watchers sharing one PostgreSQL share it.
//!
//! An item is recorded as `pending` the moment its feed lists it, before
//! its page is fetched; it becomes `done` only after the article is stored
//! (or published to the queue). A crash in between leaves it pending, and
//! the next round finishes it, even though its feed may by then answer
//! 304 or no longer list it.

use chrono::NaiveDate;

use crate::feed::FeedItem;
use crate::polite::Validators;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS watch_feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at BIGINT NOT NULL,
    error TEXT
);
CREATE TABLE IF NOT EXISTS watch_items (
    url TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    outlet TEXT,
    title TEXT,
    published TEXT,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    error TEXT,
    first_seen BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS watch_items_pending ON watch_items (first_seen, url)
    WHERE state = 'pending';
";

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("watch state in SQLite database {db}: {source}")]
    Sqlite { db: String, source: rusqlite::Error },
    #[error("watch state in PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
}

/// What became of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    /// Listed, page not yet stored.
    Pending,
    /// Stored (or published to the queue).
    Done,
    /// Will never be fetched: robots.txt, not a page, 404, too large.
    Skipped,
    /// Failed transiently too many rounds in a row.
    Failed,
}

impl ItemState {
    fn as_str(self) -> &'static str {
        match self {
            ItemState::Pending => "pending",
            ItemState::Done => "done",
            ItemState::Skipped => "skipped",
            ItemState::Failed => "failed",
        }
    }
}

/// An item waiting for its page to be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingItem {
    pub url: String,
    pub feed: String,
    /// The feed's title, standing for the outlet.
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
}

/// A column value crossing the two backends.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(i64),
    Text(String),
    Null,
}

impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Value {
        v.map_or(Value::Null, |s| Value::Text(s.to_string()))
    }
}

impl Value {
    fn text(&self) -> Option<String> {
        match self {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

/// The few SQL calls the state needs, written once with `?` placeholders.
trait Sql: Send {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, StateError>;
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, StateError>;
}

struct Sqlite {
    db: String,
    conn: rusqlite::Connection,
}

impl Sqlite {
    fn err(&self, source: rusqlite::Error) -> StateError {
        StateError::Sqlite {
            db: self.db.clone(),
            source,
        }
    }
}

fn sqlite_params(params: &[Value]) -> Vec<rusqlite::types::Value> {
    params
        .iter()
        .map(|p| match p {
            Value::Int(i) => rusqlite::types::Value::Integer(*i),
            Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
            Value::Null => rusqlite::types::Value::Null,
        })
        .collect()
}

impl Sql for Sqlite {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, StateError> {
        let params = sqlite_params(params);
        self.conn
            .execute(sql, rusqlite::params_from_iter(params))
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, StateError> {
        let params = sqlite_params(params);
        let run = || -> rusqlite::Result<Vec<Vec<Value>>> {
            let mut stmt = self.conn.prepare(sql)?;
            let width = stmt.column_count();
            let rows = stmt.query_map(rusqlite::params_from_iter(params), |row| {
                (0..width)
                    .map(|i| {
                        Ok(match row.get_ref(i)? {
                            rusqlite::types::ValueRef::Integer(n) => Value::Int(n),
                            rusqlite::types::ValueRef::Text(t) => {
                                Value::Text(String::from_utf8_lossy(t).into_owned())
                            }
                            _ => Value::Null,
                        })
                    })
                    .collect()
            })?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }
}

struct Postgres(postgres::Client);

/// `a = ? AND b = ?` → `a = $1 AND b = $2` (the state's SQL has no `?`
/// inside string literals).
fn numbered_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

fn pg_params(params: &[Value]) -> Vec<Box<dyn postgres::types::ToSql + Sync>> {
    params
        .iter()
        .map(|p| -> Box<dyn postgres::types::ToSql + Sync> {
            match p {
                Value::Int(i) => Box::new(*i),
                Value::Text(s) => Box::new(s.clone()),
                Value::Null => Box::new(None::<String>),
            }
        })
        .collect()
}

impl Sql for Postgres {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, StateError> {
        let boxed = pg_params(params);
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = boxed.iter().map(|b| &**b).collect();
        Ok(self.0.execute(numbered_placeholders(sql).as_str(), &refs)?)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, StateError> {
        let boxed = pg_params(params);
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = boxed.iter().map(|b| &**b).collect();
        let rows = self.0.query(numbered_placeholders(sql).as_str(), &refs)?;
        rows.iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| {
                        Ok(
                            if *row.columns()[i].type_() == postgres::types::Type::INT8 {
                                row.try_get::<_, Option<i64>>(i)?
                                    .map_or(Value::Null, Value::Int)
                            } else {
                                row.try_get::<_, Option<String>>(i)?
                                    .map_or(Value::Null, Value::Text)
                            },
                        )
                    })
                    .collect()
            })
            .collect()
    }
}

/// Whether `db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The watch tables of one database.
pub struct WatchState {
    sql: Box<dyn Sql>,
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl WatchState {
    /// Opens (creating the tables if needed) the state in `db`: a SQLite
    /// path or a `postgres://` URL.
    pub fn open(db: &str) -> Result<WatchState, StateError> {
        let mut sql: Box<dyn Sql> = if is_postgres_url(db) {
            let mut client = postgres::Client::connect(db, postgres::NoTls)?;
            client.batch_execute(SCHEMA)?;
            Box::new(Postgres(client))
        } else {
            let err = |source| StateError::Sqlite {
                db: db.to_string(),
                source,
            };
            let conn = rusqlite::Connection::open(db).map_err(err)?;
            // The store writes to the same file from another connection.
            conn.busy_timeout(std::time::Duration::from_secs(30))
                .map_err(err)?;
            conn.execute_batch(SCHEMA).map_err(err)?;
            Box::new(Sqlite {
                db: db.to_string(),
                conn,
            })
        };
        // Both backends answer this; it proves the connection works.
        sql.query("SELECT COUNT(*) FROM watch_feeds", &[])?;
        Ok(WatchState { sql })
    }

    /// The validators the feed's last successful fetch returned.
    pub fn validators(&mut self, feed: &str) -> Result<Validators, StateError> {
        let rows = self.sql.query(
            "SELECT etag, last_modified FROM watch_feeds WHERE url = ?",
            &[Value::Text(feed.into())],
        )?;
        Ok(rows
            .first()
            .map(|r| Validators {
                etag: r[0].text(),
                last_modified: r[1].text(),
            })
            .unwrap_or_default())
    }

    /// Records a successful fetch (`Ok(validators)`, `None` for a 304 that
    /// keeps the old ones) or a failure, which keeps the old validators.
    pub fn record_feed(
        &mut self,
        feed: &str,
        outcome: Result<Option<&Validators>, &str>,
    ) -> Result<(), StateError> {
        let t = Value::Int(now());
        let url = Value::Text(feed.into());
        match outcome {
            Ok(Some(v)) => self.sql.execute(
                "INSERT INTO watch_feeds (url, etag, last_modified, checked_at, error) \
                 VALUES (?, ?, ?, ?, NULL) ON CONFLICT (url) DO UPDATE SET \
                 etag = excluded.etag, last_modified = excluded.last_modified, \
                 checked_at = excluded.checked_at, error = NULL",
                &[
                    url,
                    v.etag.as_deref().into(),
                    v.last_modified.as_deref().into(),
                    t,
                ],
            )?,
            Ok(None) => self.sql.execute(
                "INSERT INTO watch_feeds (url, checked_at) VALUES (?, ?) ON CONFLICT (url) \
                 DO UPDATE SET checked_at = excluded.checked_at, error = NULL",
                &[url, t],
            )?,
            Err(error) => self.sql.execute(
                "INSERT INTO watch_feeds (url, checked_at, error) VALUES (?, ?, ?) \
                 ON CONFLICT (url) DO UPDATE SET checked_at = excluded.checked_at, \
                 error = excluded.error",
                &[url, t, Value::Text(error.into())],
            )?,
        };
        Ok(())
    }

    /// Records the items a feed lists as pending unless already known (from
    /// this feed or another); returns how many were new.
    pub fn add_items(
        &mut self,
        feed: &str,
        outlet: Option<&str>,
        items: &[FeedItem],
    ) -> Result<usize, StateError> {
        let t = now();
        let mut added = 0;
        for item in items {
            let published = item.published.map(|d| d.to_string());
            added += self.sql.execute(
                "INSERT INTO watch_items (url, feed, outlet, title, published, state, attempts, \
                 first_seen, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) \
                 ON CONFLICT (url) DO NOTHING",
                &[
                    Value::Text(item.link.clone()),
                    Value::Text(feed.into()),
                    outlet.into(),
                    item.title.as_deref().into(),
                    published.as_deref().into(),
                    Value::Int(t),
                    Value::Int(t),
                ],
            )? as usize;
        }
        Ok(added)
    }

    /// Every pending item, oldest first.
    pub fn pending(&mut self) -> Result<Vec<PendingItem>, StateError> {
        let rows = self.sql.query(
            "SELECT url, feed, outlet, title, published FROM watch_items \
             WHERE state = 'pending' ORDER BY first_seen, url",
            &[],
        )?;
        Ok(rows
            .into_iter()
            .map(|r| PendingItem {
                url: r[0].text().unwrap_or_default(),
                feed: r[1].text().unwrap_or_default(),
                outlet: r[2].text(),
                title: r[3].text(),
                published: r[4]
                    .text()
                    .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            })
            .collect())
    }

    /// Sets an item's final state (`Done` or `Skipped`, with the reason).
    pub fn finish_item(
        &mut self,
        url: &str,
        state: ItemState,
        error: Option<&str>,
    ) -> Result<(), StateError> {
        self.sql.execute(
            "UPDATE watch_items SET state = ?, error = ?, updated_at = ? WHERE url = ?",
            &[
                Value::Text(state.as_str().into()),
                error.into(),
                Value::Int(now()),
                Value::Text(url.into()),
            ],
        )?;
        Ok(())
    }

    /// Counts a transient failure; after `max_attempts` the item is given
    /// up as `Failed`. Returns the item's state afterwards.
    pub fn fail_item(
        &mut self,
        url: &str,
        error: &str,
        max_attempts: u32,
    ) -> Result<ItemState, StateError> {
        let rows = self.sql.query(
            "SELECT attempts FROM watch_items WHERE url = ?",
            &[Value::Text(url.into())],
        )?;
        let attempts = match rows.first().map(|r| &r[0]) {
            Some(Value::Int(n)) => n + 1,
            _ => 1,
        };
        let state = if attempts >= i64::from(max_attempts) {
            ItemState::Failed
        } else {
            ItemState::Pending
        };
        self.sql.execute(
            "UPDATE watch_items SET state = ?, attempts = ?, error = ?, updated_at = ? \
             WHERE url = ?",
            &[
                Value::Text(state.as_str().into()),
                Value::Int(attempts),
                Value::Text(error.into()),
                Value::Int(now()),
                Value::Text(url.into()),
            ],
        )?;
        Ok(state)
    }

    /// How many items are in `state`.
    pub fn count(&mut self, state: ItemState) -> Result<u64, StateError> {
        let rows = self.sql.query(
            "SELECT COUNT(*) FROM watch_items WHERE state = ?",
            &[Value::Text(state.as_str().into())],
        )?;
        Ok(match rows.first().map(|r| &r[0]) {
            Some(Value::Int(n)) => *n as u64,
            _ => 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(link: &str) -> FeedItem {
        FeedItem {
            link: link.into(),
            title: Some("t".into()),
            published: NaiveDate::from_ymd_opt(2024, 5, 1),
        }
    }

    fn exercise(state: &mut WatchState) {
        let feed = "http://127.0.0.1:1/feed.xml";
        assert_eq!(state.validators(feed).unwrap(), Validators::default());
        let v = Validators {
            etag: Some("\"abc\"".into()),
            last_modified: None,
        };
        state.record_feed(feed, Ok(Some(&v))).unwrap();
        state.record_feed(feed, Err("HTTP status 500")).unwrap();
        state.record_feed(feed, Ok(None)).unwrap();
        assert_eq!(state.validators(feed).unwrap(), v);

        let items = [item("http://127.0.0.1:1/a"), item("http://127.0.0.1:1/b")];
        assert_eq!(state.add_items(feed, Some("Outlet"), &items).unwrap(), 2);
        assert_eq!(state.add_items(feed, Some("Outlet"), &items).unwrap(), 0);
        let pending = state.pending().unwrap();
        assert_eq!(pending.len(), 2);
        assert_eq!(pending[0].outlet.as_deref(), Some("Outlet"));
        assert_eq!(pending[0].published, NaiveDate::from_ymd_opt(2024, 5, 1));

        state
            .finish_item("http://127.0.0.1:1/a", ItemState::Done, None)
            .unwrap();
        let b = "http://127.0.0.1:1/b";
        assert_eq!(
            state.fail_item(b, "timeout", 2).unwrap(),
            ItemState::Pending
        );
        assert_eq!(state.fail_item(b, "timeout", 2).unwrap(), ItemState::Failed);
        assert!(state.pending().unwrap().is_empty());
        assert_eq!(state.count(ItemState::Done).unwrap(), 1);
        assert_eq!(state.count(ItemState::Failed).unwrap(), 1);
    }

    #[test]
    fn sqlite_state_round_trips() {
        let dir = std::env::temp_dir().join(format!("dateline-live-state-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("state.db");
        let _ = std::fs::remove_file(&db);
        let db = db.to_string_lossy().into_owned();
        exercise(&mut WatchState::open(&db).unwrap());
        // Reopening sees the same memory.
        assert_eq!(
            WatchState::open(&db)
                .unwrap()
                .count(ItemState::Done)
                .unwrap(),
            1
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn postgres_state_round_trips() {
        let Ok(url) = std::env::var("DATELINE_TEST_PG") else {
            eprintln!("note: DATELINE_TEST_PG unset; PostgreSQL watch state not tested");
            return;
        };
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        client
            .batch_execute("DROP TABLE IF EXISTS watch_feeds, watch_items")
            .unwrap();
        exercise(&mut WatchState::open(&url).unwrap());
    }

    #[test]
    fn placeholders_are_numbered_in_order() {
        assert_eq!(
            numbered_placeholders("a = ? AND b = ?"),
            "a = $1 AND b = $2"
        );
    }
}
