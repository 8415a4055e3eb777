//! The README's key list is the key table: generated from `keymap::BINDINGS`, checked here.
//! After changing a binding: `UPDATE_README=1 cargo test --test readme`.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::path::Path;

const START: &str = "<!-- keys:start (generated from src/tui/keymap.rs) -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn readme_lists_every_key_binding() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(START)
        .expect("README has the keys:start marker")
        + START.len();
    let end = readme.find(END).expect("README has the keys:end marker");
    let table = sitzung::tui::keymap::markdown_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README key list is stale: UPDATE_README=1 cargo test --test readme"
    );
}
