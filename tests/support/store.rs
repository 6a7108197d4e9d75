//! Shared by the store tests: two article ids and a store opened without warnings.

use std::path::Path;

use sahifa::store::Store;

/// Content ids of two articles.
pub const A: &str = "bb4b77b62cfebfb5";
pub const B: &str = "ab347057d505572f";

/// The store in `dir`; opening it must not warn.
pub fn open(dir: &Path) -> Store {
    let (store, warnings) = Store::open(Some(dir.to_path_buf()));
    assert!(warnings.is_empty(), "unexpected warnings: {warnings:?}");
    store
}
