//! A directory mixing good files with every kind of bad input: each good
//! file is read, each bad one reported once by name with its problem, and
//! nothing panics. All text here is invented.

use std::io::Write;
use std::path::Path;

use dateline_ingest::{read_paths, ReadOptions};
use dateline_model::{InputFormat, RawDocument};

const STORY: &str = "Gunmen attacked a checkpoint near the town of Maru on Sunday, killing two soldiers, officials said.";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::File::create(dir.join(name))
        .and_then(|mut f| f.write_all(bytes))
        .unwrap();
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-02-02T10:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn good_files_are_read_and_bad_ones_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("sub")).unwrap();

    // Good inputs.
    write(dir, "good.txt", STORY.as_bytes());
    write(
        dir,
        "good.html",
        format!("<html><body><p>{STORY}</p></body></html>").as_bytes(),
    );
    let (arabic, _, _) = encoding_rs::WINDOWS_1256.encode(
        "قتل جنديان في هجوم على نقطة تفتيش قرب بلدة مارو يوم الأحد، وفق ما قال مسؤولون محليون.",
    );
    write(dir, "sub/arabic-1256.txt", &arabic);
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Le président a déclaré que deux soldats ont été tués à Maru.</p></body></html>");
    write(dir, "sub/latin1.html", &latin);
    write(dir, "malformed.html", b"<html><body><div><p>Unclosed <b>tags <i>everywhere<p>and a stray < sign & more</div></span>");
    write(
        dir,
        "wire.jsonl.gz",
        &gzip(format!("{{\"text\": \"{STORY}\", \"title\": \"Checkpoint attack\"}}\n").as_bytes()),
    );

    // Bad inputs.
    write(dir, "empty.txt", b"");
    write(dir, "blank.txt", b"  \n\n \t\n");
    write(dir, "photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(dir, "noise.dat", &[7, 0, 3, 250, 0, 0, 1, 2, 3, 0, 9, 9]);
    let warc = [
        warc_record("https://a.invalid/1", "<p>One.</p>"),
        warc_record("https://a.invalid/2", "<p>Two.</p>"),
    ]
    .concat();
    let packed = gzip(&warc);
    write(dir, "crawl-trunc.warc.gz", &packed[..packed.len() - 30]);
    write(
        dir,
        "lines.jsonl",
        format!(
            "{{\"text\": \"{STORY}\"}}\n{{\"text\": broken\n{{\"url\": \"https://a.invalid\"}}\n"
        )
        .as_bytes(),
    );
    let mut bad_warc =
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nine\r\n\r\nxx\r\n\r\n".to_vec();
    bad_warc.extend(warc_record("https://a.invalid/3", "<p>Three.</p>"));
    write(dir, "mixed.warc", &bad_warc);
    write(
        dir,
        "sitemap.xml",
        b"<?xml version=\"1.0\"?><urlset><url><loc>https://a.invalid/</loc></url></urlset>",
    );
    write(dir, "broken-feed.rss", b"<rss><channel><item><title>A</title><description>Text.</description></item><item><title>B</wrong></channel></rss>");
    write(dir, "huge.txt", &vec![b'a'; 5000]);
    write(dir, ".hidden.txt", b"never read");

    let opts = ReadOptions {
        max_bytes: 4096,
        ..ReadOptions::default()
    };
    let mut docs: Vec<RawDocument> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for item in read_paths(&[dir.to_path_buf()], &opts) {
        match item {
            Ok(doc) => docs.push(doc),
            Err(e) => errors.push(e.to_string()),
        }
    }
    let prefix = |name: &str| format!("{}: ", dir.join(name).display());
    let expect = [
        ("blank.txt", "empty file"),
        ("broken-feed.rss", "malformed XML at byte"),
        ("crawl-trunc.warc.gz", "truncated gzip stream at byte"),
        ("empty.txt", "empty file"),
        ("huge.txt", "5000 bytes is over the 4096-byte size limit"),
        ("lines.jsonl", "line 2: invalid JSON"),
        ("lines.jsonl", "line 3: no \"text\" or \"html\" field"),
        (
            "mixed.warc",
            "WARC record at byte 0: missing or bad Content-Length",
        ),
        ("noise.dat", "binary file (control bytes), not text"),
        ("photo.png", "binary file (PNG image), not text"),
        ("sitemap.xml", "XML file is not an RSS or Atom feed"),
    ];
    assert_eq!(errors.len(), expect.len(), "{errors:#?}");
    for (error, (name, problem)) in errors.iter().zip(expect) {
        assert!(
            error.starts_with(&prefix(name)),
            "{error} (expected {name})"
        );
        assert!(
            error[prefix(name).len()..].starts_with(problem),
            "{error} (expected {problem})"
        );
    }

    let read: Vec<(&str, u32, InputFormat)> = docs
        .iter()
        .map(|d| (d.source.as_str(), d.part, d.format))
        .collect();
    assert_eq!(
        read,
        [
            ("broken-feed.rss", 0, InputFormat::Feed),
            ("good.html", 0, InputFormat::Html),
            ("good.txt", 0, InputFormat::Text),
            ("lines.jsonl", 0, InputFormat::Jsonl),
            ("malformed.html", 0, InputFormat::Html),
            ("mixed.warc", 1, InputFormat::Warc),
            ("arabic-1256.txt", 0, InputFormat::Text),
            ("latin1.html", 0, InputFormat::Html),
            ("wire.jsonl.gz", 0, InputFormat::Jsonl),
        ]
    );
    let arabic = docs.iter().find(|d| d.source == "arabic-1256.txt").unwrap();
    assert!(arabic.text.starts_with("قتل جنديان"), "{}", arabic.text);
    let latin = docs.iter().find(|d| d.source == "latin1.html").unwrap();
    assert!(
        latin.text.contains("Le président a déclaré"),
        "{}",
        latin.text
    );
    let warc = docs.iter().find(|d| d.source == "mixed.warc").unwrap();
    assert_eq!(warc.meta.url.as_deref(), Some("https://a.invalid/3"));
    let jsonl = docs.iter().find(|d| d.source == "wire.jsonl.gz").unwrap();
    assert_eq!(jsonl.meta.title.as_deref(), Some("Checkpoint attack"));
}

#[test]
fn missing_path_is_an_error_not_a_panic() {
    let opts = ReadOptions::default();
    let out: Vec<_> = read_paths(&["/no/such/dir/x.txt".into()], &opts).collect();
    assert_eq!(out.len(), 1);
    let e = out[0].as_ref().unwrap_err().to_string();
    assert!(e.starts_with("/no/such/dir/x.txt: "), "{e}");
}

#[test]
fn the_manifest_in_use_is_not_read_as_news() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(dir, "a.txt", STORY.as_bytes());
    write(
        dir,
        "crawl-meta.jsonl",
        b"{\"source\": \"a.txt\", \"published\": \"2020-01-02\", \"outlet\": \"Invented\"}\n",
    );
    write(dir, "manifest.jsonl", b"{\"source\": \"a.txt\"}\n");
    let opts = ReadOptions {
        manifest: Some(dateline_ingest::Manifest::load(&dir.join("crawl-meta.jsonl")).unwrap()),
        ..ReadOptions::default()
    };
    let docs: Vec<RawDocument> = read_paths(&[dir.to_path_buf()], &opts)
        .map(Result::unwrap)
        .collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].meta.outlet.as_deref(), Some("Invented"));
    assert_eq!(
        docs[0].meta.published.map(|d| d.to_string()).as_deref(),
        Some("2020-01-02")
    );
}
