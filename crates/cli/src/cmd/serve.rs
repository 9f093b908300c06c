use anyhow::{bail, Result};
use clap::Args;

#[derive(Args)]
pub struct ServeArgs {}

pub fn run(_args: ServeArgs, _quiet: bool) -> Result<bool> {
    bail!("not implemented yet")
}
