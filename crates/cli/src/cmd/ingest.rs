use anyhow::{bail, Result};
use clap::Args;

#[derive(Args)]
pub struct IngestArgs {}

pub fn run(_args: IngestArgs, _quiet: bool) -> Result<bool> {
    bail!("not implemented yet")
}
