//! The work queue against a real nats-server (DATELINE_TEST_NATS, started
//! by .ci/nats.sh): deduplicated publishing, ack after the sink commits,
//! failing documents retried then dead-lettered with their error, and a
//! message whose deliveries all die unacknowledged moved to the dead
//! letters. Skipped with a note when the variable is unset.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dateline_live::queue::{decode, Queue, QueueConfig, WorkerOptions};
use dateline_live::sink::{Accepted, Sink, SinkError};
use dateline_model::{InputFormat, RawDocument, SourceMeta};

fn nats() -> Option<String> {
    let url = std::env::var("DATELINE_TEST_NATS").ok();
    if url.is_none() {
        eprintln!("note: DATELINE_TEST_NATS unset (run .ci/nats.sh); queue tests skipped");
    }
    url
}

fn config(url: &str, name: &str, max_deliver: i64) -> QueueConfig {
    QueueConfig {
        stream: format!("LIVETEST_{name}_{}", std::process::id()),
        ack_wait: Duration::from_secs(1),
        max_deliver,
        ..QueueConfig::new(url)
    }
}

fn doc(i: usize, text: &str) -> RawDocument {
    RawDocument {
        source: format!("invented-{i:04}.txt"),
        part: 0,
        format: InputFormat::Text,
        text: text.to_string(),
        meta: SourceMeta::default(),
    }
}

/// Stores documents in memory; refuses those whose text says "poison".
#[derive(Clone, Default)]
struct Picky(Arc<Mutex<Vec<String>>>);

impl Sink for Picky {
    fn accept(&mut self, docs: Vec<RawDocument>) -> Result<Accepted, SinkError> {
        let mut seen = self.0.lock().unwrap();
        let mut a = Accepted::default();
        for d in docs {
            if d.text.contains("poison") {
                return Err(format!("invented failure for {}", d.source).into());
            }
            if seen.contains(&d.source) {
                a.duplicates += 1;
            } else {
                seen.push(d.source);
                a.articles += 1;
            }
        }
        Ok(a)
    }
}

#[test]
fn publish_dedups_work_acks_and_dead_letters() {
    let Some(url) = nats() else { return };
    let queue = Queue::connect(config(&url, "FLOW", 2)).unwrap();
    let docs: Vec<RawDocument> = (0..40)
        .map(|i| doc(i, &format!("Invented report number {i}.")))
        .chain([
            doc(40, "An invented poison document."),
            doc(41, "Another poison one."),
        ])
        .collect();
    let first = queue.publish(docs.clone(), 8, |_| {}).unwrap();
    assert_eq!(first.articles, 42);
    // The same documents again, within the duplicate window: all dropped.
    let again = queue.publish(docs.into_iter().take(10), 8, |_| {}).unwrap();
    assert_eq!((again.articles, again.duplicates), (0, 10));
    assert_eq!(queue.backlog().unwrap(), (42, 0));

    let sink = Picky::default();
    let opts = WorkerOptions {
        batch: 4,
        until_empty: true,
    };
    let mut notices = Vec::new();
    let report = queue
        .work(&mut sink.clone(), opts, |n| notices.push(n.to_string()))
        .unwrap();
    assert_eq!(report.accepted.articles, 40);
    assert_eq!(report.dead_lettered, 2, "{notices:#?}");
    assert_eq!(report.retried, 2, "one retry each before the last delivery");
    assert_eq!(sink.0.lock().unwrap().len(), 40);
    assert_eq!(queue.backlog().unwrap(), (0, 0));
    assert_eq!(queue.dead_letters().unwrap(), 2);
    assert!(notices
        .iter()
        .any(|n| n.contains("invented failure for invented-0040.txt")));
}

#[test]
fn unacknowledged_to_the_end_goes_to_dead_letters() {
    let Some(url) = nats() else { return };
    let cfg = config(&url, "ABANDON", 1);
    let queue = Queue::connect(cfg.clone()).unwrap();
    queue
        .publish([doc(0, "Invented text that kills its worker.")], 1, |_| {})
        .unwrap();

    // A "worker" takes the message and dies with it: fetched, never acked.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use async_nats::jetstream::consumer::PullConsumer;
        use futures_util::StreamExt;
        let js = async_nats::jetstream::new(async_nats::connect(url.as_str()).await.unwrap());
        let consumer: PullConsumer = js
            .get_stream(&cfg.stream)
            .await
            .unwrap()
            .get_consumer("workers")
            .await
            .unwrap();
        let mut batch = consumer.fetch().max_messages(1).messages().await.unwrap();
        let taken = batch.next().await.unwrap().unwrap();
        assert!(decode(&taken.payload).is_ok());
    });

    // A live worker hears the server give up on it and buries it.
    let sink = Picky::default();
    let opts = WorkerOptions {
        batch: 1,
        until_empty: true,
    };
    queue.work(&mut sink.clone(), opts, |_| {}).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while queue.dead_letters().unwrap() == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(queue.dead_letters().unwrap(), 1);
    assert!(sink.0.lock().unwrap().is_empty());
}
