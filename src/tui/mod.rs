//! The terminal UI: three screens (the recording screen, the session picker, the archive
//! browser), each a [`Screen`] run by the one event loop [`run`].
//!
//! Keys go through `Screen::handle_key` (the same in tests), drawing is `Screen::draw` of the
//! screen's state, and every change of a session is a domain action saved at once.

pub mod browse;
pub mod display;
pub mod keymap;
pub mod picker;
pub mod prompt;
pub mod record;
pub mod theme;
pub mod widgets;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveDateTime;
use crossterm::event::{self, Event, KeyEvent};
use ratatui::{DefaultTerminal, Frame};

pub use record::App;

/// A screen of the program, as the event loop and the tests drive it.
pub trait Screen {
    /// A key (press or repeat; releases are ignored by the screens).
    fn handle_key(&mut self, key: KeyEvent);
    /// Text pasted from the clipboard (bracketed paste: one piece however long).
    fn paste(&mut self, _text: &str) {}
    /// Time passes: told before each frame and each key.
    fn tick(&mut self, _now: NaiveDateTime) {}
    /// The terminal's size, told before each frame and each key.
    fn set_screen(&mut self, width: u16, height: u16);
    fn draw(&self, frame: &mut Frame);
    /// Files in the watched folder changed.
    fn changed(&mut self, _paths: &[PathBuf]) {}
    /// The terminal was quiet for a moment (no key, no paste): time for work that must not
    /// hold up a key.
    fn pause(&mut self) {}
    /// Whether the screen is done: the loop ends.
    fn finished(&self) -> bool;
    /// The program is told to end (a signal, the terminal gone): save what must be saved and
    /// be finished.
    fn shutdown(&mut self);
}

/// Moves a selection in a list of `len` one step, staying inside it.
pub fn step(sel: &mut usize, len: usize, down: bool) {
    if down {
        if *sel + 1 < len {
            *sel += 1;
        }
    } else {
        *sel = sel.saturating_sub(1);
    }
}

/// Where the current time comes from. `SITZUNG_NOW=2024-03-14T19:00:00` freezes it, so that a
/// scripted meeting (the end-to-end test) records the same times on every run.
pub fn clock() -> impl Fn() -> NaiveDateTime {
    let frozen = std::env::var("SITZUNG_NOW")
        .ok()
        .and_then(|s| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").ok());
    move || frozen.unwrap_or_else(|| chrono::Local::now().naive_local())
}

/// Runs `screen` until it is finished, `watch` (a folder) reporting changes of its files to it.
/// Restores the terminal on the way out, also after a panic (ratatui's hook). SIGTERM, SIGHUP
/// and a terminal gone end the screen through [`Screen::shutdown`].
pub fn run(screen: &mut dyn Screen, watch: Option<&Path>) -> io::Result<()> {
    let (stop, signals) = watch_signals()?;
    let (rx, _watcher) = match watch {
        Some(dir) => watch_folder(dir),
        None => (std::sync::mpsc::channel().1, None),
    };
    let mut terminal = init()?;
    let result = event_loop(&mut terminal, screen, &stop, &rx);
    // A terminal that fails (to be measured, polled, read) ends the screen as a signal would:
    // what is typed is saved first.
    if result.is_err() && !screen.finished() {
        screen.shutdown();
    }
    restore();
    signals.close();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    screen: &mut dyn Screen,
    stop: &AtomicBool,
    changes: &std::sync::mpsc::Receiver<Vec<PathBuf>>,
) -> io::Result<()> {
    let now = clock();
    loop {
        // All reported changes are taken, so none is left over for later.
        let changed: Vec<PathBuf> = changes.try_iter().flatten().collect();
        if !changed.is_empty() {
            screen.changed(&changed);
        }
        screen.tick(now());
        if stop.load(Ordering::Relaxed) || terminal_gone() {
            screen.shutdown();
        }
        if screen.finished() {
            return Ok(());
        }
        let size = terminal.size()?;
        screen.set_screen(size.width, size.height);
        if let Err(e) = terminal.draw(|frame| screen.draw(frame)) {
            // The terminal is gone (or broken): what is typed is saved before leaving.
            screen.shutdown();
            return Err(e);
        }
        if event::poll(Duration::from_millis(250))? && !terminal_gone() {
            screen.tick(now());
            let size = terminal.size()?;
            screen.set_screen(size.width, size.height);
            match event::read()? {
                Event::Key(key) => screen.handle_key(key),
                Event::Paste(text) => screen.paste(&text),
                _ => {}
            }
        } else {
            screen.pause();
        }
    }
}

/// Watches a folder (not a file: snapshots are renamed over the file); the changed paths arrive
/// on the receiver. Without a watcher (no inotify left) nothing arrives.
fn watch_folder(
    dir: &Path,
) -> (
    std::sync::mpsc::Receiver<Vec<PathBuf>>,
    Option<notify::RecommendedWatcher>,
) {
    use notify::Watcher;
    let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event.paths);
        }
    })
    .ok();
    if let Some(w) = watcher.as_mut() {
        let _ = w.watch(dir, notify::RecursiveMode::NonRecursive);
    }
    (rx, watcher)
}

