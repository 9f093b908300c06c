pub mod articles;
pub mod events;
pub mod extract;
pub mod gazetteer;
pub mod ingest;
pub mod places;
pub mod serve;
