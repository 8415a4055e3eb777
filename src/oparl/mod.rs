//! Interchange with the council information systems through OParl 1.0/1.1 (the `OParl/spec`
//! repository): a meeting imported as a session ready to record ([`import`]), its results
//! exported as an OParl Meeting ([`export`]). Lenient JSON reading in [`json`].

pub mod export;
pub mod fetch;
pub mod import;
pub mod json;
