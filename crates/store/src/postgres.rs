//! The PostgreSQL/PostGIS backend, for teams sharing one database. Same
//! statements as SQLite (see `sql`); this file only converts values and
//! caches prepared statements, one round trip saved per statement.

use std::collections::HashMap;

use postgres::types::{ToSql, Type};
use postgres::{Client, GenericClient, IsolationLevel, NoTls, Statement};

use crate::sql::{Conn, Dialect, Param, Row, Sql, Value};
use crate::store::{Backend, SqlStore};
use crate::StoreError;

pub(crate) type PgStore = SqlStore<PgBackend>;

pub(crate) struct PgBackend {
    client: Client,
    cache: HashMap<String, Statement>,
}

impl PgStore {
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        let client = Client::connect(url, NoTls)?;
        SqlStore::new(PgBackend {
            client,
            cache: HashMap::new(),
        })
    }
}

impl Backend for PgBackend {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    /// Reads run in one repeatable-read, read-only transaction: one
    /// snapshot for an event and its claims even while a batch commits.
    fn read<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let v = f(&mut PgConn {
            client: &mut tx,
            cache: &mut self.cache,
        })?;
        tx.commit()?;
        Ok(v)
    }

    /// Dropping an uncommitted transaction rolls it back.
    fn transaction<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut tx = self.client.transaction()?;
        let v = f(&mut PgConn {
            client: &mut tx,
            cache: &mut self.cache,
        })?;
        tx.commit()?;
        Ok(v)
    }
}

struct PgConn<'a, C> {
    client: &'a mut C,
    cache: &'a mut HashMap<String, Statement>,
}

/// A parameter as the Rust type the statement's inferred type wants.
fn bind(p: &Param, ty: &Type) -> Result<Box<dyn ToSql + Sync>, StoreError> {
    let mismatch =
        || StoreError::Query(format!("parameter {p:?} does not fit PostgreSQL type {ty}"));
    Ok(match (p, ty) {
        (Param::Null, _) => null(ty),
        (Param::Int(v), &Type::INT2) => Box::new(i16::try_from(*v).map_err(|_| mismatch())?),
        (Param::Int(v), &Type::INT4) => Box::new(i32::try_from(*v).map_err(|_| mismatch())?),
        (Param::Int(v), &Type::INT8) => Box::new(*v),
        (Param::Int(v), &Type::FLOAT8) => Box::new(*v as f64),
        (Param::Float(v), &Type::FLOAT8) => Box::new(*v),
        (Param::Float(v), &Type::FLOAT4) => Box::new(*v as f32),
        (Param::Date(d), &Type::DATE) => Box::new(*d),
        (Param::Bytes(b), &Type::BYTEA) => Box::new(b.clone()),
        (Param::Json(s), &Type::JSONB | &Type::JSON) => {
            let v: serde_json::Value = serde_json::from_str(s).map_err(|_| mismatch())?;
            Box::new(v)
        }
        (Param::Text(s) | Param::Json(s), _) => Box::new(s.clone()),
        (Param::Date(d), _) => Box::new(d.format("%Y-%m-%d").to_string()),
        _ => return Err(mismatch()),
    })
}

/// A typed NULL: the driver checks the Rust type against the column's.
fn null(ty: &Type) -> Box<dyn ToSql + Sync> {
    match *ty {
        Type::INT2 => Box::new(None::<i16>),
        Type::INT4 => Box::new(None::<i32>),
        Type::INT8 => Box::new(None::<i64>),
        Type::FLOAT4 => Box::new(None::<f32>),
        Type::FLOAT8 => Box::new(None::<f64>),
        Type::DATE => Box::new(None::<chrono::NaiveDate>),
        Type::JSON | Type::JSONB => Box::new(None::<serde_json::Value>),
        Type::BYTEA => Box::new(None::<Vec<u8>>),
        _ => Box::new(None::<String>),
    }
}

fn cell(row: &postgres::Row, i: usize) -> Result<Value, StoreError> {
    let ty = row.columns()[i].type_();
    Ok(match *ty {
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)?
            .map_or(Value::Null, |v| Value::Int(v.into())),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)?
            .map_or(Value::Null, |v| Value::Int(v.into())),
        Type::INT8 => row
            .try_get::<_, Option<i64>>(i)?
            .map_or(Value::Null, Value::Int),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(i)?
            .map_or(Value::Null, |v| Value::Float(v.into())),
        Type::FLOAT8 => row
            .try_get::<_, Option<f64>>(i)?
            .map_or(Value::Null, Value::Float),
        Type::BYTEA => row
            .try_get::<_, Option<Vec<u8>>>(i)?
            .map_or(Value::Null, Value::Bytes),
        _ => row
            .try_get::<_, Option<String>>(i)?
            .map_or(Value::Null, Value::Text),
    })
}

impl<C: GenericClient> PgConn<'_, C> {
    /// The cached prepared statement for `sql` and its parameters bound to
    /// the types PostgreSQL inferred.
    fn prepare(
        &mut self,
        sql: &Sql,
    ) -> Result<(Statement, Vec<Box<dyn ToSql + Sync>>), StoreError> {
        let stmt = match self.cache.get(&sql.text) {
            Some(s) => s.clone(),
            None => {
                let s = self.client.prepare(&sql.text)?;
                self.cache.insert(sql.text.clone(), s.clone());
                s
            }
        };
        let params = sql
            .params
            .iter()
            .zip(stmt.params())
            .map(|(p, ty)| bind(p, ty))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((stmt, params))
    }
}

fn refs(boxed: &[Box<dyn ToSql + Sync>]) -> Vec<&(dyn ToSql + Sync)> {
    boxed.iter().map(|b| b.as_ref()).collect()
}

impl<C: GenericClient> Conn for PgConn<'_, C> {
    fn query(&mut self, sql: &Sql) -> Result<Vec<Row>, StoreError> {
        let (stmt, params) = self.prepare(sql)?;
        self.client
            .query(&stmt, &refs(&params))?
            .iter()
            .map(|r| (0..r.len()).map(|i| cell(r, i)).collect())
            .collect()
    }

    fn execute(&mut self, sql: &Sql) -> Result<u64, StoreError> {
        let (stmt, params) = self.prepare(sql)?;
        Ok(self.client.execute(&stmt, &refs(&params))?)
    }

    fn insert_row(&mut self, sql: &Sql) -> Result<Option<i64>, StoreError> {
        let returning = Sql {
            text: format!("{} RETURNING seq", sql.text),
            ..sql.clone()
        };
        Ok(self.query(&returning)?.first().and_then(|r| r[0].int()))
    }

    fn batch(&mut self, script: &str) -> Result<(), StoreError> {
        Ok(self.client.batch_execute(script)?)
    }

    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
}
