//! `sahifa extract` from outside: JSON shape and the text report.

use assert_cmd::Command;

#[test]
fn json_is_one_object_per_article() {
    let out = Command::cargo_bin("sahifa")
        .expect("binary")
        .args(["extract", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let arr = v.as_array().expect("array");
    assert_eq!(arr.len(), 5);
    for a in arr {
        for key in ["file", "title", "actors", "quotes"] {
            assert!(a.get(key).is_some(), "missing {key}");
        }
        for q in a["quotes"].as_array().expect("quotes") {
            let (s, e) = (q["start"].as_u64().expect("start"), q["end"].as_u64().expect("end"));
            assert!(s <= e);
            assert!(q["text"].as_str().is_some_and(|t| !t.is_empty()));
        }
        for ac in a["actors"].as_array().expect("actors") {
            assert!(ac["mentions"].as_array().is_some_and(|m| !m.is_empty()));
        }
    }
}

#[test]
fn text_report_has_no_control_characters() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("a.txt");
    std::fs::write(&p, "عنوان\u{1b}[31m\nوقال الوزير علي حسن: «هذا\u{7} يوم جيد للجميع هنا».\n")
        .expect("write");
    let out = Command::cargo_bin("sahifa")
        .expect("binary")
        .args(["extract", "--format", "text"])
        .arg(&p)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).expect("utf8");
    assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
    assert!(s.contains("علي حسن"));
}
