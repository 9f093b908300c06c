//! The SQL both backends share. Statements are written once, with the few
//! dialect differences (placeholders, full text, the spatial index) asked
//! of [`Dialect`]; values travel as [`Param`] and come back as [`Value`],
//! which each backend converts to and from its driver's types. One text
//! for both databases is what keeps their results the same.

use chrono::NaiveDate;

use crate::StoreError;

/// A statement parameter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Param {
    Null,
    Int(i64),
    Float(f64),
    Text(String),
    /// Stored as ISO text in SQLite, as DATE in PostgreSQL.
    Date(NaiveDate),
    /// Stored as text in SQLite, as JSONB in PostgreSQL.
    Json(String),
    Bytes(Vec<u8>),
}

impl From<&str> for Param {
    fn from(s: &str) -> Param {
        Param::Text(s.to_owned())
    }
}
impl From<String> for Param {
    fn from(s: String) -> Param {
        Param::Text(s)
    }
}
impl From<i64> for Param {
    fn from(v: i64) -> Param {
        Param::Int(v)
    }
}
impl From<f64> for Param {
    fn from(v: f64) -> Param {
        Param::Float(v)
    }
}
impl From<NaiveDate> for Param {
    fn from(d: NaiveDate) -> Param {
        Param::Date(d)
    }
}
impl<T: Into<Param>> From<Option<T>> for Param {
    fn from(v: Option<T>) -> Param {
        v.map_or(Param::Null, Into::into)
    }
}

/// A result cell. Backends select dates and JSON as text, so every cell
/// is one of these.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Float(f64),
    Text(String),
    Bytes(Vec<u8>),
}

impl Value {
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
    pub fn string(&self) -> Option<String> {
        self.text().map(str::to_owned)
    }
    pub fn int(&self) -> Option<i64> {
        match self {
            Value::Int(v) => Some(*v),
            _ => None,
        }
    }
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }
    pub fn date(&self) -> Option<NaiveDate> {
        self.text().and_then(|s| s.parse().ok())
    }
}

pub(crate) type Row = Vec<Value>;

/// Which database a statement is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// `expr` as text in a select list (dates and JSON come back as text).
    pub fn text(self, expr: &str) -> String {
        match self {
            Dialect::Sqlite => expr.to_owned(),
            Dialect::Postgres => format!("{expr}::text"),
        }
    }

    /// `INSERT INTO {into} VALUES {values}`, skipping rows whose key is
    /// already stored. SQLite's `OR IGNORE` form also spares a many-row
    /// insert the statement journal that `ON CONFLICT DO NOTHING` (which
    /// leaves other constraints aborting) makes it keep.
    pub fn insert_ignoring(self, into: &str, values: &str) -> String {
        match self {
            Dialect::Sqlite => format!("INSERT OR IGNORE INTO {into} VALUES {values}"),
            Dialect::Postgres => {
                format!("INSERT INTO {into} VALUES {values} ON CONFLICT DO NOTHING")
            }
        }
    }

    /// A condition true when the article aliased `a` matches the words of
    /// `query` (all of them).
    pub fn article_matches(self, b: &mut Sql, a: &str, words: &[String]) -> String {
        match self {
            Dialect::Sqlite => {
                let p = b.param(fts5_query(words));
                format!("{a}.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH {p})")
            }
            Dialect::Postgres => {
                let p = b.param(words.join(" "));
                format!("{a}.tsv @@ plainto_tsquery('english', {p})")
            }
        }
    }

    /// `FROM ... WHERE ... ORDER BY ...` of a ranked full-text search over
    /// articles aliased `a`: best match first, then id.
    pub fn ranked_matches(self, b: &mut Sql, words: &[String]) -> String {
        match self {
            Dialect::Sqlite => {
                let p = b.param(fts5_query(words));
                format!(
                    "FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH {p} \
                     ORDER BY bm25(articles_fts), a.id"
                )
            }
            Dialect::Postgres => {
                let p = b.param(words.join(" "));
                format!(
                    "FROM articles a, plainto_tsquery('english', {p}) query WHERE a.tsv @@ query \
                     ORDER BY ts_rank(a.tsv, query) DESC, a.id"
                )
            }
        }
    }

    /// A condition true when the located event aliased `e` lies inside the
    /// box. With `narrow`, the spatial index narrows and the exact
    /// comparison decides, so both backends agree on points on the edge;
    /// without, only the comparison runs (a box holding many events is
    /// better read in sort order, checking each row).
    pub fn in_bbox(
        self,
        b: &mut Sql,
        e: &str,
        (w, s, east, n): (f64, f64, f64, f64),
        narrow: bool,
    ) -> String {
        let (pw, ps, pe, pn) = (b.param(w), b.param(s), b.param(east), b.param(n));
        let exact = format!("{e}.lon BETWEEN {pw} AND {pe} AND {e}.lat BETWEEN {ps} AND {pn}");
        if !narrow {
            return exact;
        }
        let index = match self {
            Dialect::Sqlite => format!(
                "{e}.seq IN (SELECT seq FROM events_rtree WHERE max_lon >= {pw} AND min_lon <= {pe} \
                 AND max_lat >= {ps} AND min_lat <= {pn})"
            ),
            Dialect::Postgres => format!("{e}.geom && ST_MakeEnvelope({pw}, {ps}, {pe}, {pn}, 4326)"),
        };
        format!("{index} AND {exact}")
    }
}

