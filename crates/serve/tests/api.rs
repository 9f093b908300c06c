//! The API against a real server on loopback, over a database filled with
//! invented articles and events through the store's own write path.

use std::net::SocketAddr;
use std::sync::mpsc;

use chrono::NaiveDate;
use dateline_model::{
    Actor, Article, ArticleRef, Claim, DatePrecision, DateRange, Event, Fatalities, Location,
    Modality, SubEventType,
};
use dateline_serve::ServeOptions;
use dateline_store::NewArticle;
use serde_json::{json, Value};

const TOKEN: &str = "invented-test-token";
const BODY_LIMIT: usize = 64 * 1024;

// ---- fixtures: invented text only ----

struct Spec {
    sentence: &'static str,
    sub: SubEventType,
    place: (&'static str, &'static str, &'static str, f64, f64, u8),
    day: (i32, u32, u32),
    deaths: Option<u32>,
    actor1: Option<&'static str>,
    claimant: &'static str,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn article(
    source: &str,
    outlet: &str,
    published: NaiveDate,
    title: &str,
    specs: &[Spec],
) -> NewArticle {
    let text = specs
        .iter()
        .map(|s| s.sentence)
        .collect::<Vec<_>>()
        .join("\n\n");
    let events = specs
        .iter()
        .map(|s| {
            let byte = text.find(s.sentence).expect("sentence in text");
            let start = text[..byte].chars().count();
            let (name, country, admin1, lat, lon, precision) = s.place;
            Event {
                id: None,
                article: ArticleRef {
                    source: source.into(),
                    index: 0,
                    title: Some(title.into()),
                    published: Some(published),
                },
                event_type: s.sub.event_type(),
                sub_event_type: s.sub,
                actor1: s.actor1.map(|a| Actor {
                    name: a.into(),
                    kind: None,
                }),
                actor2: None,
                location: Some(Location {
                    name: name.into(),
                    country: Some(country.into()),
                    admin1: Some(admin1.into()),
                    admin2: None,
                    lat,
                    lon,
                    geo_precision: precision,
                    geonames_id: None,
                }),
                date: Some(DateRange {
                    start: day(s.day.0, s.day.1, s.day.2),
                    end: day(s.day.0, s.day.1, s.day.2),
                    precision: DatePrecision::Day,
                }),
                fatalities: s.deaths.map(|d| Fatalities {
                    best: Some(d),
                    ..Default::default()
                }),
                claims: vec![Claim {
                    claimant: s.claimant.into(),
                    start,
                    end: start + s.sentence.chars().count(),
                    text: Some(s.sentence.into()),
                    fatalities: s.deaths,
                    actor1: None,
                    article: None,
                }],
                modality: Modality::Claimed,
                explain: None,
            }
        })
        .collect();
    let mut a = Article::from_text(source, text);
    a.outlet = Some(outlet.into());
    a.published = Some(published);
    a.title = Some(title.into());
    NewArticle { article: a, events }
}

fn fill(db: &str) {
    let a = article(
        "invented-a.txt",
        "Invented Wire",
        day(2017, 6, 20),
        "Invented fighting in Alpha Province",
        &[
            Spec {
                sentence: "Clashes between the Northern Front and army units in Alphatown killed 12 fighters on Monday, the Invented Monitor said.",
                sub: SubEventType::ArmedClash,
                place: ("Alphatown", "SY", "Alpha Province", 35.1, 40.2, 1),
                day: (2017, 6, 19),
                deaths: Some(12),
                actor1: Some("Northern Front"),
                claimant: "Invented Monitor",
            },
            Spec {
                sentence: "An air strike near Betaville on June 10 killed 3 civilians, local officials said.",
                sub: SubEventType::AirDroneStrike,
                place: ("Betaville", "SY", "Beta Province", 34.5, 38.9, 2),
                day: (2017, 6, 10),
                deaths: Some(3),
                actor1: None,
                claimant: "local officials",
            },
        ],
    );
    let b = article(
        "invented-b.txt",
        "Other Invented Paper",
        day(2018, 3, 5),
        "Invented protest in Gammacity",
        &[
            Spec {
                sentence: "Hundreds of teachers marched peacefully through Gammacity on Sunday demanding unpaid salaries.",
                sub: SubEventType::PeacefulProtest,
                place: ("Gammacity", "IQ", "Gamma Governorate", 33.3, 44.4, 1),
                day: (2018, 3, 4),
                deaths: None,
                actor1: Some("Protesters (Iraq)"),
                claimant: "Other Invented Paper",
            },
            Spec {
                sentence: "Police in the Gamma Governorate later arrested 20 people on Sunday, a spokesman said.",
                sub: SubEventType::Arrests,
                place: ("Gamma Governorate", "IQ", "Gamma Governorate", 33.0, 44.0, 3),
                day: (2018, 3, 4),
                deaths: None,
                actor1: Some("Police Forces of Iraq"),
                claimant: "a spokesman",
            },
        ],
    );
    let mut store = dateline_store::open(db).expect("open store");
    store.write_batch(&[a, b]).expect("write batch");
}

/// Starts a server on a free loopback port; it runs until the test binary
/// exits.
fn start(db: &str, protect_reads: bool) -> String {
    let mut opts = ServeOptions::new(db);
    opts.token = Some(TOKEN.into());
    opts.protect_reads = protect_reads;
    opts.body_limit = BODY_LIMIT;
    let (tx, rx) = mpsc::channel::<SocketAddr>();
    std::thread::spawn(move || {
        let addr: SocketAddr = "127.0.0.1:0".parse().expect("addr");
        dateline_serve::run(&opts, addr, |a| tx.send(a).expect("send addr")).expect("server runs");
    });
    format!("http://{}", rx.recv().expect("server started"))
}

struct Server {
    base: String,
    agent: ureq::Agent,
    _dir: tempfile::TempDir,
}

fn server(protect_reads: bool) -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("test.db").to_string_lossy().into_owned();
    fill(&db);
    let base = start(&db, protect_reads);
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    Server {
        base,
        agent,
        _dir: dir,
    }
}

