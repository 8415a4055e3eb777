//! Any bytes as a journal: reading keeps a prefix of whole, checked actions and reports the rest.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let read = sitzung::store::journal::read_journal(data);
    if let Some(bad) = read.bad {
        assert!(bad.offset <= data.len());
    }
});
