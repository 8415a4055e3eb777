//! Helpers for driving every screen (recording, picker, browser) like a user: one key script
//! syntax for all of them, and a frame as text.

#![allow(dead_code)]

pub mod tmux;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sitzung::domain::Session;
use sitzung::tui::Screen;

pub fn demo_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron")
}

/// The binary run with `--dir DIR` and `args`, without the variables that would change its
/// folder or forbid writes.
pub fn sitzung_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sitzung"))
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("SITZUNG_DIR")
        .env_remove("SITZUNG_READ_ONLY")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run sitzung")
}

pub fn demo() -> Session {
    sitzung::store::load(&demo_path()).expect("demo loads")
}

pub fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 3, 14)
        .unwrap()
        .and_hms_opt(h, m, s)
        .unwrap()
}

/// Feeds keys written as a script to a screen: plain characters, and `<Enter>`, `<Esc>`,
/// `<Tab>`, `<S-Tab>`, `<BS>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<Del>`, `<C-x>` for
/// Ctrl+x.
pub fn keys(app: &mut impl Screen, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let name = &rest[1..end];
            let key = match name {
                "Enter" => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                "Esc" => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                "Tab" => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
                "S-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                "BS" => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
                "Up" => KeyEvent::new(KeyCode::Up, KeyModifiers::NONE),
                "Down" => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
                "Left" => KeyEvent::new(KeyCode::Left, KeyModifiers::NONE),
                "Right" => KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
                "Del" => KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE),
                ctrl if ctrl.starts_with("C-") => {
                    let ch = ctrl.chars().nth(2).expect("a key after C-");
                    KeyEvent::new(KeyCode::Char(ch), KeyModifiers::CONTROL)
                }
                other => panic!("unknown key <{other}>"),
            };
            app.handle_key(key);
            rest = &rest[end + 1..];
        } else {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// The screen as text, one line per row, trailing blanks cut.
pub fn frame(app: &impl Screen, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A size-limited tmpfs mounted in a fresh folder, unmounted when dropped: a real full disk.
/// `None` where this process may not mount (not root); on CI that is an error.
pub struct TinyFs {
    pub dir: tempfile::TempDir,
}

impl TinyFs {
    pub fn mount(size: &str) -> Option<TinyFs> {
        let dir = tempfile::tempdir().ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must be able to mount a tmpfs (runs as root)"
            );
            eprintln!("SKIPPED: cannot mount a tmpfs here (not root?)");
            return None;
        }
        Some(TinyFs { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the file system up to the last few bytes.
    pub fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.path().join("ballast")).unwrap();
        let chunk = vec![0u8; 4096];
        while f.write_all(&chunk).is_ok() {}
        let _ = f.write_all(&[0u8; 1]);
        let _ = f.sync_all();
    }

    pub fn unfill(&self) {
        std::fs::remove_file(self.path().join("ballast")).unwrap();
    }
}

impl Drop for TinyFs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .output();
    }
}

/// The test writer `examples/journal_torture.rs`, as `cargo test` built it beside the tests.
pub fn journal_torture() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary");
    let profile = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/PROFILE/deps");
    profile.join("examples").join("journal_torture")
}
