use anyhow::{bail, Result};
use clap::Args;

#[derive(Args)]
pub struct ArticlesArgs {}
#[derive(Args)]
pub struct SearchArgs {}
#[derive(Args)]
pub struct ShowArgs {}

pub fn list(_args: ArticlesArgs) -> Result<bool> {
    bail!("not implemented yet")
}
pub fn search(_args: SearchArgs) -> Result<bool> {
    bail!("not implemented yet")
}
pub fn show(_args: ShowArgs) -> Result<bool> {
    bail!("not implemented yet")
}
