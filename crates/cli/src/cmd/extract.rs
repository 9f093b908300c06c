use anyhow::{bail, Result};
use clap::Args;

#[derive(Args)]
pub struct ExtractArgs {}

pub fn run(_args: ExtractArgs, _quiet: bool) -> Result<bool> {
    bail!("not implemented yet")
}
