use anyhow::{bail, Result};
use clap::Args;

#[derive(Args)]
pub struct EventsArgs {}
#[derive(Args)]
pub struct EventArgs {}
#[derive(Args)]
pub struct StatsArgs {}

pub fn list(_args: EventsArgs) -> Result<bool> {
    bail!("not implemented yet")
}
pub fn show(_args: EventArgs) -> Result<bool> {
    bail!("not implemented yet")
}
pub fn stats(_args: StatsArgs) -> Result<bool> {
    bail!("not implemented yet")
}
