//! Any bytes as an OParl export: reading and importing must end in a session, a list of
//! warnings or a positioned error, never a panic (`cargo +nightly fuzz run oparl_import`).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut dump = sitzung::oparl::import::Dump::default();
    if dump.add(Path::new("fuzz.json"), &text).is_ok() {
        let _ = sitzung::oparl::import::import(&dump, None, None, "fuzz.json");
    }
});
