//! Reading the state file's bytes, whatever version wrote them, into the current model.
//!
//! Version 1 (and a file without `"version"`) was flat:
//! `{"version": 1, "read": [ID...], "starred": [ID...], "positions": {ID: N}}`.
//! Version 2 (current) groups everything per article: see [`super`] for the format.
//! Each step is a function from the JSON of version N to the JSON of version N+1, so a new version
//! adds one step and the older steps never change.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::model::{ArticleState, CURRENT_VERSION, StateFile};

/// A state file read and brought to the current version.
#[derive(Debug)]
pub struct Parsed {
    /// The state, in the current model.
    pub state: StateFile,
    /// The version the file had, if it was older and has been migrated.
    pub migrated_from: Option<u64>,
}

/// Why bytes could not be read as a state file.
#[derive(Debug, PartialEq)]
pub enum ParseError {
    /// Not a state file this or any sahifa could have written (bad JSON, wrong types, truncated).
    Damaged(String),
    /// Written by a newer sahifa in a shape this version does not understand.
    Newer {
        /// The file's version.
        version: u64,
        /// What did not fit.
        reason: String,
    },
}

/// Parses a state file of any known version into the current model.
pub fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    // A UTF-8 byte order mark (some editors add one) is not damage.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Damaged("the file is empty".into()));
    }
    // serde_json keeps the last of two equal keys and drops the other silently: a second
    // "articles" would drop every mark of the first. Refused as damage instead.
    super::dupkeys::check(bytes).map_err(ParseError::Damaged)?;
    // Fast path: a current file parses straight into the model, without a JSON tree first.
    if let Ok(state) = serde_json::from_slice::<StateFile>(bytes)
        && state.version >= CURRENT_VERSION
    {
        return Ok(Parsed { state, migrated_from: None });
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| ParseError::Damaged(e.to_string()))?;
    let Value::Object(obj) = value else {
        return Err(ParseError::Damaged("not a JSON object".into()));
    };
    let version = match obj.get("version") {
        None => 1,
        Some(v) => v.as_u64().ok_or_else(|| ParseError::Damaged(format!("version is {v}, not a number")))?,
    };
    let mut obj = obj;
    let mut migrated_from = None;
    if version < u64::from(CURRENT_VERSION) {
        migrated_from = Some(version);
        if version <= 1 {
            obj = v1_to_v2(obj)?;
        }
    }
    match serde_json::from_value::<StateFile>(Value::Object(obj)) {
        Ok(state) => Ok(Parsed { state, migrated_from }),
        Err(e) if version > u64::from(CURRENT_VERSION) => {
            Err(ParseError::Newer { version, reason: e.to_string() })
        }
        Err(e) => Err(ParseError::Damaged(e.to_string())),
    }
}

/// Version 1 (flat lists) to version 2 (one object per article). Unknown top-level fields are kept.
fn v1_to_v2(mut obj: Map<String, Value>) -> Result<Map<String, Value>, ParseError> {
    let mut articles: BTreeMap<String, ArticleState> = BTreeMap::new();
    for id in id_list(obj.remove("read"), "read")? {
        articles.entry(id).or_default().read = true;
    }
    for id in id_list(obj.remove("starred"), "starred")? {
        articles.entry(id).or_default().starred = true;
    }
    match obj.remove("positions") {
        None | Some(Value::Null) => {}
        Some(Value::Object(pos)) => {
            for (id, n) in pos {
                let n = n
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| ParseError::Damaged(format!("positions.{id} is {n}, not a position")))?;
                articles.entry(id).or_default().position = n;
            }
        }
        Some(other) => return Err(ParseError::Damaged(format!("positions is {other}, not an object"))),
    }
    let articles = serde_json::to_value(articles).map_err(|e| ParseError::Damaged(e.to_string()))?;
    obj.insert("version".into(), Value::from(2));
    obj.insert("articles".into(), articles);
    Ok(obj)
}

/// A v1 list of article ids.
fn id_list(v: Option<Value>, name: &str) -> Result<Vec<String>, ParseError> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|i| match i {
                Value::String(s) => Ok(s),
                other => Err(ParseError::Damaged(format!("{name} holds {other}, not an article id"))),
            })
            .collect(),
        Some(other) => Err(ParseError::Damaged(format!("{name} is {other}, not a list"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damaged(bytes: &str) -> bool {
        matches!(parse(bytes.as_bytes()), Err(ParseError::Damaged(_)))
    }

    #[test]
    fn v1_becomes_v2() {
        let p = parse(br#"{"version":1,"read":["a","b"],"starred":["b"],"positions":{"a":7},"x":1}"#)
            .expect("v1 parses");
        assert_eq!(p.migrated_from, Some(1));
        assert_eq!(p.state.version, CURRENT_VERSION);
        assert!(p.state.articles["a"].read && !p.state.articles["a"].starred);
        assert_eq!(p.state.articles["a"].position, 7);
        assert!(p.state.articles["b"].read && p.state.articles["b"].starred);
        assert_eq!(p.state.extra["x"], 1);
    }

    #[test]
    fn no_version_is_v1() {
        let p = parse(br#"{"starred":["c"]}"#).expect("parses");
        assert_eq!(p.migrated_from, Some(1));
        assert!(p.state.articles["c"].starred);
    }

    #[test]
    fn current_needs_no_migration() {
        let p = parse(br#"{"version":2,"articles":{"a":{"read":true}}}"#).expect("parses");
        assert_eq!(p.migrated_from, None);
        assert!(p.state.articles["a"].read);
    }

    #[test]
    fn broken_files_are_damaged() {
        for bad in [
            "",
            "  \n",
            "{\"version\":2,\"articles\":{\"a\":{\"read\":tr",
            "[1,2]",
            "null",
            r#"{"version":"two"}"#,
            r#"{"version":2,"articles":{"a":{"read":"yes"}}}"#,
            r#"{"version":2,"articles":{"a":{"position":-1}}}"#,
            r#"{"version":2,"articles":[]}"#,
            r#"{"version":1,"read":[1]}"#,
            r#"{"version":1,"positions":{"a":"x"}}"#,
            "\u{feff}garbage",
            r#"{"version":2,"articles":{"a":{"read":true}},"articles":{}}"#,
            r#"{"version":2,"articles":{"a":{"read":true},"a":{"starred":true}}}"#,
            r#"{"version":1,"read":["a"],"read":[]}"#,
        ] {
            assert!(damaged(bad), "{bad:?} should be damaged");
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_damage() {
        let p =
            parse("\u{feff}{\"version\":2,\"articles\":{\"a\":{\"read\":true}}}".as_bytes()).expect("parses");
        assert!(p.state.articles["a"].read);
    }

    #[test]
    fn a_duplicate_key_is_named() {
        let e = parse(br#"{"version":2,"articles":{"a":{}},"articles":{}}"#).expect_err("duplicate");
        assert!(matches!(&e, ParseError::Damaged(r) if r.contains("\"articles\"")), "{e:?}");
    }

    #[test]
    fn newer_versions_are_read_or_refused_not_damaged() {
        let p = parse(br#"{"version":9,"articles":{"a":{"starred":true,"tags":["x"]}},"more":{}}"#)
            .expect("a newer file in a known shape parses");
        assert_eq!(p.state.version, 9);
        assert_eq!(p.state.articles["a"].extra["tags"], serde_json::json!(["x"]));
        let e = parse(br#"{"version":9,"articles":{"a":{"starred":"very"}}}"#).expect_err("shape changed");
        assert!(matches!(e, ParseError::Newer { version: 9, .. }), "{e:?}");
    }
}
