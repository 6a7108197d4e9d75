//! The real binary in a pseudo-terminal, read back through a terminal emulator (vt100): it starts on
//! the alternate screen, draws the bundled articles, reacts to keys, quits with status 0 and gives the
//! terminal back; the star is saved and there again on the next start.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

fn start(data: &std::path::Path) -> Session {
    let pty = native_pty_system();
    let pair = pty.openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sahifa"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("SAHIFA_DATA_DIR", data);
    cmd.env("SAHIFA_CONFIG_DIR", data);
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZero::new(40).unwrap(),
        std::num::NonZero::new(120).unwrap(),
        0,
    )));
    let p = Arc::clone(&parser);
    std::thread::spawn(move || {
        let _keep = pair.master;
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    Session { parser, writer, child }
}

impl Session {
    fn wait_for(&self, what: &str) -> String {
        let t0 = Instant::now();
        loop {
            let s = self.parser.lock().unwrap().screen().contents();
            if s.contains(what) {
                return s;
            }
            assert!(t0.elapsed() < Duration::from_secs(20), "timed out waiting for {what:?}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&mut self, k: &str) {
        self.writer.write_all(k.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn quit(mut self) -> (u32, bool) {
        self.keys("q");
        let t0 = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(200));
                let alt = self.parser.lock().unwrap().screen().alternate_screen();
                return (st.exit_code(), alt);
            }
            assert!(t0.elapsed() < Duration::from_secs(10), "did not quit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn reader_in_a_real_pty_moves_stars_quits_and_remembers() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Articles (5)");
    assert!(s.parser.lock().unwrap().screen().alternate_screen(), "runs on the alternate screen");
    s.keys("j");
    s.wait_for("article 2/5");
    s.keys("?");
    s.wait_for("Quit (reading state is saved)");
    s.keys("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    s.keys("s");
    s.wait_for("★");
    let (code, alt) = s.quit();
    assert_eq!(code, 0);
    assert!(!alt, "the main screen is back after quitting");

    let again = start(data.path());
    again.wait_for("★");
    let (code, _) = again.quit();
    assert_eq!(code, 0);
}

#[test]
fn sigterm_saves_state_and_exits_cleanly() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Articles (5)");
    s.keys("s");
    s.wait_for("★");
    let pid = s.child.process_id().expect("pid");
    std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
    let t0 = Instant::now();
    let code = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st.exit_code();
        }
        assert!(t0.elapsed() < Duration::from_secs(10), "did not exit on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code, 0);
    let state = std::fs::read_to_string(data.path().join("state.json")).unwrap();
    assert!(state.contains("\"starred\": true") || state.contains("\"starred\":true"), "{state}");
}
