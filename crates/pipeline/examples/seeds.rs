// Temporary development driver (to be removed): runs the chain on files
// with a manifest, or on `--text TEXT --published DATE`, printing JSON Lines.
use std::path::PathBuf;

use dateline_ingest::{read_paths, Manifest, ReadOptions};
use dateline_model::Article;
use dateline_pipeline::{write_jsonl, Pipeline};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let explain = args.iter().any(|a| a == "--explain");
    args.retain(|a| a != "--explain");
    let p = Pipeline::load().unwrap();
    let out = std::io::stdout();
    if args[0] == "--text" {
        let mut a = Article::from_text("t.txt", args[1].clone());
        a.published = args.get(2).and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let evs = p.events(&a, explain);
        write_jsonl(out.lock(), &evs).unwrap();
        return;
    }
    let manifest = Manifest::load(std::path::Path::new(&args[0])).unwrap();
    let opts = ReadOptions { manifest: Some(manifest), ..ReadOptions::default() };
    let paths: Vec<PathBuf> = args[1..].iter().map(PathBuf::from).collect();
    for doc in read_paths(&paths, &opts) {
        let doc = doc.unwrap();
        for pr in p.process(&doc, explain) {
            eprintln!("== {} #{} title={:?} dateline={:?} published={:?} chars={}", pr.article.source, pr.article.index, pr.article.title, pr.article.dateline, pr.article.published, pr.article.text.len());
            write_jsonl(out.lock(), &pr.events).unwrap();
        }
    }
}