struct Reply {
    status: u16,
    content_type: String,
    headers: ureq::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn reply(res: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut res = res.expect("request sent");
    let headers = res.headers().clone();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = res.body_mut().read_to_string().unwrap_or_default();
    Reply {
        status: res.status().as_u16(),
        content_type,
        headers,
        body,
    }
}

impl Server {
    fn get(&self, path: &str) -> Reply {
        reply(self.agent.get(&format!("{}{path}", self.base)).call())
    }
    fn get_with(&self, path: &str, header: (&str, &str)) -> Reply {
        reply(
            self.agent
                .get(&format!("{}{path}", self.base))
                .header(header.0, header.1)
                .call(),
        )
    }
    fn ok(&self, path: &str) -> Value {
        let r = self.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        r.json()
    }
    fn post(&self, path: &str, token: Option<&str>, content_type: &str, body: &[u8]) -> Reply {
        let mut req = self
            .agent
            .post(&format!("{}{path}", self.base))
            .header("Content-Type", content_type);
        if let Some(t) = token {
            req = req.header("Authorization", &format!("Bearer {t}"));
        }
        reply(req.send(body))
    }
}

fn names(page: &Value) -> Vec<String> {
    let mut v: Vec<String> = page["events"]
        .as_array()
        .expect("events array")
        .iter()
        .map(|e| e["location"]["name"].as_str().unwrap_or("").to_string())
        .collect();
    v.sort();
    v
}

fn bad_param(s: &Server, path: &str) -> String {
    let r = s.get(path);
    assert_eq!(r.status, 400, "{path}: {}", r.body);
    r.json()["parameter"]
        .as_str()
        .expect("parameter named")
        .to_string()
}

// ---- tests ----

#[test]
fn events_answer_every_filter() {
    let s = server(false);
    let all = s.ok("/api/events");
    assert_eq!(
        names(&all),
        ["Alphatown", "Betaville", "Gamma Governorate", "Gammacity"]
    );
    assert!(all["next"].is_null());
    let first = &all["events"][0];
    for field in [
        "id",
        "article",
        "event_type",
        "sub_event_type",
        "actor1",
        "location",
        "date",
        "fatalities",
        "claims",
        "modality",
    ] {
        assert!(first.get(field).is_some(), "event lacks {field}: {first}");
    }
    for (query, expected) in [
        ("country=iq", vec!["Gamma Governorate", "Gammacity"]),
        ("admin1=alpha%20province", vec!["Alphatown"]),
        ("bbox=38,34,41,36", vec!["Alphatown", "Betaville"]),
        ("since=2017-06-15&until=2017-12-31", vec!["Alphatown"]),
        ("until=2017-06-15", vec!["Betaville"]),
        ("type=explosions_remote_violence", vec!["Betaville"]),
        ("sub_type=arrests", vec!["Gamma Governorate"]),
        ("actor=northern", vec!["Alphatown"]),
        ("min_fatalities=5", vec!["Alphatown"]),
        (
            "source=other%20invented%20paper",
            vec!["Gamma Governorate", "Gammacity"],
        ),
        ("q=teachers", vec!["Gamma Governorate", "Gammacity"]),
        (
            "country=SY&type=battles&min_fatalities=1",
            vec!["Alphatown"],
        ),
    ] {
        assert_eq!(
            names(&s.ok(&format!("/api/events?{query}"))),
            expected,
            "{query}"
        );
    }
}

#[test]
fn events_page_with_a_cursor() {
    let s = server(false);
    let mut seen = Vec::new();
    let mut path = "/api/events?limit=1".to_string();
    loop {
        let page = s.ok(&path);
        assert_eq!(page["events"].as_array().map(Vec::len), Some(1));
        seen.push(page["events"][0]["id"].as_str().expect("id").to_string());
        match page["next"].as_str() {
            Some(next) => {
                path = format!(
                    "/api/events?limit=1&cursor={}",
                    form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
                )
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), 4);
    let dates: Vec<String> = seen
        .iter()
        .map(|id| {
            s.ok(&format!("/api/events/{id}"))["event"]["date"]["start"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "pages come in date order");
}

#[test]
fn bad_parameters_are_400_naming_the_parameter() {
    let s = server(false);
    for (path, name) in [
        ("/api/events?country=Syria", "country"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=5000", "limit"),
        ("/api/events?bbox=1,2,3", "bbox"),
        ("/api/events?since=yesterday", "since"),
        ("/api/events?type=war", "type"),
        ("/api/events?format=xml", "format"),
        ("/api/events?colour=red", "colour"),
        ("/api/stats?by=year", "by"),
        ("/api/stats?group=outlet", "group"),
        ("/api/articles?since=2017-02-30", "since"),
        ("/api/articles?q=x&outlet=y", "q"),
    ] {
        assert_eq!(bad_param(&s, path), name, "{path}");
    }
}

#[test]
fn exports_follow_format_and_accept() {
    let s = server(false);
    let csv = s.get("/api/events?format=csv&country=SY");
    assert_eq!(csv.status, 200);
    assert!(
        csv.content_type.starts_with("text/csv"),
        "{}",
        csv.content_type
    );
    assert_eq!(
        csv.body.lines().count(),
        3,
        "header and two rows: {}",
        csv.body
    );
    assert!(csv.body.contains("Alphatown") && !csv.body.contains("Gammacity"));
    let geo = s.get_with("/api/events", ("Accept", "application/geo+json"));
    assert_eq!(geo.content_type, "application/geo+json");
    let fc = geo.json();
    assert_eq!(fc["type"], "FeatureCollection");
    assert_eq!(fc["features"].as_array().map(Vec::len), Some(4));
    let lines = s.get("/api/events?format=jsonl&limit=3");
    assert_eq!(lines.body.lines().count(), 3);
    assert!(
        lines.headers.get("x-next-cursor").is_some(),
        "more rows: cursor header"
    );
}

#[test]
fn one_event_shows_claims_with_evidence_spans() {
    let s = server(false);
    let page = s.ok("/api/events?actor=northern");
    let id = page["events"][0]["id"].as_str().expect("id");
    let detail = s.ok(&format!("/api/events/{id}"));
    assert_eq!(detail["event"]["id"], id);
    let claim = &detail["claims"][0];
    assert_eq!(claim["claimant"], "Invented Monitor");
    assert_eq!(claim["article"]["outlet"], "Invented Wire");
    assert_eq!(
        claim["article"]["title"],
        "Invented fighting in Alpha Province"
    );
    assert_eq!(claim["article"]["published"], "2017-06-20");
    assert!(claim["sentence"]["text"]
        .as_str()
        .unwrap_or("")
        .starts_with("Clashes between"));
    let spans: Vec<(String, String)> = claim["spans"]
        .as_array()
        .expect("spans")
        .iter()
        .map(|s| {
            (
                s["field"].as_str().unwrap_or("").into(),
                s["text"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    for want in [
        ("actor1", "Northern Front"),
        ("location", "Alphatown"),
        ("fatalities", "12"),
        ("claimant", "Invented Monitor"),
    ] {
        assert!(
            spans.iter().any(|(f, t)| f == want.0 && t == want.1),
            "{want:?} not in {spans:?}"
        );
    }
    // The spans index the article text.
    let article = s.ok(&format!(
        "/api/articles/{}",
        claim["article"]["id"].as_str().expect("article id")
    ));
    let text: Vec<char> = article["text"].as_str().expect("text").chars().collect();
    for span in claim["spans"].as_array().expect("spans") {
        let (a, b) = (
            span["start"].as_u64().unwrap_or(0) as usize,
            span["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            text[a..b].iter().collect::<String>(),
            span["text"].as_str().unwrap_or("")
        );
    }
    let missing = s.get("/api/events/no-such-event");
    assert_eq!(missing.status, 404);
    assert!(missing.json()["error"]
        .as_str()
        .unwrap_or("")
        .contains("no-such-event"));
}

#[test]
fn articles_list_search_and_show_event_spans() {
    let s = server(false);
    let list = s.ok("/api/articles");
    assert_eq!(list["articles"].as_array().map(Vec::len), Some(2));
    let paged = s.ok("/api/articles?limit=1");
    let next = paged["next"].as_str().expect("a second page");
    let rest = s.ok(&format!(
        "/api/articles?limit=1&cursor={}",
        form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
    ));
    assert_ne!(paged["articles"][0]["id"], rest["articles"][0]["id"]);
    assert!(rest["next"].is_null());
    let hits = s.ok("/api/articles?q=salaries");
    assert_eq!(hits["articles"][0]["source"], "invented-b.txt");
    let outlet = s.ok("/api/articles?outlet=invented%20wire");
    assert_eq!(outlet["articles"].as_array().map(Vec::len), Some(1));
    let id = hits["articles"][0]["id"].as_str().expect("id");
    let article = s.ok(&format!("/api/articles/{id}"));
    assert!(article["text"].as_str().unwrap_or("").contains("Gammacity"));
    let spans = article["events"].as_array().expect("event spans");
    assert_eq!(spans.len(), 2, "{article}");
    assert!(spans
        .iter()
        .all(|e| e["start"].as_u64() < e["end"].as_u64()));
    assert_eq!(s.get("/api/articles/0000000000000000").status, 404);
}

#[test]
fn stats_are_dense_series() {
    let s = server(false);
    let st = s.ok("/api/stats?by=month&group=type");
    let periods = st["periods"].as_array().expect("periods");
    assert_eq!(periods.first().and_then(Value::as_str), Some("2017-06-01"));
    assert_eq!(periods.last().and_then(Value::as_str), Some("2018-03-01"));
    assert_eq!(periods.len(), 10);
    let total: u64 = st["series"]
        .as_array()
        .expect("series")
        .iter()
        .flat_map(|s| s["counts"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c.as_u64())
        .sum();
    assert_eq!(total, 4);
    let battles = s.ok("/api/stats?by=week&group=type&type=battles");
    let keys: Vec<&str> = battles["series"]
        .as_array()
        .expect("series")
        .iter()
        .filter_map(|s| s["key"].as_str())
        .collect();
    assert_eq!(keys, ["battles"]);
    assert_eq!(battles["periods"][0], "2017-06-19", "weeks start on Monday");
    let actors = s.ok("/api/stats?group=actor&country=IQ");
    assert_eq!(actors["series"].as_array().map(Vec::len), Some(2));
}

#[test]
fn writes_need_the_token_and_bodies_have_a_limit() {
    let s = server(false);
    let article =
        json!({"text": "Invented: nothing happened in an invented town.", "format": "text"})
            .to_string();
    assert_eq!(
        s.post("/api/ingest", None, "application/json", article.as_bytes())
            .status,
        401
    );
    let wrong = s.post(
        "/api/ingest",
        Some("guess"),
        "application/json",
        article.as_bytes(),
    );
    assert_eq!(wrong.status, 401);
    assert!(wrong.headers.get("www-authenticate").is_some());
    // The client reads the 413 rather than a reset connection, for a body
    // just over the limit and for one well over it.
    for size in [BODY_LIMIT + 1, BODY_LIMIT * 3 / 2] {
        let big = vec![b'a'; size];
        let r = s.post("/api/ingest", Some(TOKEN), "text/plain", &big);
        assert_eq!(r.status, 413, "{size} bytes");
        assert!(r.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("limit")));
    }
    let bad = s.post(
        "/api/ingest",
        Some(TOKEN),
        "application/json",
        br#"{"body": "x"}"#,
    );
    assert_eq!(
        (bad.status, bad.json()["parameter"].as_str()),
        (400, Some("body"))
    );
    let empty = s.post(
        "/api/ingest?source=empty.txt",
        Some(TOKEN),
        "text/plain",
        b"",
    );
    assert_eq!(empty.status, 400);
}

#[test]
fn ingest_runs_the_pipeline_and_stores_the_article() {
    let s = server(false);
    let before = s.get("/api/articles");
    assert_eq!(before.json()["articles"].as_array().map(Vec::len), Some(2));
    assert!(
        s.get("/api/articles").headers.get("x-cache").is_some(),
        "a repeated read comes from the cache"
    );
    // Invented article.
    let text = "DELTAPORT, Syria (Invented Wire) - Gunmen attacked a checkpoint in Aleppo on Tuesday, \
                killing four soldiers, a military source said.\n\nThe attack was the third this month.";
    let body = json!({"text": text, "format": "text", "published": "2019-04-10", "outlet": "Invented Wire", "source": "posted-invented.txt"});
    let r = s.post(
        "/api/ingest",
        Some(TOKEN),
        "application/json",
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let reply = r.json();
    assert_eq!(
        reply["articles"].as_array().map(Vec::len),
        Some(1),
        "{reply}"
    );
    assert_eq!(reply["report"]["articles"], 1);
    let id = reply["articles"][0]["id"].as_str().expect("article id");
    let stored = s.ok(&format!("/api/articles/{id}"));
    let after = s.get("/api/articles");
    assert!(
        after.headers.get("x-cache").is_none(),
        "the write dropped the cached listing"
    );
    assert_eq!(after.json()["articles"].as_array().map(Vec::len), Some(3));
    assert!(stored["text"].as_str().unwrap_or("").contains("checkpoint"));
    // The same article again is a duplicate, not a second copy.
    let again = s.post(
        "/api/ingest",
        Some(TOKEN),
        "application/json",
        body.to_string().as_bytes(),
    );
    assert_eq!(again.json()["report"]["duplicates"], 1);
}

#[test]
fn protected_reads_need_the_token() {
    let s = server(true);
    assert_eq!(s.get("/api/events").status, 401);
    assert_eq!(
        s.get_with("/api/events", ("Authorization", "Bearer nope"))
            .status,
        401
    );
    let ok = s.get_with("/api/events", ("Authorization", &format!("Bearer {TOKEN}")));
    assert_eq!(ok.status, 200);
    assert_eq!(s.get("/healthz").status, 200);
    assert_eq!(
        s.get("/").status,
        200,
        "the page itself is open; it asks for the token"
    );
}

#[test]
fn page_openapi_and_health_are_served() {
    let s = server(false);
    assert_eq!(s.ok("/healthz")["status"], "ok");
    let doc = s.ok("/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains("vendor/leaflet/leaflet.js"));
    for asset in [
        "/app.js",
        "/app.css",
        "/vendor/leaflet/leaflet.js",
        "/vendor/uplot/uPlot.iife.min.js",
        "/vendor/geo/countries-50m.json",
        "/vendor/geo/admin1.topo.json",
    ] {
        assert_eq!(s.get(asset).status, 200, "{asset}");
    }
    assert!(
        !page.body.contains("http://") && !page.body.contains("https://"),
        "the page loads nothing from the network"
    );
    let etag = page
        .headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag")
        .to_string();
    assert_eq!(s.get_with("/", ("If-None-Match", &etag)).status, 304);
    assert_eq!(s.get("/vendor.sh").status, 404);
    assert_eq!(s.get("/no/such/file.js").status, 404);
}
