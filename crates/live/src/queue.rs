//! The work queue: a NATS JetStream stream with work-queue retention.
//!
//! Layout, for a stream named `DATELINE` (the default; tests use their own):
//! - stream `DATELINE`, subject `dateline.articles`, work-queue retention:
//!   each message is one [`RawDocument`] (JSON, gzipped), removed once a
//!   worker acknowledges it. Publishing sets `Nats-Msg-Id` to the
//!   document's content hash, so the same document enqueued twice within
//!   the duplicate window (10 min) is stored once.
//! - durable pull consumer `workers`, explicit acks, `ack_wait` (default
//!   60 s) and `max_deliver` (default 5): every worker on every machine
//!   pulls from it, so each message goes to one worker at a time, and a
//!   message whose worker dies unacknowledged goes to another after
//!   `ack_wait`.
//! - stream `DATELINE_DEAD`, subject `dateline.dead`, limits retention: the
//!   dead letters, each the original payload with headers
//!   `Dateline-Error` (why), `Dateline-Deliveries` and `Dateline-Seq`.
//!
//! The library is synchronous like the rest of Dateline: [`Queue`] owns a
//! small tokio runtime whose threads keep the NATS connection alive
//! (pings, acks) while the caller's thread runs the pipeline.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer, stream};
use async_nats::HeaderMap;
use dateline_model::RawDocument;
use sha2::{Digest, Sha256};

use crate::sink::{describe, Accepted, Sink, SinkError};

/// Everything that can go wrong with the queue itself (not with a
/// message's content, which goes to the dead letters).
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("NATS at {url}: {message}")]
    Connect { url: String, message: String },
    #[error("JetStream {what}: {message}")]
    JetStream { what: String, message: String },
    #[error("starting the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error(
        "document {name} is {size} bytes compressed, over the server's {max}-byte message limit"
    )]
    TooLarge {
        name: String,
        size: usize,
        max: usize,
    },
}

fn js_err(what: &str, e: impl std::fmt::Display) -> QueueError {
    QueueError::JetStream {
        what: what.to_string(),
        message: e.to_string(),
    }
}

/// Where the queue is and how it behaves.
#[derive(Debug, Clone)]
pub struct QueueConfig {
    pub url: String,
    /// Stream name; subjects are derived from it (lowercased).
    pub stream: String,
    /// How long a worker may hold a message before it is redelivered.
    pub ack_wait: Duration,
    /// Deliveries before a message is dead-lettered.
    pub max_deliver: i64,
}

impl QueueConfig {
    pub const DEFAULT_STREAM: &'static str = "DATELINE";
    const CONSUMER: &'static str = "workers";

    pub fn new(url: impl Into<String>) -> QueueConfig {
        QueueConfig {
            url: url.into(),
            stream: Self::DEFAULT_STREAM.into(),
            ack_wait: Duration::from_secs(60),
            max_deliver: 5,
        }
    }

    pub fn articles_subject(&self) -> String {
        format!("{}.articles", self.stream.to_ascii_lowercase())
    }

    pub fn dead_subject(&self) -> String {
        format!("{}.dead", self.stream.to_ascii_lowercase())
    }

    pub fn dead_stream(&self) -> String {
        format!("{}_DEAD", self.stream)
    }

    fn max_deliveries_advisory(&self) -> String {
        format!(
            "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.{}.{}",
            self.stream,
            Self::CONSUMER
        )
    }
}

