//! Where fetched documents go: straight into the pipeline and the database
//! ([`crate::local::LocalSink`]) or onto the work queue for workers
//! ([`crate::queue::QueueSink`]). `watch` does not care which.

use dateline_model::RawDocument;

/// Any failure of a sink, already phrased for a person.
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// `e` with its chain of causes, `outer: inner: innermost`: database
/// drivers put the useful part ("column x does not exist") in a source.
pub fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}

/// What accepting one input's documents achieved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accepted {
    /// Articles newly stored (or messages newly queued).
    pub articles: usize,
    /// Articles the database (or the queue's deduplication) already had.
    pub duplicates: usize,
    /// Events the new articles yielded; 0 when only queued.
    pub events: usize,
}

impl std::ops::AddAssign for Accepted {
    fn add_assign(&mut self, other: Accepted) {
        self.articles += other.articles;
        self.duplicates += other.duplicates;
        self.events += other.events;
    }
}

pub trait Sink: Send {
    /// Takes the documents read from one input (one fetched page). `Ok`
    /// means they are durable: committed to the database, or acknowledged
    /// by the queue. It must be idempotent: the same documents accepted
    /// twice leave one copy.
    fn accept(&mut self, docs: Vec<RawDocument>) -> Result<Accepted, SinkError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("writing a batch")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn describe_follows_sources() {
        let e = Outer(std::io::Error::other("column seq does not exist"));
        assert_eq!(describe(&e), "writing a batch: column seq does not exist");
    }
}
