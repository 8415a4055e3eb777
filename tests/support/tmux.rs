//! The built binary in a tmux terminal at 80×24: start, send keys, read the screen.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn start(command: &str) -> Tmux {
        // One tmux server per test: tests run in parallel in one process.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let socket = format!("sitzung-e2e-{}-{n}", std::process::id());
        let tmux = Tmux { socket };
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "80",
            "-y",
            "24",
            command,
        ]);
        // A lone Esc must reach the program at once, not be held back as the start of Alt+key.
        tmux.run(&["set-option", "-s", "escape-time", "0"]);
        tmux
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p"])
    }

    /// The screen with its attributes as escape sequences (bold, reverse, colours).
    pub fn screen_with_attributes(&self) -> String {
        self.run(&["capture-pane", "-p", "-e"])
    }

    /// Waits until the screen shows `text`; fails with the screen when it does not.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited for {text:?}, screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends tmux key names (Enter, Escape, Tab, BTab, Space, C-e …). After Escape it pauses:
    /// an Esc that reaches the terminal together with the next key reads as Alt+key.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", key]);
            let pause = if *key == "Escape" { 200 } else { 40 };
            std::thread::sleep(Duration::from_millis(pause));
        }
    }

    /// Types text literally and waits until its last word is on the screen.
    pub fn text(&self, text: &str) {
        self.run(&["send-keys", "-l", text]);
        let last = text.split_whitespace().last().unwrap_or_default();
        self.wait_for(last);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

/// Whether tmux is there; on CI (`CI` set) a missing tmux fails, elsewhere the test says it
/// skipped.
pub fn tmux_or_skip() -> bool {
    let there = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !there {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is missing on CI: .ci/run must install it"
        );
        eprintln!("SKIPPED: tmux is not installed");
    }
    there
}

/// The end-to-end fixtures and expected files.
pub fn e2e_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e")
}