/// SIGTERM and SIGHUP (an SSH connection dropping) set the returned flag, and the loops end
/// through the same door as q (the recorder writes the open paragraph and a snapshot). When the
/// terminal is gone, crossterm may never return from waiting for a key; then the watcher ends the
/// process after a moment: every change is already in the journal, the kernel frees the lock.
fn watch_signals() -> io::Result<(Arc<AtomicBool>, signal_hook::iterator::Handle)> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])?;
    let handle = signals.handle();
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            flag.store(true, Ordering::SeqCst);
            // A hang-up usually means the terminal is gone: reading it would spin (see
            // below). A SIGHUP sent by hand leaves it there, to be restored.
            if signal == signal_hook::consts::SIGHUP
                && (0..10).any(|_| {
                    std::thread::sleep(Duration::from_millis(10));
                    terminal_gone()
                })
            {
                silence_terminal();
            }
            std::thread::sleep(LAST_WORD);
            std::process::exit(1);
        }
    });
    // A terminal can go away without a signal to us (we are not its session's leader): its
    // reads then end at once, again and again. Looked at five times a second.
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(200));
            if terminal_gone() {
                flag.store(true, Ordering::SeqCst);
                silence_terminal();
                std::thread::sleep(LAST_WORD);
                std::process::exit(1);
            }
        }
    });
    Ok((stop, handle))
}

/// Puts quiet files where the dead terminal was: standard input a pipe that never has
/// anything to read, output and errors /dev/null. Reading a hung-up terminal ends at once,
/// again and again (the event loop would spin in it and never come back to end itself);
/// writing to it fails. Afterwards the loops wait for keys that do not come, see the stop
/// flag, and end as with `q`.
fn silence_terminal() {
    if let Ok((read, write)) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC) {
        if let Ok(flags) = rustix::fs::fcntl_getfl(&read) {
            let _ = rustix::fs::fcntl_setfl(&read, flags | rustix::fs::OFlags::NONBLOCK);
        }
        let _ = rustix::stdio::dup2_stdin(&read);
        // Kept open for the rest of the process: with no writer, the pipe would read as ended.
        std::mem::forget(write);
    }
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        let _ = rustix::stdio::dup2_stdout(&null);
        let _ = rustix::stdio::dup2_stderr(&null);
    }
}

/// How long the loops have to end by themselves (saving what is typed) after a signal or a
/// lost terminal, before the process ends anyway: everything typed is in the journal by then.
const LAST_WORD: Duration = Duration::from_millis(1000);

/// Whether the terminal went away (the SSH connection, the terminal window closed): a hung-up
/// terminal answers every request with EIO. Not a terminal at all is not "gone".
fn terminal_gone() -> bool {
    matches!(
        rustix::termios::tcgetattr(io::stdin()),
        Err(rustix::io::Errno::IO)
    )
}

/// The terminal in raw mode on the alternate screen, with bracketed paste on: a paste arrives
/// as one piece, however long, instead of as thousands of keys.
fn init() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    crossterm::execute!(io::stdout(), crossterm::event::EnableBracketedPaste)?;
    Ok(terminal)
}

fn restore() {
    let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
    ratatui::restore();
}
