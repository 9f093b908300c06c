//! A fixed set of open stores shared by the request handlers.
//!
//! A [`Store`] is used by one thread at a time (`&mut self`), and its calls
//! block, so each request borrows one store and runs on tokio's blocking
//! threads. SQLite in WAL mode lets these readers work side by side.

use std::sync::{Arc, Mutex};

use dateline_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::error::{ApiError, ApiResult};

type BoxStore = Box<dyn Store + Send>;

pub struct Pool {
    db: String,
    idle: Mutex<Vec<BoxStore>>,
    permits: Semaphore,
}

impl Pool {
    /// Opens `size` connections to `db` (at least one).
    pub fn open(db: &str, size: usize) -> Result<Arc<Pool>, StoreError> {
        let size = size.max(1);
        let stores = (0..size)
            .map(|_| dateline_store::open(db))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(Pool {
            db: db.to_string(),
            idle: Mutex::new(stores),
            permits: Semaphore::new(size),
        }))
    }

    /// Runs `f` on a borrowed store, off the async threads.
    pub async fn run<T, E, F>(self: &Arc<Self>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        E: Into<ApiError> + Send + 'static,
        F: FnOnce(&mut dyn Store) -> Result<T, E> + Send + 'static,
    {
        let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
        let mut store = self.take()?;
        let pool = Arc::clone(self);
        let joined = tokio::task::spawn_blocking(move || {
            let result = f(store.as_mut());
            pool.give_back(store);
            result
        })
        .await;
        match joined {
            Ok(result) => result.map_err(Into::into),
            // The store went down with the panicking task: open a fresh one
            // so the pool keeps its size.
            Err(e) => {
                let fresh = dateline_store::open(&self.db)?;
                self.give_back(fresh);
                Err(ApiError::internal(format!("request failed: {e}")))
            }
        }
    }

    fn take(&self) -> ApiResult<BoxStore> {
        // A permit guarantees an idle store; a poisoned lock only means a
        // thread panicked while pushing, and the Vec is still whole.
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        idle.pop()
            .ok_or_else(|| ApiError::internal("no database connection free"))
    }

    fn give_back(&self, store: BoxStore) {
        self.idle
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(store);
    }
}
