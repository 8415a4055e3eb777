//! Any bytes as a session file: reading must end in a session or a positioned error, never a
//! panic; salvaging the damaged rest must not panic either.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("fuzz.ron");
    if let Err(sitzung::store::LoadError::Syntax { line, .. }) = sitzung::store::parse(path, text) {
        let _ = sitzung::store::salvage(path, text, line);
    }
});
