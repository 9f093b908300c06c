//! Support shared by the live tests, the CLI's live tests and the bench
//! (which include these files by path).

#![allow(dead_code)]

pub mod server;
