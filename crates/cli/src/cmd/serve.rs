use std::net::SocketAddr;
use std::process::{Command, Stdio};

use anyhow::Result;
use clap::Args;
use dateline_serve::{ServeOptions, DEFAULT_BODY_LIMIT};

use crate::DbArgs;

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on; keep it on loopback unless the token is set.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Bearer token that opens the write endpoints (POST /api/ingest).
    /// Without one they are closed.
    #[arg(long, env = "DATELINE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Require the token for reads too (the page asks for it once).
    #[arg(long)]
    pub protect_reads: bool,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_BODY_LIMIT)]
    pub body_limit: usize,
    /// Open the map in a web browser, if one is installed.
    #[arg(long)]
    pub open: bool,
}

pub fn run(args: ServeArgs, quiet: bool) -> Result<bool> {
    let mut opts = ServeOptions::new(args.db.db);
    opts.token = args.token;
    opts.protect_reads = args.protect_reads;
    opts.body_limit = args.body_limit;
    let open = args.open;
    dateline_serve::run(&opts, args.addr, |addr| {
        let url = format!("http://{addr}/");
        if !quiet {
            eprintln!("dateline: serving {} on {url} (Ctrl-C stops)", opts.db);
        }
        if open && !open_browser(&url) {
            eprintln!("dateline: no web browser found; open {url} yourself");
        }
    })?;
    Ok(true)
}

/// Hands `url` to the desktop's opener. Returns whether one started.
fn open_browser(url: &str) -> bool {
    let candidates: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else if cfg!(windows) {
        &[("cmd", &["/C", "start", ""])]
    } else {
        &[
            ("xdg-open", &[]),
            ("sensible-browser", &[]),
            ("x-www-browser", &[]),
        ]
    };
    candidates.iter().any(|(cmd, pre)| {
        Command::new(cmd)
            .args(*pre)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .is_ok()
    })
}
