//! What the app keeps and computes outside any component: the parsed course, the
//! learner's storage (edits, earlier versions, export/import), progress, the output
//! panel's blocks, and batches of runs (trials) for checks and race histograms.

pub mod course;
pub mod output;
pub mod progress;
pub mod storage;
pub mod trials;
