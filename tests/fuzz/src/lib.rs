//! The product's pure core — the model, the importer and the workspace format — compiled from
//! the product's own source files without the desktop app, so the instrumented fuzzing build
//! does not have to build the windowing and graphics stack.

#![allow(dead_code, unused_imports)]

#[path = "../../../src/import/mod.rs"]
pub mod import;
#[path = "../../../src/model/mod.rs"]
pub mod model;
#[path = "../../../src/paths.rs"]
pub mod paths;
#[path = "../../../src/workspace/mod.rs"]
pub mod workspace;