/// The content hash of a document: its message id for deduplication.
pub fn document_hash(doc: &RawDocument) -> String {
    let mut h = Sha256::new();
    h.update(doc.source.as_bytes());
    h.update([0]);
    h.update(doc.part.to_le_bytes());
    h.update(doc.text.as_bytes());
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `doc` as a message payload: gzipped JSON. News HTML compresses about
/// fivefold, which keeps nearly every page under NATS's default 1 MB
/// message limit.
pub fn encode(doc: &RawDocument) -> Vec<u8> {
    let json = serde_json::to_vec(doc).unwrap_or_default();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(&json);
    gz.finish().unwrap_or_default()
}

/// The document in a payload, or why there is none.
pub fn decode(payload: &[u8]) -> Result<RawDocument, String> {
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(payload)
        .read_to_end(&mut json)
        .map_err(|e| format!("payload is not gzip: {e}"))?;
    serde_json::from_slice(&json).map_err(|e| format!("payload is not a document: {e}"))
}

/// A connection to the queue, with its own runtime.
pub struct Queue {
    rt: tokio::runtime::Runtime,
    client: async_nats::Client,
    js: jetstream::Context,
    config: QueueConfig,
}

impl Queue {
    /// Connects and creates the streams and consumer if they do not exist.
    pub fn connect(config: QueueConfig) -> Result<Queue, QueueError> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(QueueError::Runtime)?;
        let client = rt
            .block_on(async_nats::connect(config.url.as_str()))
            .map_err(|e| QueueError::Connect {
                url: config.url.clone(),
                message: e.to_string(),
            })?;
        // The context spawns its acknowledgement task on the runtime.
        let js = {
            let _in_runtime = rt.enter();
            jetstream::new(client.clone())
        };
        let queue = Queue {
            rt,
            client,
            js,
            config,
        };
        queue.ensure_streams()?;
        Ok(queue)
    }

    pub fn config(&self) -> &QueueConfig {
        &self.config
    }

    fn ensure_streams(&self) -> Result<(), QueueError> {
        let c = &self.config;
        self.rt.block_on(async {
            let work = self
                .js
                .get_or_create_stream(stream::Config {
                    name: c.stream.clone(),
                    subjects: vec![c.articles_subject()],
                    retention: stream::RetentionPolicy::WorkQueue,
                    storage: stream::StorageType::File,
                    duplicate_window: Duration::from_secs(600),
                    ..Default::default()
                })
                .await
                .map_err(|e| js_err("creating the work stream", e))?;
            self.js
                .get_or_create_stream(stream::Config {
                    name: c.dead_stream(),
                    subjects: vec![c.dead_subject()],
                    storage: stream::StorageType::File,
                    ..Default::default()
                })
                .await
                .map_err(|e| js_err("creating the dead-letter stream", e))?;
            work.get_or_create_consumer(
                QueueConfig::CONSUMER,
                consumer::pull::Config {
                    durable_name: Some(QueueConfig::CONSUMER.into()),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait: c.ack_wait,
                    max_deliver: c.max_deliver,
                    filter_subject: c.articles_subject(),
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| js_err("creating the worker consumer", e))?;
            Ok(())
        })
    }

    /// Publishes documents, keeping up to `window` acknowledgements in
    /// flight; calls `progress` after each acknowledged one. Returns what
    /// was queued and what the stream already had (duplicates).
    pub fn publish(
        &self,
        docs: impl IntoIterator<Item = RawDocument>,
        window: usize,
        mut progress: impl FnMut(&RawDocument),
    ) -> Result<Accepted, QueueError> {
        let max = self.client.server_info().max_payload;
        let subject = self.config.articles_subject();
        self.rt.block_on(async {
            let mut accepted = Accepted::default();
            let mut in_flight = VecDeque::new();
            let settle = |ack: jetstream::publish::PublishAck, acc: &mut Accepted| {
                if ack.duplicate {
                    acc.duplicates += 1;
                } else {
                    acc.articles += 1;
                }
            };
            for doc in docs {
                let payload = encode(&doc);
                if max > 0 && payload.len() > max {
                    return Err(QueueError::TooLarge {
                        name: doc.source.clone(),
                        size: payload.len(),
                        max,
                    });
                }
                let mut headers = HeaderMap::new();
                headers.insert(
                    async_nats::header::NATS_MESSAGE_ID,
                    document_hash(&doc).as_str(),
                );
                let ack = self
                    .js
                    .publish_with_headers(subject.clone(), headers, payload.into())
                    .await
                    .map_err(|e| js_err("publishing", e))?;
                in_flight.push_back((ack, doc));
                while in_flight.len() > window.max(1) {
                    if let Some((ack, doc)) = in_flight.pop_front() {
                        settle(
                            ack.await
                                .map_err(|e| js_err("publish acknowledgement", e))?,
                            &mut accepted,
                        );
                        progress(&doc);
                    }
                }
            }
            while let Some((ack, doc)) = in_flight.pop_front() {
                settle(
                    ack.await
                        .map_err(|e| js_err("publish acknowledgement", e))?,
                    &mut accepted,
                );
                progress(&doc);
            }
            Ok(accepted)
        })
    }

    /// Messages waiting for a worker, and messages a worker holds.
    pub fn backlog(&self) -> Result<(u64, u64), QueueError> {
        self.rt.block_on(async {
            let stream = self
                .js
                .get_stream(&self.config.stream)
                .await
                .map_err(|e| js_err("reading the work stream", e))?;
            let info = stream
                .consumer_info(QueueConfig::CONSUMER)
                .await
                .map_err(|e| js_err("reading the consumer", e))?;
            Ok((info.num_pending, info.num_ack_pending as u64))
        })
    }

    /// How many dead letters the dead-letter stream holds.
    pub fn dead_letters(&self) -> Result<u64, QueueError> {
        self.rt.block_on(async {
            let mut stream = self
                .js
                .get_stream(self.config.dead_stream())
                .await
                .map_err(|e| js_err("reading the dead-letter stream", e))?;
            let info = stream
                .info()
                .await
                .map_err(|e| js_err("reading the dead-letter stream", e))?;
            Ok(info.state.messages)
        })
    }
}

/// Publishes what `watch --nats` fetches instead of storing it.
pub struct QueueSink(pub Queue);

impl Sink for QueueSink {
    fn accept(&mut self, docs: Vec<RawDocument>) -> Result<Accepted, SinkError> {
        Ok(self.0.publish(docs, 64, |_| {})?)
    }
}

/// Headers of a dead letter: why, how many deliveries, which message.
fn dead_letter_headers(error: &str, deliveries: i64, seq: u64) -> HeaderMap {
    // Header values are one line.
    let error: String = error
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(1000)
        .collect();
    let mut h = HeaderMap::new();
    h.insert("Dateline-Error", error.as_str());
    h.insert("Dateline-Deliveries", deliveries.to_string().as_str());
    h.insert("Dateline-Seq", seq.to_string().as_str());
    h
}

/// What a worker did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkerReport {
    pub messages: usize,
    pub accepted: Accepted,
    /// Failed deliveries handed back for another try.
    pub retried: usize,
    pub dead_lettered: usize,
    /// When the first message arrived and the last one was settled: the
    /// span of actual work, without the idle wait at either end.
    pub first_message: Option<Instant>,
    pub last_settled: Option<Instant>,
}

