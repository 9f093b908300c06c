//! Throwaway databases on the PostgreSQL test server (DATELINE_TEST_PG,
//! which `.ci/pg.sh` starts).

/// Creates the database `name`, empty, on the server of `base` (a
/// `postgres://` URL naming a database there), dropping any old one of
/// that name; returns its URL. The database outlives the test.
pub fn create_database(base: &str, name: &str) -> String {
    let (server, _) = base
        .rsplit_once('/')
        .unwrap_or_else(|| panic!("{base} names no database"));
    let mut admin = postgres::Client::connect(base, postgres::NoTls)
        .unwrap_or_else(|e| panic!("connect to {base}: {e}"));
    // One statement per call: a multi-statement string runs as one
    // transaction, which DROP/CREATE DATABASE refuse.
    for sql in [
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("CREATE DATABASE {name}"),
    ] {
        admin
            .batch_execute(&sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    format!("{server}/{name}")
}

/// A database created like [`create_database`] and dropped, with any
/// connection still open to it, when this value is.
pub struct TempDb {
    base: String,
    name: String,
    pub url: String,
}

impl TempDb {
    pub fn create(base: &str, name: &str) -> TempDb {
        TempDb {
            url: create_database(base, name),
            base: base.to_string(),
            name: name.to_string(),
        }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        // Best effort: a test that failed to drop its database must not
        // fail for that.
        if let Ok(mut admin) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
