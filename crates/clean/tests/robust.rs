//! Nothing panics, whatever the input: random bytes, broken markup, cut
//! pages, deep nesting, each read under every format's name and cleaned.
//! Offsets of whatever comes out still point at the same text.

use dateline_clean::clean;
use dateline_ingest::{read_parts, ReadOptions};
use dateline_model::SourceMeta;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const NAMES: [&str; 8] = [
    "a.txt",
    "a.html",
    "a.jsonl",
    "a.rss",
    "a.warc",
    "a.warc.gz",
    "a.xml",
    "a",
];

// Invented fragments to recombine.
const PIECES: [&str; 24] = [
    "<p>",
    "</p>",
    "<div class=\"story\">",
    "</div>",
    "<h1>",
    "</h1>",
    "<a href=\"x\">",
    "</a>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "&amp;",
    "&#x201c;",
    "&bogus;",
    "\n\n",
    "\n",
    "BEIRUT: ",
    "By Jane Roe",
    "Updated 3 June 2020",
    "Fighters attacked the town on Monday, officials said. ",
    "“Quoted words,” he said. ",
    "ADVERTISEMENT",
    "\u{650}\u{200f}",
];

fn check(name: &str, bytes: &[u8]) {
    for doc in read_parts(name, bytes, SourceMeta::default(), &ReadOptions::default())
        .into_iter()
        .flatten()
    {
        for a in clean(&doc) {
            for &(c, o, len) in &a.offsets.runs {
                let (c, o, len) = (c as usize, o as usize, len as usize);
                assert_eq!(a.text.get(c..c + len), doc.text.get(o..o + len), "{name}");
            }
        }
    }
}

#[test]
fn random_and_broken_inputs_do_not_panic() {
    let mut rng = Rng(0x0dd_ba11);
    for round in 0..300 {
        let len = (rng.next() % 3000) as usize;
        let bytes: Vec<u8> = if round % 2 == 0 {
            (0..len).map(|_| rng.next() as u8).collect()
        } else {
            let mut s = String::new();
            while s.len() < len {
                s.push_str(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
            }
            s.into_bytes()
        };
        for name in NAMES {
            check(name, &bytes);
        }
    }
}

#[test]
fn cut_pages_deep_nesting_and_odd_shapes_do_not_panic() {
    let page = "<html><head><title>T</title><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-01-01\"}</script></head>\
                <body><article><h1>Headline of an invented story</h1><p>KABUL (AP) — Invented text of a story, with commas, and more commas, said officials.</p>\
                <figure><figcaption>Caption. REUTERS/Nobody</figcaption></figure><p>Second paragraph of invented text ends here.</p></article></body></html>";
    for cut in 0..page.len() {
        check("cut.html", &page.as_bytes()[..cut]);
    }
    let deep = "<div>".repeat(20_000) + "<p>Deep text, deep down, said nobody.</p>";
    check("deep.html", deep.as_bytes());
    let long_line = "word ".repeat(200_000);
    check("long.txt", long_line.as_bytes());
    let many_lines = "Short line\n".repeat(50_000);
    check("lines.txt", many_lines.as_bytes());
    check("lt.txt", "<<<<>>>> & <p".as_bytes());
    check(
        "json.jsonl",
        b"{\"html\": \"<p>x</p>\", \"published\": \"2020-13-45\"}\n[1,2]\n\"str\"\n{}\n",
    );
}