/// How a worker pulls.
#[derive(Debug, Clone, Copy)]
pub struct WorkerOptions {
    /// Messages requested per pull. Small, because each waits its turn
    /// while its `ack_wait` runs.
    pub batch: usize,
    /// Stop once the queue is empty and no message is held by any worker
    /// (tests, benches, one-off backfills); otherwise run until killed.
    pub until_empty: bool,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            batch: 4,
            until_empty: false,
        }
    }
}

impl Queue {
    /// Pulls messages and hands each to `sink`, acknowledging it only after
    /// `sink` has committed it. A failure is handed back (NAK, redelivered
    /// after a delay growing with each delivery) until the last allowed
    /// delivery, which goes to the dead letters with its error. `notice` is
    /// told of each failure.
    pub fn work(
        &self,
        sink: &mut dyn Sink,
        opts: WorkerOptions,
        mut notice: impl FnMut(&str),
    ) -> Result<WorkerReport, QueueError> {
        // Pull batches are dropped on this thread, and dropping one tells
        // the runtime to unsubscribe.
        let _in_runtime = self.rt.enter();
        let c = &self.config;
        let consumer: consumer::PullConsumer = self.rt.block_on(async {
            self.js
                .get_stream(&c.stream)
                .await
                .map_err(|e| js_err("reading the work stream", e))?
                .get_consumer(QueueConfig::CONSUMER)
                .await
                .map_err(|e| js_err("reading the worker consumer", e))
        })?;
        self.rt.spawn(forward_abandoned(
            self.js.clone(),
            self.client.clone(),
            c.clone(),
        ));
        let mut report = WorkerReport::default();
        loop {
            let mut batch = self.rt.block_on(async {
                consumer
                    .batch()
                    .max_messages(opts.batch.max(1))
                    .expires(Duration::from_secs(2))
                    .messages()
                    .await
                    .map_err(|e| js_err("pulling", e))
            })?;
            let mut got = 0;
            while let Some(msg) = self.rt.block_on(futures_util::StreamExt::next(&mut batch)) {
                let msg = match msg {
                    Ok(m) => m,
                    Err(e) => {
                        notice(&format!("pull: {e}"));
                        break;
                    }
                };
                if got > 0 {
                    // It waited for the ones before it: restart its clock.
                    let _ = self.rt.block_on(msg.ack_with(jetstream::AckKind::Progress));
                }
                got += 1;
                report.messages += 1;
                report.first_message.get_or_insert_with(Instant::now);
                self.handle(&msg, sink, &mut report, &mut notice)?;
                report.last_settled = Some(Instant::now());
            }
            if got == 0 && opts.until_empty && self.backlog()? == (0, 0) {
                return Ok(report);
            }
        }
    }

