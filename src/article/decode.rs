//! Bytes to text: gzip, byte-order marks, declared and detected encodings, control characters.
//!
//! Order of evidence: a BOM wins; then text that is valid UTF-8 is UTF-8; then an HTML `<meta charset>`
//! or XML `encoding=` declaration (a UTF-8 one only when the bytes are mostly UTF-8); then
//! chardetng's guess. Undecodable bytes become U+FFFD and are
//! reported. The result is "storage clean": no NUL, no C0/C1 controls except newline, `\r\n` and
//! lone `\r` turned into `\n`, tabs and other odd spaces kept for the cleaner to collapse.

use std::io::Read;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// The most bytes a `.gz` file may expand to before it is cut (a guard against decompression bombs).
pub const MAX_GUNZIP: u64 = 64 * 1024 * 1024;

/// Text decoded from a file, with the name of the encoding it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, storage clean (see the module docs).
    pub text: String,
    /// The encoding's WHATWG name, e.g. `UTF-8`, `windows-1256`, `ISO-8859-6`, `UTF-16LE`.
    pub encoding: &'static str,
    /// Problems met on the way (one short phrase each, without the path).
    pub warnings: Vec<String>,
}

/// Whether the bytes start with the gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Inflates gzip data (all members), at most `limit` bytes; says so when the output was cut or the
/// stream is damaged, keeping what was inflated before the damage.
pub fn gunzip(bytes: &[u8], limit: u64) -> (Vec<u8>, Vec<String>) {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(64 << 20));
    let mut warnings = Vec::new();
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(limit.saturating_add(1));
    if let Err(e) = reader.read_to_end(&mut out) {
        warnings.push(format!("damaged gzip data ({e}); kept what could be read"));
    }
    if out.len() as u64 > limit {
        out.truncate(limit as usize);
        warnings.push(format!("gzip data expands past {} MB; the rest was not read", limit >> 20));
    }
    (out, warnings)
}

/// Whether the bytes look like a binary file (image, archive, executable, or full of NULs and
/// control bytes) rather than text in any supported encoding.
pub fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG",
        b"GIF8",
        b"\xff\xd8\xff",
        b"%PDF",
        b"PK\x03\x04",
        b"\x7fELF",
        b"\x00asm",
        b"BZh",
        b"\xfd7zXZ",
        b"7z\xbc\xaf",
        b"Rar!",
        b"\x28\xb5\x2f\xfd",
        b"OggS",
        b"ID3",
        b"RIFF",
    ];
    if bom(bytes).is_some() || utf16_without_bom(bytes).is_some() {
        return false;
    }
    if MAGIC.iter().any(|m| bytes.starts_with(m)) || is_windows_executable(bytes) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let nul = memchr::memchr_iter(0, head).count();
    let ctrl = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0)).count();
    (nul >= 2 && nul * 100 > head.len()) || (nul + ctrl) * 10 > head.len()
}

/// A DOS/Windows executable: `MZ`, and at the offset its header gives (bytes 0x3C–0x3F) the `PE\0\0`
/// signature. Text that merely starts with the letters `MZ` is not one.
fn is_windows_executable(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"MZ") || bytes.len() < 0x40 {
        return false;
    }
    let at = u32::from_le_bytes([bytes[0x3c], bytes[0x3d], bytes[0x3e], bytes[0x3f]]) as usize;
    bytes.get(at..at.saturating_add(4)) == Some(b"PE\0\0".as_slice())
}

/// UTF-16 without a byte order mark: in the first 4 KiB, the high byte of nearly every code unit
/// is 0x00 (ASCII, Latin-1) or 0x06 (Arabic), and the units decode to text (no unpaired surrogate,
/// no control but whitespace). UTF-8 and legacy encodings never look like that; files full of
/// NULs on both sides (binary) fail the text test.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    for (enc, hi) in [(encoding_rs::UTF_16LE, 1), (encoding_rs::UTF_16BE, 0)] {
        let highs = head.iter().skip(hi).step_by(2).filter(|&&b| b == 0 || b == 6).count();
        if highs * 10 < pairs * 9 {
            continue;
        }
        let units = head.chunks_exact(2).map(|c| {
            if hi == 1 { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) }
        });
        let texty = char::decode_utf16(units)
            .filter(|r| r.as_ref().is_ok_and(|&c| !c.is_control() || c.is_whitespace()))
            .count();
        // The last unit may be half a surrogate pair cut by the 4 KiB window.
        if texty + 1 >= pairs && head.iter().skip(1 - hi).step_by(2).any(|&b| b != 0) {
            return Some(enc);
        }
    }
    None
}

fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// [`decode`] taking the bytes: valid UTF-8 (the common case) becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Decoded {
    if bom(&bytes).is_none()
        && utf16_without_bom(&bytes).is_none()
        && simdutf8::basic::from_utf8(&bytes).is_ok()
    {
        let text = String::from_utf8(bytes).unwrap_or_default();
        return Decoded { text: clean_controls(text), encoding: UTF_8.name(), warnings: Vec::new() };
    }
    decode(&bytes)
}

