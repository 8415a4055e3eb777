//! Time to handle one key and draw one frame: a session of 200 items and 5,000 paragraphs against
//! an empty session, in the same run. `cargo bench --bench tui`.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sitzung::domain::Session;
use sitzung::tui::App;
use sitzung::tui::record::{Persist, draw};

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 3, 14)
        .unwrap()
        .and_hms_opt(20, 0, 0)
        .unwrap()
}

/// One key through the real handler, then one frame drawn at 120×40.
fn key_and_frame(c: &mut Criterion, name: &str, session: Session, key: KeyCode, setup: &[KeyCode]) {
    let mut app = App::new(session, Persist::Memory, now());
    for code in setup {
        app.handle_key(KeyEvent::new(*code, KeyModifiers::NONE));
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut down = true;
    c.bench_function(name, |b| {
        b.iter(|| {
            // Alternate with the opposite key so the state stays the same size: j/k keeps the
            // selection in the middle of the agenda, x/Backspace keeps the paragraph short.
            let code = match key {
                KeyCode::Char('j') if !down => KeyCode::Char('k'),
                KeyCode::Char('x') if !down => KeyCode::Backspace,
                other => other,
            };
            down = !down;
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            terminal.draw(|f| draw(f, black_box(&app))).unwrap();
        })
    });
}

fn benches(c: &mut Criterion) {
    let empty = Session::new(
        "Bauausschuss",
        NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
    );
    let large = sitzung::generate::session(200, 5_000, 1);
    let middle = vec![KeyCode::Char('j'); 100];
    let open_editor = [KeyCode::Tab, KeyCode::Char('n')];
    key_and_frame(c, "navigate/empty", empty.clone(), KeyCode::Char('j'), &[]);
    key_and_frame(
        c,
        "navigate/200 items 5000 paragraphs",
        large.clone(),
        KeyCode::Char('j'),
        &middle,
    );
    // Typing into a new paragraph of an item in the middle of the agenda.
    key_and_frame(
        c,
        "type/empty",
        with_one_item(empty),
        KeyCode::Char('x'),
        &open_editor,
    );
    let typing: Vec<KeyCode> = middle.into_iter().chain(open_editor).collect();
    key_and_frame(
        c,
        "type/200 items 5000 paragraphs",
        large,
        KeyCode::Char('x'),
        &typing,
    );
}

fn with_one_item(mut s: Session) -> Session {
    s.agenda
        .push(sitzung::domain::AgendaItem::new("1", "Eröffnung"));
    s
}

criterion_group! {
    name = tui;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(tui);
