use anyhow::{bail, Result};
use clap::Args;

#[derive(Args)]
pub struct PlacesArgs {}

pub fn run(_args: PlacesArgs) -> Result<bool> {
    bail!("not implemented yet")
}