/// A statement under construction and its parameters.
#[derive(Debug, Clone)]
pub(crate) struct Sql {
    pub dialect: Dialect,
    pub text: String,
    pub params: Vec<Param>,
}

impl Sql {
    pub fn new(dialect: Dialect) -> Sql {
        Sql {
            dialect,
            text: String::new(),
            params: Vec::new(),
        }
    }

    /// A complete statement whose placeholders are written `$1`, `$2`...
    pub fn with(dialect: Dialect, text: &str, params: Vec<Param>) -> Sql {
        let text = match dialect {
            Dialect::Postgres => text.to_owned(),
            Dialect::Sqlite => text.replace('$', "?"),
        };
        Sql {
            dialect,
            text,
            params,
        }
    }

    /// Adds a parameter; returns its placeholder.
    pub fn param(&mut self, p: impl Into<Param>) -> String {
        self.params.push(p.into());
        let n = self.params.len();
        match self.dialect {
            Dialect::Sqlite => format!("?{n}"),
            Dialect::Postgres => format!("${n}"),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }
}

/// One database connection or open transaction.
pub(crate) trait Conn {
    fn query(&mut self, sql: &Sql) -> Result<Vec<Row>, StoreError>;
    /// Runs a statement; returns the number of rows it changed.
    fn execute(&mut self, sql: &Sql) -> Result<u64, StoreError>;

    /// Runs an INSERT of one row into a table keyed by `seq`, written
    /// without a RETURNING clause, and returns the new row's `seq`.
    fn insert_row(&mut self, sql: &Sql) -> Result<Option<i64>, StoreError>;

    /// Runs a script of several statements without parameters.
    fn batch(&mut self, script: &str) -> Result<(), StoreError>;

    fn dialect(&self) -> Dialect;

    /// Shorthand for a fixed statement with `$n` placeholders.
    fn exec(&mut self, text: &str, params: Vec<Param>) -> Result<u64, StoreError> {
        let sql = Sql::with(self.dialect(), text, params);
        self.execute(&sql)
    }

    fn rows(&mut self, text: &str, params: Vec<Param>) -> Result<Vec<Row>, StoreError> {
        let sql = Sql::with(self.dialect(), text, params);
        self.query(&sql)
    }

    /// Shorthand for [`Conn::insert_row`] with `$n` placeholders.
    fn insert(&mut self, text: &str, params: Vec<Param>) -> Result<Option<i64>, StoreError> {
        let sql = Sql::with(self.dialect(), text, params);
        self.insert_row(&sql)
    }
}

/// Statements over many keys are split so no database hits its parameter
/// limit.
pub(crate) const CHUNK: usize = 500;

/// The rows of a statement over many keys, run a chunk of keys at a time:
/// `statement` makes the statement text from one chunk's placeholder list
/// (`$1, $2, ...`), which must be its only parameters.
pub(crate) fn rows_in(
    c: &mut dyn Conn,
    keys: &[Param],
    statement: impl Fn(&str) -> String,
) -> Result<Vec<Row>, StoreError> {
    let mut out = Vec::new();
    for_chunks(c.dialect(), keys, CHUNK, 1, statement, |sql| {
        out.extend(c.query(&sql)?);
        Ok(())
    })?;
    Ok(out)
}

/// Runs `run` on one statement per chunk of `values`, rows of `width`
/// values each, at most `rows` rows a chunk: `statement` makes its text
/// from the chunk's rows of placeholders (`$1, $2` for one row of two,
/// `($1, $2), ($3, $4)` for several). The text is made once per chunk
/// size, not once per chunk: every full chunk is the same statement.
pub(crate) fn for_chunks(
    dialect: Dialect,
    values: &[Param],
    rows: usize,
    width: usize,
    statement: impl Fn(&str) -> String,
    mut run: impl FnMut(Sql) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut text = (0, String::new());
    for chunk in values.chunks(rows * width) {
        if text.0 != chunk.len() {
            text = (
                chunk.len(),
                statement(&placeholder_rows(dialect, chunk.len(), width)),
            );
        }
        run(Sql {
            dialect,
            text: text.1.clone(),
            params: chunk.to_vec(),
        })?;
    }
    Ok(())
}

/// Placeholders for `n` parameters in rows of `width`: a bare list for
/// one value a row, else parenthesised rows.
fn placeholder_rows(dialect: Dialect, n: usize, width: usize) -> String {
    use std::fmt::Write;
    let mark = match dialect {
        Dialect::Sqlite => '?',
        Dialect::Postgres => '$',
    };
    let mut out = String::with_capacity(n * 7);
    for i in 1..=n {
        let first = (i - 1) % width == 0;
        if i > 1 {
            out.push_str(", ");
        }
        if first && width > 1 {
            out.push('(');
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "{mark}{i}");
        if i % width == 0 && width > 1 {
            out.push(')');
        }
    }
    out
}

/// The words of a full-text query: runs of letters and digits, lowercased.
/// Punctuation never reaches the database's query parser, so no user input
/// is a syntax error and both backends read the same words.
pub(crate) fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// An FTS5 query matching every word: each quoted, so none is read as an
/// operator (`words` holds letters and digits only).
fn fts5_query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}
