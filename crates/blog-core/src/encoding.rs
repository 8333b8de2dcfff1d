//! Repairs double-encoded UTF-8 ("mojibake"): UTF-8 bytes that were once decoded as Windows-1252.
//!
//! A post saved through a Windows-1252 round trip shows `â€”` where the author wrote `—` and
//! `ðŸ‘‰` for `👉`. The repair works on *segments*: maximal runs of characters that Windows-1252
//! can represent. A segment is rewritten only when re-encoding it as Windows-1252 yields valid
//! UTF-8 that differs from the input, i.e. when every non-ASCII character in it is part of a
//! well-formed multi-byte sequence. Correct text fails that test almost always: a lone `é`
//! (byte `E9`) followed by anything but two continuation bytes is invalid UTF-8, and characters
//! outside Windows-1252 (CJK, Vietnamese tone marks, emoji) end a segment and are never touched.

use std::borrow::Cow;

/// The characters Windows-1252 places in bytes 0x80..=0x9F, in order. `None` marks the five
/// bytes the code page leaves undefined; decoders that map them to the C1 control of the same
/// number (as browsers and Python's `errors="surrogateescape"` round-trips do) are handled by
/// [`cp1252_byte`] below.
const HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The Windows-1252 byte that decodes to `c`, if there is one.
fn cp1252_byte(c: char) -> Option<u8> {
    let code = c as u32;
    match code {
        // ASCII and Latin-1 above 0x9F map to themselves.
        0..=0x7F | 0xA0..=0xFF => Some(code as u8),
        // The undefined bytes survive lenient decoders as the C1 control with the same value.
        0x81 | 0x8D | 0x8F | 0x90 | 0x9D => Some(code as u8),
        _ => HIGH
            .iter()
            .position(|&h| h == Some(c))
            .map(|i| 0x80 + i as u8),
    }
}

/// Returns `text` with double-encoded UTF-8 repaired, borrowing when nothing changed.
///
/// ```
/// use blog_core::encoding::repair_mojibake;
/// assert_eq!(repair_mojibake("Pythonâ€”Choosing"), "Python—Choosing");
/// assert_eq!(repair_mojibake("déjà vu"), "déjà vu");
/// ```
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    // Fast path: pure ASCII cannot be mojibake.
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut segment: Vec<u8> = Vec::new();
    let mut seg_start = 0;
    for (i, c) in text.char_indices() {
        match cp1252_byte(c) {
            Some(b) => segment.push(b),
            None => {
                changed |= flush(&text[seg_start..i], &segment, &mut out);
                segment.clear();
                out.push(c);
                seg_start = i + c.len_utf8();
            }
        }
    }
    changed |= flush(&text[seg_start..], &segment, &mut out);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Appends one segment to `out`, repaired when its bytes are valid UTF-8 that reads
/// differently; returns whether it was repaired.
fn flush(original: &str, bytes: &[u8], out: &mut String) -> bool {
    if !original.is_ascii() {
        if let Ok(decoded) = std::str::from_utf8(bytes) {
            if decoded != original {
                out.push_str(decoded);
                return true;
            }
        }
    }
    out.push_str(original);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_double_encoded_punctuation_and_emoji() {
        let cases = [
            (
                "Node.js vs. Pythonâ€”Choosing",
                "Node.js vs. Python—Choosing",
            ),
            ("itâ€™s", "it’s"),
            ("ðŸ‘‰ Explore", "👉 Explore"),
            ("â€œquotedâ€\u{9d}", "“quoted”"),
            ("cafÃ© au lait", "café au lait"),
            ("Ã\u{81}gua", "Água"),
            ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
        ];
        for (input, want) in cases {
            assert_eq!(repair_mojibake(input), want, "input {input:?}");
        }
    }

    #[test]
    fn leaves_correct_text_alone() {
        let cases = [
            "plain ASCII — no, wait, that dash is real",
            "Voilà, un café crème à l’élève français.",
            "Größe, Übermaß, Äpfel und Öl: schön!",
            "Tiếng Việt có dấu: người, được, những.",
            "中文文本不应被改变。",
            "日本語のテキストはそのままです。",
            "Emoji stay: 👉 🎉 ✅ 🇳🇮",
            "Mixed: café 中文 👉 — fine",
            "ÀÉÎÕÜ àéîõü ñ ç ß ø å æ",
            "He said “CAFÉ” and “déjà vu”.",
        ];
        for input in cases {
            let got = repair_mojibake(input);
            assert!(
                matches!(got, Cow::Borrowed(_)),
                "changed {input:?} to {got:?}"
            );
        }
    }

    #[test]
    fn repairs_mojibake_next_to_correct_non_latin_text() {
        // The emoji is correct, the dash is mojibake: segments are repaired independently.
        assert_eq!(
            repair_mojibake("👉 Pythonâ€”Node 中文"),
            "👉 Python—Node 中文"
        );
    }

    #[test]
    fn is_idempotent_on_its_own_output() {
        let once = repair_mojibake("itâ€™s ðŸ‘‰").into_owned();
        assert_eq!(repair_mojibake(&once), once);
    }
}