    fn handle(
        &self,
        msg: &jetstream::Message,
        sink: &mut dyn Sink,
        report: &mut WorkerReport,
        notice: &mut impl FnMut(&str),
    ) -> Result<(), QueueError> {
        let (delivered, seq) = msg
            .info()
            .map(|i| (i.delivered, i.stream_sequence))
            .unwrap_or((1, 0));
        let doc = match decode(&msg.payload) {
            Ok(doc) => doc,
            // No delivery can fix a broken payload.
            Err(error) => {
                notice(&format!("message {seq}: {error}; dead-lettered"));
                return self.bury(msg, &error, delivered, seq, report);
            }
        };
        let source = doc.source.clone();
        // A panic in a stage must not kill the worker and the messages it
        // holds; it counts as a failure of this document.
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sink.accept(vec![doc])))
                .map_err(|_| format!("{source}: a pipeline stage panicked"))
                .and_then(|r| r.map_err(|e| format!("{source}: {}", describe(&*e))));
        match outcome {
            Ok(accepted) => {
                report.accepted += accepted;
                // Committed: from here a lost ack only means a redelivery
                // that the content-hash deduplication absorbs.
                if let Err(e) = self.rt.block_on(msg.double_ack()) {
                    notice(&format!("message {seq}: acknowledgement lost ({e}); it will be redelivered and found already stored"));
                }
            }
            Err(error) if delivered >= self.config.max_deliver => {
                notice(&format!(
                    "message {seq}: {error}; delivery {delivered} of {}, dead-lettered",
                    self.config.max_deliver
                ));
                self.bury(msg, &error, delivered, seq, report)?;
            }
            Err(error) => {
                notice(&format!(
                    "message {seq}: {error}; delivery {delivered} of {}, will retry",
                    self.config.max_deliver
                ));
                report.retried += 1;
                let delay = Duration::from_secs(2u64.saturating_pow(delivered.clamp(0, 8) as u32));
                let _ = self
                    .rt
                    .block_on(msg.ack_with(jetstream::AckKind::Nak(Some(delay))));
            }
        }
        Ok(())
    }

    /// Moves `msg` to the dead letters with `error`, then acknowledges it
    /// (removing it from the work stream).
    fn bury(
        &self,
        msg: &jetstream::Message,
        error: &str,
        deliveries: i64,
        seq: u64,
        report: &mut WorkerReport,
    ) -> Result<(), QueueError> {
        self.rt.block_on(async {
            self.js
                .publish_with_headers(
                    self.config.dead_subject(),
                    dead_letter_headers(error, deliveries, seq),
                    msg.payload.clone(),
                )
                .await
                .map_err(|e| js_err("publishing a dead letter", e))?
                .await
                .map_err(|e| js_err("dead letter acknowledgement", e))?;
            // Were this ack lost, the redelivery would be buried again:
            // a duplicate dead letter, never a lost one.
            let _ = msg.double_ack().await;
            Ok::<(), QueueError>(())
        })?;
        report.dead_lettered += 1;
        Ok(())
    }
}

/// Messages whose every delivery ended without an acknowledgement (their
/// worker died or hung each time: a document that crashes the process)
/// are no longer delivered, but stay in the work stream. The server
/// announces each one; this moves it to the dead letters. Every worker
/// listens in one queue group, so each announcement is handled once; one
/// missed while no worker runs stays in the stream, visible in its state.
async fn forward_abandoned(js: jetstream::Context, client: async_nats::Client, c: QueueConfig) {
    #[derive(serde::Deserialize)]
    struct Advisory {
        stream_seq: u64,
        deliveries: i64,
    }
    let Ok(mut sub) = client
        .queue_subscribe(c.max_deliveries_advisory(), "dateline-dead-letters".into())
        .await
    else {
        return;
    };
    let Ok(stream) = js.get_stream(&c.stream).await else {
        return;
    };
    while let Some(m) = futures_util::StreamExt::next(&mut sub).await {
        let Ok(adv) = serde_json::from_slice::<Advisory>(&m.payload) else {
            continue;
        };
        let Ok(raw) = stream.get_raw_message(adv.stream_seq).await else {
            continue;
        };
        let error = format!(
            "delivered {} times, never acknowledged: the worker died or exceeded ack_wait each time",
            adv.deliveries
        );
        let published = js
            .publish_with_headers(
                c.dead_subject(),
                dead_letter_headers(&error, adv.deliveries, adv.stream_seq),
                raw.payload,
            )
            .await;
        if let Ok(ack) = published {
            if ack.await.is_ok() {
                let _ = stream.delete_message(adv.stream_seq).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_model::{InputFormat, SourceMeta};

    fn doc(text: &str) -> RawDocument {
        RawDocument {
            source: "invented.txt".into(),
            part: 0,
            format: InputFormat::Text,
            text: text.into(),
            meta: SourceMeta::default(),
        }
    }

    #[test]
    fn payloads_round_trip_and_bad_ones_are_named() {
        let d = doc("Invented text about a flood.");
        assert_eq!(decode(&encode(&d)), Ok(d));
        assert!(decode(b"not gzip").unwrap_err().contains("not gzip"));
    }

    #[test]
    fn hash_depends_on_content() {
        assert_eq!(document_hash(&doc("a")), document_hash(&doc("a")));
        assert_ne!(document_hash(&doc("a")), document_hash(&doc("b")));
    }

    #[test]
    fn dead_letter_headers_are_one_line() {
        let h = dead_letter_headers("line one\nline two", 5, 9);
        assert_eq!(
            h.get("Dateline-Error").map(|v| v.as_str()),
            Some("line one line two")
        );
    }
}