/// Decodes bytes to clean text (see the module docs for the order of evidence).
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut warnings = Vec::new();
    let (encoding, body): (&'static Encoding, &[u8]) = if let Some((enc, len)) = bom(bytes) {
        (enc, &bytes[len..])
    } else if let Some(enc) = utf16_without_bom(bytes) {
        // Before UTF-8: Arabic in UTF-16LE is all bytes below 0x80, valid (and wrong) as UTF-8.
        (enc, bytes)
    } else if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        // The common case: valid UTF-8 is taken as it is, without a second validating pass.
        return Decoded { text: clean_controls(text.to_owned()), encoding: UTF_8.name(), warnings };
    } else if let Some(enc) = declared(bytes).filter(|&e| e != UTF_8 || mostly_utf8(bytes)) {
        // A page that says UTF-8 but is not (a template's declaration over legacy text) is guessed.
        (enc, bytes)
    } else if mostly_utf8(bytes) {
        (UTF_8, bytes)
    } else {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(detection_sample(bytes), true);
        (det.guess(None, chardetng::Utf8Detection::Deny), bytes)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(format!("bytes that are not valid {} were replaced with U+FFFD", encoding.name()));
    }
    Decoded { text: clean_controls(text.into_owned()), encoding: encoding.name(), warnings }
}

/// What chardetng is fed: enough of the file to hold 32 KiB of non-ASCII bytes (tens of thousands
/// of letters, far more than a guess needs), at most 1 MiB, ending on an ASCII byte. A page that
/// opens with a long ASCII head is still judged by its text; a long file is not read twice in full.
fn detection_sample(bytes: &[u8]) -> &[u8] {
    const NON_ASCII: usize = 32 << 10;
    let head = &bytes[..bytes.len().min(1 << 20)];
    let mut seen = 0;
    let end = head
        .iter()
        .position(|&b| {
            seen += usize::from(b >= 0x80);
            seen >= NON_ASCII
        })
        .map_or(head.len(), |i| i + 1);
    let sample = &head[..end];
    match sample.iter().rposition(u8::is_ascii) {
        Some(i) if end < head.len() => &sample[..=i],
        _ => sample,
    }
}

/// UTF-8 with a few damaged bytes: at least ten valid multi-byte characters per invalid sequence.
/// Legacy Arabic encodings almost never form valid multi-byte UTF-8 sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = &bytes[..bytes.len().min(1 << 20)];
    let (mut good, mut bad) = (0usize, 0usize);
    loop {
        let (valid, err) = match std::str::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => (std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""), Some(e)),
        };
        good += valid.chars().filter(|c| !c.is_ascii()).count();
        match err {
            None => break,
            Some(e) => {
                bad += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[skip.min(rest.len())..];
            }
        }
        if rest.is_empty() {
            break;
        }
        // Settled: even if every byte left were part of a valid two-byte character, the file would
        // not pass (this keeps legacy-encoded files, invalid almost everywhere, from a long walk).
        if bad.saturating_mul(10) > good + rest.len() / 2 {
            return false;
        }
    }
    good >= bad.saturating_mul(10).max(1)
}

/// The encoding named by an HTML `<meta charset>` / `http-equiv` or an XML declaration in the first
/// 4 KiB, if it is one encoding_rs knows. UTF-16 labels are ignored (the bytes are ASCII-compatible).
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(pos) = memchr::memmem::find(&lower[from..], key) {
            let start = from + pos + key.len();
            let rest = &head[start..];
            let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..end])
                && enc != UTF_16LE
                && enc != UTF_16BE
            {
                return Some(enc.output_encoding());
            }
            from = start;
        }
    }
    None
}

