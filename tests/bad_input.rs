//! Bad input: every broken session file gives a clear error with file, line and column, a
//! non-zero exit, and the file stays exactly as it was.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sitzung(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitzung"))
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("SITZUNG_DIR")
        .output()
        .expect("run sitzung")
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Runs `render` and `check` on `name` in `dir`; both must fail, name the file, and leave it alone.
/// Returns the error text with the folder replaced by `[DIR]`.
fn fails_cleanly(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    let before = fs::read(&path).unwrap();
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let render = sitzung(dir, &["render", name]);
    let check = sitzung(dir, &["check", name]);
    for (what, out) in [("render", &render), ("check", &check)] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{what} {name} succeeded");
        assert!(
            stderr.contains(name),
            "{what} {name}: error does not name the file: {stderr}"
        );
    }
    assert!(
        render.stdout.is_empty(),
        "render printed a protocol for a broken file"
    );
    assert_eq!(fs::read(&path).unwrap(), before, "{name} was changed");
    assert_eq!(
        fs::metadata(&path).unwrap().modified().unwrap(),
        modified,
        "{name} was rewritten"
    );
    let leftovers: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        leftovers
            .iter()
            .all(|f| f.to_string_lossy().ends_with(".ron")),
        "stray files: {leftovers:?}"
    );
    String::from_utf8_lossy(&render.stderr).replace(&dir.display().to_string(), "[DIR]")
}

#[test]
fn each_broken_fixture_gives_a_clear_error_and_stays_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = String::new();
    for fixture in fixtures() {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        fs::copy(&fixture, dir.path().join(&name)).unwrap();
        report.push_str(&fails_cleanly(dir.path(), &name));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in fixtures() {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        if ["empty.ron", "newer_version.ron"].contains(&name.as_str()) {
            continue;
        }
        fs::copy(&fixture, dir.path().join(&name)).unwrap();
        let err = fails_cleanly(dir.path(), &name);
        let after_name = err.split(&format!("{name}:")).nth(1).unwrap_or_default();
        let mut parts = after_name.splitn(3, ':');
        let line: Option<u32> = parts.next().and_then(|l| l.parse().ok());
        let col: Option<u32> = parts.next().and_then(|c| c.parse().ok());
        assert!(
            line.is_some() && col.is_some(),
            "{name}: no line:column in {err}"
        );
    }
}

#[test]
fn a_truncated_session_is_reported_at_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let demo = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron"),
    )
    .unwrap();
    let cut: String = demo.chars().take(demo.chars().count() / 2).collect();
    fs::write(dir.path().join("abgeschnitten.ron"), &cut).unwrap();
    let err = fails_cleanly(dir.path(), "abgeschnitten.ron");
    let last_line = cut.trim_end().lines().count();
    assert!(
        err.contains(&format!("abgeschnitten.ron:{last_line}:")),
        "expected the error at line {last_line}: {err}"
    );
}

#[test]
fn a_path_outside_the_folder_works_but_read_only_only_the_archive_can_be_read() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("sessions");
    fs::create_dir(&dir).unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron");
    fs::copy(&demo, root.path().join("woanders.ron")).unwrap();
    let sneaky = dir.join("../woanders.ron").display().to_string();
    let plain = root.path().join("woanders.ron").display().to_string();
    for arg in [sneaky, plain] {
        // A file the user names by its path is theirs to render, wherever it lies.
        let out = sitzung(&dir, &["render", &arg]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("Niederschrift"));
        // Read only (an SSH account), nothing outside the archive is read.
        let out = sitzung(&dir, &["--read-only", "render", &arg]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(stderr.contains("außerhalb des Sitzungsordners"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    // A name (no path) is still looked up in the folder only.
    let out = sitzung(&dir, &["render", "woanders"]);
    assert!(!out.status.success());
}

#[test]
fn list_warns_about_broken_files_and_shows_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in fixtures() {
        fs::copy(&fixture, dir.path().join(fixture.file_name().unwrap())).unwrap();
    }
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron");
    fs::copy(&demo, dir.path().join("2024-03-14_bauausschuss.ron")).unwrap();
    let out = sitzung(dir.path(), &["list"]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(
        stdout.contains("14.03.2024") && stdout.contains("2024-03-14_bauausschuss.ron"),
        "{stdout}"
    );
    assert_eq!(stderr.lines().count(), fixtures().len(), "{stderr}");
}
