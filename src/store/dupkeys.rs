//! Finding a key given twice in one JSON object, which `serde_json` accepts silently (the last one
//! wins). One streaming pass, no tree kept: each object's keys are compared, nested values walked.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// `Ok` when no object in `bytes` repeats a key; otherwise the first repeated key, named with the
/// path to its object (`duplicate key "a" in "articles"`). Syntax errors are left to the parser.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match Walk(String::new()).deserialize(&mut de) {
        Err(e) if e.is_data() => Err(e.to_string()),
        _ => Ok(()),
    }
}

/// Walks one value; `.0` is the path to it, for the message.
struct Walk(String);

impl<'de> DeserializeSeed<'de> for Walk {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Walk(self.0.clone()))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys = HashSet::new();
        while let Some(k) = map.next_key::<String>()? {
            if !keys.insert(k.clone()) {
                let at = if self.0.is_empty() { String::new() } else { format!(" in {}", self.0) };
                return Err(de::Error::custom(format!("duplicate key {k:?}{at}")));
            }
            // Only the top two levels are named (`"articles"`, then the article id).
            let path = if self.0.matches('"').count() >= 4 { self.0.clone() } else { join(&self.0, &k) };
            map.next_value_seed(Walk(path))?;
        }
        Ok(())
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { format!("{key:?}") } else { format!("{path}.{key:?}") }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn unique_keys_pass_and_repeats_are_named() {
        assert_eq!(check(br#"{"a":{"x":1,"y":[{"x":2},{"x":3}]},"b":2}"#), Ok(()));
        let e = check(br#"{"a":1,"a":2}"#).expect_err("top level");
        assert!(e.starts_with(r#"duplicate key "a""#), "{e}");
        let e = check(br#"{"articles":{"k":{"read":true,"read":false}}}"#).expect_err("nested");
        assert!(e.contains(r#"duplicate key "read" in "articles"."k""#), "{e}");
    }

    #[test]
    fn syntax_errors_are_left_to_the_parser() {
        assert_eq!(check(b"{\"a\":"), Ok(()));
    }
}
