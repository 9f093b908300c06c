//! Work distribution end to end, with real servers: a NATS JetStream
//! (DATELINE_TEST_NATS, from .ci/nats.sh) and a PostgreSQL/PostGIS
//! (DATELINE_TEST_PG, from .ci/pg.sh). 2,000 generated (invented)
//! articles are enqueued; three `dateline worker` processes share them;
//! one is killed with SIGKILL mid-stream and restarted. Afterwards every
//! article is stored exactly once, nothing is left in the queue or the
//! dead letters, and the events equal those of a single `dateline ingest`
//! of the same corpus. Skipped with a note when either variable is unset.

#[path = "../../live/tests/common/synth.rs"]
mod synth;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dateline_live::queue::{Queue, QueueConfig};
use dateline_store::{EventQuery, Store};
use dateline_testkit::pg::TempDb;

const ARTICLES: usize = 2000;
const WORKERS: usize = 3;

fn dateline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

fn run_ok(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn worker(nats: &str, stream: &str, db: &str, log: &Path) -> Child {
    let log = std::fs::File::create(log).expect("worker log");
    dateline()
        .args([
            "worker",
            "--nats",
            nats,
            "--stream",
            stream,
            "--db",
            db,
            "--until-empty",
        ])
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start a worker")
}

/// Every stored event as JSON, sorted by id: what "the event set" means.
fn event_set(store: &mut dyn Store) -> Vec<serde_json::Value> {
    let mut events: Vec<serde_json::Value> = store
        .events(&EventQuery::default())
        .expect("list events")
        .iter()
        .map(|e| serde_json::to_value(e).expect("event as JSON"))
        .collect();
    events.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    events
}

#[test]
fn three_workers_one_killed_store_every_article_once_with_single_process_events() {
    let (Ok(nats), Ok(pg)) = (
        std::env::var("DATELINE_TEST_NATS"),
        std::env::var("DATELINE_TEST_PG"),
    ) else {
        eprintln!("note: DATELINE_TEST_NATS or DATELINE_TEST_PG unset (run .ci/nats.sh and .ci/pg.sh); worker kill test skipped");
        return;
    };
    let pid = std::process::id();
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let generated = synth::write(&corpus, ARTICLES);
    assert_eq!(generated.len(), ARTICLES);
    let manifest = corpus.join("manifest.jsonl");
    let shared = TempDb::create(&pg, &format!("dateline_live_workers_{pid}"));
    let single = TempDb::create(&pg, &format!("dateline_live_single_{pid}"));
    let stream = format!("LIVEKILL{pid}");

    run_ok(
        dateline()
            .args([
                "--quiet",
                "enqueue",
                "--nats",
                &nats,
                "--stream",
                &stream,
                "--ack-wait",
                "5s",
            ])
            .arg("--manifest")
            .arg(&manifest)
            .arg(&corpus),
        "dateline enqueue",
    );
    let queue = Queue::connect(QueueConfig {
        stream: stream.clone(),
        ..QueueConfig::new(nats.clone())
    })
    .expect("connect to the queue");
    assert_eq!(queue.backlog().expect("backlog").0, ARTICLES as u64);

    // Create the schema once, before three processes race to.
    let mut store = dateline_store::open(&shared.url).expect("open the shared database");
    let logs: Vec<PathBuf> = (0..=WORKERS)
        .map(|i| dir.path().join(format!("worker-{i}.log")))
        .collect();
    let mut workers: Vec<Child> = (0..WORKERS)
        .map(|i| worker(&nats, &stream, &shared.url, &logs[i]))
        .collect();

    // Mid-stream: a fifth of the articles stored, most still queued.
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let stored = store.counts().expect("count articles").article_sources;
        if stored >= (ARTICLES / 5) as u64 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "workers stored only {stored} articles in 10 minutes"
        );
        assert!(
            workers[0].try_wait().expect("worker status").is_none(),
            "worker 0 ended early"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (_, held) = queue.backlog().expect("backlog");
    workers[0].kill().expect("SIGKILL worker 0");
    let status = workers[0].wait().expect("reap worker 0");
    assert_eq!(status.signal(), Some(9), "worker 0 died of SIGKILL");
    eprintln!("killed worker 0 with {held} messages held by workers");
    workers[0] = worker(&nats, &stream, &shared.url, &logs[WORKERS]);

    let deadline = Instant::now() + Duration::from_secs(900);
    for (i, w) in workers.iter_mut().enumerate() {
        loop {
            if let Some(status) = w.try_wait().expect("worker status") {
                let log = std::fs::read_to_string(&logs[if i == 0 { WORKERS } else { i }])
                    .unwrap_or_default();
                assert!(status.success(), "worker {i} failed ({status}):\n{log}");
                break;
            }
            if Instant::now() > deadline {
                let _ = w.kill();
                panic!("worker {i} still running after 15 minutes");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    assert_eq!(queue.backlog().expect("backlog"), (0, 0), "queue drained");
    assert_eq!(queue.dead_letters().expect("dead letters"), 0);

    run_ok(
        dateline()
            .args(["--quiet", "ingest", "--db", &single.url])
            .arg("--manifest")
            .arg(&manifest)
            .arg(&corpus),
        "dateline ingest (single process)",
    );
    let mut reference = dateline_store::open(&single.url).expect("open the reference database");

    let got = store.counts().expect("counts");
    let want = reference.counts().expect("counts");
    // Each input file is one source of exactly one stored article.
    assert_eq!(
        got.article_sources, ARTICLES as u64,
        "every article stored exactly once"
    );
    // The generated articles are distinct, none a near-duplicate of another
    // (which copy of a near-duplicate pair is kept depends on arrival order).
    assert_eq!(
        want.articles, ARTICLES as u64,
        "the corpus has no (near-)duplicates"
    );
    assert_eq!(
        got, want,
        "same articles, mentions, events and claims as one process"
    );
    let events = event_set(store.as_mut());
    assert!(!events.is_empty(), "the corpus yields events");
    assert_eq!(
        events,
        event_set(reference.as_mut()),
        "same event set as one process"
    );
    eprintln!(
        "{} articles, {} mentions fused into {} events with {} claims; identical to single-process ingest",
        got.articles, got.mentions, got.events, got.claims
    );
}
