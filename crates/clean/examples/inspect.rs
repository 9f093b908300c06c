//! Prints what clean makes of inputs: one JSON article a line, or with
//! `--summary` one line per article (input:part#index, words kept out of
//! words read, title, dateline, byline, date, language). For looking at new sites' pages:
//!
//!     cargo run -p dateline-clean --example inspect -- [--summary] PATH...

use std::path::PathBuf;

use dateline_clean::clean;
use dateline_ingest::{read_paths, ReadOptions};

fn main() {
    let mut summary = false;
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--summary" => summary = true,
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let opts = ReadOptions::default();
    for item in read_paths(&paths, &opts) {
        let doc = match item {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let articles = clean(&doc);
        let read = doc.text.split_whitespace().count();
        for a in &articles {
            if summary {
                println!(
                    "{}:{}#{}\t{}/{} words\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}",
                    a.source,
                    doc.part,
                    a.index,
                    a.text.split_whitespace().count(),
                    read,
                    a.title,
                    a.dateline,
                    a.byline,
                    a.published,
                    a.language
                );
            } else {
                println!("{}", serde_json::to_string(a).unwrap_or_default());
            }
        }
        if articles.is_empty() {
            println!(
                "{}:{}#-\tno article\t{read} words read",
                doc.source, doc.part
            );
        }
    }
}
