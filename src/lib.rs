//! sitzung: recording and publishing the minutes of German council sessions.
//!
//! Layers, lower never importing higher: [`domain`] (the rules, pure), [`store`] (the sessions
//! folder), [`render`] (the Wortprotokoll as text, Markdown, HTML), [`tui`] (the terminal
//! screens), and the binary's `cli`.

pub mod domain;
pub mod generate;
pub mod render;
pub mod search;
pub mod store;
pub mod tui;