/// Makes text safe to store: NUL and C0/C1 controls removed (tab and newline kept, form feed and
/// vertical tab become newlines, NEL a space), `\r\n` and lone `\r` become `\n`. U+2028/U+2029
/// are kept (they may sit inside JSON strings); the parsers treat them as line breaks.
pub fn clean_controls(text: String) -> String {
    if !needs_control_cleaning(text.as_bytes()) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{0b}' | '\u{0c}' => out.push('\n'),
            // NEL may sit inside a JSON string: a space keeps JSON Lines one object a line.
            '\u{85}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

// A byte scan, so that clean text (the common case) is not copied.
fn needs_control_cleaning(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(at) = crate::text::scan::find_byte(b, i, |x| (x < 0x20) | (x == 0x7f) | (x == 0xc2)) {
        match b[at] {
            b'\n' | b'\t' => {}
            0xc2 => {
                if matches!(b.get(at + 1), Some(0x80..=0x9f)) {
                    return true;
                }
            }
            _ => return true,
        }
        i = at + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("\u{feff}سلام".as_bytes());
        assert_eq!((d.text.as_str(), d.encoding), ("سلام", "UTF-8"));
        let d = decode("سلام".as_bytes());
        assert_eq!(d.text, "سلام");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn text_starting_with_mz_is_text_and_an_executable_is_not() {
        assert!(!looks_binary("MZ عنوان\n\nقال الوزير إن الخطة جاهزة.".as_bytes()));
        let mut exe = b"MZ".to_vec();
        exe.resize(0x80, 0x90);
        exe[0x3c] = 0x40;
        exe[0x3d..0x40].fill(0);
        exe[0x40..0x44].copy_from_slice(b"PE\0\0");
        assert!(looks_binary(&exe));
    }

    #[test]
    fn utf16_without_bom_is_detected_not_binary() {
        let text = "خبر عاجل: قال الوزير (2024) إن الخطة جاهزة.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(!looks_binary(&le) && !looks_binary(&be));
        assert_eq!(decode(&le).encoding, "UTF-16LE");
        assert_eq!(decode(&le).text, text);
        assert_eq!(decode(&be).encoding, "UTF-16BE");
        let latin: Vec<u8> = "Breaking news, in English.".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&latin).encoding, "UTF-16LE");
        // Not UTF-16: plain UTF-8 Arabic and ASCII; binary zeros.
        assert_eq!(utf16_without_bom(text.as_bytes()), None);
        assert_eq!(utf16_without_bom(b"plain ASCII text here"), None);
        assert_eq!(utf16_without_bom(&[0u8; 64]), None);
    }

    #[test]
    fn utf8_is_decoded_in_place_without_a_copy() {
        let v = "قال الوزير إن الخطة جاهزة.\n".repeat(100).into_bytes();
        let at = v.as_ptr();
        assert_eq!(decode_owned(v).text.as_ptr(), at);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for u in "خبر عاجل".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).text, "خبر عاجل");
        assert_eq!(decode(&le).encoding, "UTF-16LE");
        assert_eq!(decode(&be).text, "خبر عاجل");
        assert!(!looks_binary(&le));
    }

    #[test]
    fn declared_charset_wins_over_guess() {
        let (bytes, _, _) = encoding_rs::ISO_8859_6.encode("<meta charset=\"iso-8859-6\"><p>مرحبا بكم</p>");
        let d = decode(&bytes);
        assert_eq!(d.encoding, "ISO-8859-6");
        assert!(d.text.contains("مرحبا بكم"));
    }

    /// Undeclared legacy text is guessed from its letters, even behind a long ASCII head and in a
    /// file far larger than the detector's sample; damaged UTF-8 stays UTF-8.
    #[test]
    fn legacy_encodings_guessed() {
        let text =
            "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة، وأضاف أن الوفد سيصل غدا.\n";
        let head = format!("<!-- {} -->\n", "x".repeat(300_000));
        for (enc, big) in [(encoding_rs::WINDOWS_1256, false), (encoding_rs::WINDOWS_1256, true)] {
            let body = if big { text.repeat(30_000) } else { text.repeat(3) };
            let full = format!("{head}{body}");
            let (bytes, _, _) = enc.encode(&full);
            let d = decode(&bytes);
            assert_eq!(d.encoding, enc.name(), "big: {big}");
            assert!(d.text.ends_with(text), "big: {big}");
            assert!(d.warnings.is_empty());
        }
        let mut damaged = text.repeat(20).into_bytes();
        damaged[40] = 0xff;
        let d = decode(&damaged);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.warnings.len(), 1);
        assert!(detection_sample(&vec![0xc7; 3 << 20]).len() <= 32 << 10);
    }

    #[test]
    fn a_wrong_utf8_declaration_does_not_win() {
        let page =
            "<meta charset=\"utf-8\"><p>قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(page);
        let d = decode(&bytes);
        assert_eq!((d.text.as_str(), d.encoding), (page, "windows-1256"));
    }

    #[test]
    fn controls_removed_newlines_normalised() {
        assert_eq!(clean_controls("a\0b\r\nc\rd\u{1b}[31me\u{85}f".into()), "ab\nc\nd[31me f");
    }

    #[test]
    fn gzip_is_capped() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&vec![b'a'; 100_000]).unwrap();
        let gz = enc.finish().unwrap();
        assert!(is_gzip(&gz));
        let (out, w) = gunzip(&gz, 1000);
        assert_eq!(out.len(), 1000);
        assert_eq!(w.len(), 1);
        let (out, w) = gunzip(&gz[..gz.len() / 2], 1 << 20);
        assert!(!w.is_empty());
        assert!(out.len() < 100_000);
    }

    #[test]
    fn binary_detected() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0"));
        assert!(looks_binary(&[0u8, 1, 2, 3, 0, 0, 5, 6, 7, 0, 0, 0]));
        assert!(!looks_binary("نص عادي\n".as_bytes()));
    }
}
