//! The terminal UI: the recording screen and the session picker.
//!
//! Keys go through [`App::handle_key`] (the same in tests), drawing is [`view::draw`] of `&App`,
//! and every change is a domain action saved at once.

pub mod app;
pub mod browse;
pub mod keymap;
pub mod layer;
pub mod picker;
pub mod theme;
pub mod view;
pub mod widgets;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveDateTime;
use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;

pub use app::App;

/// Where the current time comes from. `SITZUNG_NOW=2024-03-14T19:00:00` freezes it, so that a
/// scripted meeting (the end-to-end test) records the same times on every run.
pub fn clock() -> impl Fn() -> NaiveDateTime {
    let frozen = std::env::var("SITZUNG_NOW")
        .ok()
        .and_then(|s| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").ok());
    move || frozen.unwrap_or_else(|| chrono::Local::now().naive_local())
}

/// Runs the recording screen on `app` until the user quits. Restores the terminal on the way
/// out, also after a panic (ratatui's hook).
pub fn record(app: &mut App) -> io::Result<()> {
    let (stop, watch) = watch_signals()?;
    let mut terminal = init()?;
    let result = event_loop(&mut terminal, app, &stop, None);
    restore();
    watch.close();
    result
}

/// The recording screen read only, on the session at `path` being recorded by someone else:
/// it follows each save of the writer (snapshot or journal line) within a moment.
pub fn follow(app: &mut App, path: &Path) -> io::Result<()> {
    let (stop, watch) = watch_signals()?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    let (rx, _watcher) = watch_folder(folder.unwrap_or(Path::new(".")));
    let journal = crate::store::journal::journal_path(path);
    let names = [path, journal.as_path()].map(Path::file_name);
    // A read that fails (a save caught halfway) is tried again at the next turn of the loop,
    // whether or not another change is reported; the screen stays as it was meanwhile.
    let stale = std::cell::Cell::new(false);
    let reload = |app: &mut App| {
        // All reported changes are taken, so none is left over for later.
        let ours = rx
            .try_iter()
            .flatten()
            .filter(|p| names.contains(&p.file_name()));
        if ours.count() > 0 {
            stale.set(true);
        }
        if stale.get()
            && let Ok(session) = crate::store::load_current(path)
        {
            app.follow(session);
            stale.set(false);
        }
    };
    let mut terminal = init()?;
    let result = event_loop(&mut terminal, app, &stop, Some(&reload));
    restore();
    watch.close();
    result
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

/// Runs the archive browser until the user quits. The sessions folder is watched, so a session
/// being recorded is followed in the pager within a moment of each save.
pub fn browse(browser: &mut browse::Browser) -> io::Result<()> {
    let (stop, watch) = watch_signals()?;
    let (rx, _watcher) = watch_folder(browser.dir());
    let mut terminal = init()?;
    let result = (|| loop {
        browser.poll();
        let size = terminal.size()?;
        browser.set_screen(size.width, size.height);
        terminal.draw(|frame| browse::draw(frame, browser))?;
        if browser.quit || stop.load(Ordering::SeqCst) || terminal_gone() {
            return Ok(());
        }
        if event::poll(Duration::from_millis(200))? && !terminal_gone() {
            match event::read()? {
                Event::Key(key) => browser.handle_key(key),
                Event::Paste(text) => browser.paste(&text),
                _ => {}
            }
        }
        let changed: Vec<PathBuf> = rx.try_iter().flatten().collect();
        if !changed.is_empty() {
            browser.changed(&changed);
        }
    })();
    restore();
    watch.close();
    result
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

/// `reload`, where given, is asked after every key or pause whether the session changed on disk.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    reload: Option<&dyn Fn(&mut App)>,
) -> io::Result<()> {
    let now = clock();
    loop {
        if let Some(reload) = reload {
            reload(app);
        }
        if stop.load(Ordering::Relaxed) || terminal_gone() {
            app.shutdown();
        }
        if app.quit {
            return Ok(());
        }
        if let Err(e) = terminal.draw(|frame| view::draw(frame, app)) {
            // The terminal is gone (or broken): what is typed is saved before leaving.
            app.shutdown();
            return Err(e);
        }
        if event::poll(Duration::from_millis(250))? && !terminal_gone() {
            app.tick(now());
            let size = terminal.size()?;
            app.set_screen(size.width, size.height);
            match event::read()? {
                Event::Key(key) => app.handle_key(key),
                Event::Paste(text) if !app.too_small => app.paste(&text),
                _ => {}
            }
        } else {
            app.tick(now());
        }
    }
}

/// Runs the picker; returns the session chosen or created, or `None` when the user quits.
pub fn pick(picker: &mut picker::Picker) -> io::Result<Option<PathBuf>> {
    let (stop, watch) = watch_signals()?;
    let mut terminal = init()?;
    let result = (|| loop {
        if stop.load(Ordering::SeqCst) || terminal_gone() {
            return Ok(None);
        }
        terminal.draw(|frame| picker.draw(frame))?;
        if let Some(done) = picker.done.take() {
            return Ok(done);
        }
        if event::poll(Duration::from_millis(250))?
            && let Event::Key(key) = event::read()?
        {
            picker.handle_key(key, clock()());
        }
    })();
    restore();
    watch.close();
    result
}
