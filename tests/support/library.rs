//! Shared by the library tests: the `sahifa` binary on a data dir of its own, without proxies.

#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;

/// `sahifa` with its data dir in `data`, its config dir beside it, and no proxy from the
/// environment (the tests' servers are on 127.0.0.1).
pub fn sahifa(data: &Path) -> Command {
    let mut c = Command::cargo_bin("sahifa").expect("binary");
    c.env("SAHIFA_DATA_DIR", data).env("SAHIFA_CONFIG_DIR", data.join("config")).env_remove("SAHIFA_LOG");
    for v in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"] {
        c.env_remove(v);
    }
    c
}

/// The same as a plain `std::process::Command`, for tests that spawn and kill it.
pub fn std_command(data: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sahifa"));
    c.env("SAHIFA_DATA_DIR", data).env("SAHIFA_CONFIG_DIR", data.join("config")).env_remove("SAHIFA_LOG");
    for v in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"] {
        c.env_remove(v);
    }
    c
}

/// Runs `sahifa ARGS` on `data`; returns (exit code, stdout, stderr).
pub fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = sahifa(data).args(args).output().expect("run sahifa");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `sahifa feeds --format json`, parsed.
pub fn feeds_json(data: &Path) -> Vec<serde_json::Value> {
    let (code, out, err) = run(data, &["feeds", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("feeds JSON")
}
