use anyhow::{bail, Result};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum GazetteerCommand {
    /// Show the candidates for a name with their scores.
    Lookup { name: String },
}

pub fn run(_c: GazetteerCommand) -> Result<bool> {
    bail!("not implemented yet")
}
