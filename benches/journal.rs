//! Cost of one durable change (journal append + fsync) on a session of 10 paragraphs and on one
//! of 5,000, in the same run; and of the snapshot that now and then follows. `cargo bench --bench journal`.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use sitzung::domain::{Action, Paragraph, Session};
use sitzung::store::{self, Recorder};

fn durable_change(c: &mut Criterion, name: &str, session: &Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    store::save(&path, session).unwrap();
    let mut opened = Recorder::open(&path).unwrap();
    // Someone of the session speaks in its first item.
    let action = Action::AppendMinute {
        item: session.agenda[0].number.clone(),
        paragraph: Paragraph::by(
            &session.persons[0].id,
            "fragt, ob Fördermittel des Landes beantragt worden seien.",
        ),
    };
    c.bench_function(&format!("durable change/{name}"), |b| {
        b.iter(|| {
            opened.session.apply(action.clone()).unwrap();
            opened
                .recorder
                .record(std::slice::from_ref(&action))
                .unwrap();
        })
    });
    // The session as generated, not as the loop above has grown it (by tens of thousands of
    // paragraphs): what a snapshot of a session of this size costs.
    let snapshot_of = session.clone();
    c.bench_function(&format!("snapshot/{name}"), |b| {
        b.iter(|| opened.recorder.snapshot(&snapshot_of).unwrap())
    });
}

fn benches(c: &mut Criterion) {
    durable_change(c, "10 paragraphs", &sitzung::generate::session(2, 10, 3));
    durable_change(
        c,
        "5000 paragraphs",
        &sitzung::generate::session(200, 5_000, 3),
    );
}

criterion_group! {
    name = journal;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(journal);
