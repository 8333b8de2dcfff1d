//! Repairs double-encoded UTF-8 ("mojibake"): UTF-8 bytes that were once decoded as Windows-1252.
//!
//! A post saved through a Windows-1252 round trip shows `â€”` where the author wrote `—` and
//! `ðŸ‘‰` for `👉`. The repair works on *segments*: maximal runs of characters that Windows-1252
//! can represent. A segment is rewritten only when it carries the double-encoding signature:
//! re-encoding it as Windows-1252 yields valid UTF-8 that differs from the input (every
//! non-ASCII character in it is part of a well-formed multi-byte sequence), **and** every
//! character that decoding produces is one people write ([`is_likely_text`]: Latin, Greek,
//! Cyrillic, Hebrew, Arabic, Indic, CJK, Hangul, punctuation, symbols, emoji).
//!
//! The second test is what keeps correct text safe. `Spaß—ohne` is, byte for byte, a valid
//! encoding of the N'Ko letter U+07D7, and `CAFÉ…` of U+0245; nobody writes N'Ko or Latin
//! Extended-B through a Windows code page, so those segments stay as they are. Silently
//! corrupting correct text is worse than leaving a rare mojibake, so the rule errs that way.
//! Characters outside Windows-1252 (CJK, Vietnamese tone marks, emoji) end a segment and are
//! never touched.

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
    // A segment is a run of characters that all have a Windows-1252 byte; it ends at a
    // character that has none. ASCII always has one, so only non-ASCII characters are looked
    // at (found by a byte scan), and a segment is decoded only when its bytes can be UTF-8:
    // most posts are mostly ASCII or correct UTF-8, and this runs on every post opened.
    let bytes = text.as_bytes();
    let mut repaired = Repaired::default();
    let mut segment = Segment::new(0);
    let mut at = 0;
    while let Some(offset) = first_non_ascii(&bytes[at..]) {
        // The first non-ASCII byte after ASCII (or after a whole character) starts a
        // character.
        let start = at + offset;
        let Some(c) = text[start..].chars().next() else {
            break;
        };
        at = start + c.len_utf8();
        match cp1252_byte(c) {
            Some(byte) => segment.push(byte, offset > 0),
            None => {
                if segment.may_be_utf8() {
                    repaired.segment(text, segment.start..start);
                }
                segment = Segment::new(at);
            }
        }
    }
    if segment.may_be_utf8() {
        repaired.segment(text, segment.start..text.len());
    }
    repaired.finish(text)
}

/// Where the first non-ASCII byte of `bytes` is. Eight bytes at a time (a byte-by-byte search
/// was a twentieth of the whole pipeline: posts are mostly ASCII).
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut skipped = 0;
    for word in words.by_ref() {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        if word & HIGH_BITS != 0 {
            break;
        }
        skipped += 8;
    }
    bytes[skipped..]
        .iter()
        .position(|b| !b.is_ascii())
        .map(|at| skipped + at)
}

/// A segment being scanned: where it starts, and whether its Windows-1252 bytes can still be
/// UTF-8 (a lead byte followed by the right number of continuation bytes, no ASCII between).
/// Only a filter: a segment that passes is decoded for real.
struct Segment {
    start: usize,
    non_ascii: bool,
    valid: bool,
    continuations: u8,
}

impl Segment {
    fn new(start: usize) -> Segment {
        Segment {
            start,
            non_ascii: false,
            valid: true,
            continuations: 0,
        }
    }

    /// Takes the byte of the next non-ASCII character, `after_ascii` when ASCII came
    /// between it and the one before.
    fn push(&mut self, byte: u8, after_ascii: bool) {
        self.non_ascii = true;
        if after_ascii && self.continuations > 0 {
            self.valid = false;
        }
        if self.continuations > 0 {
            if (0x80..=0xBF).contains(&byte) {
                self.continuations -= 1;
            } else {
                self.valid = false;
            }
            return;
        }
        self.continuations = match byte {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => {
                self.valid = false;
                0
            }
        };
    }

    /// Whether the segment holds non-ASCII text whose bytes can be UTF-8.
    fn may_be_utf8(&self) -> bool {
        self.non_ascii && self.valid && self.continuations == 0
    }
}

/// The repaired text, built only once a segment needs repair: `out` holds `text[..copied]`
/// with its repairs.
#[derive(Default)]
struct Repaired {
    out: Option<String>,
    copied: usize,
}

impl Repaired {
    /// Repairs `text[range]` (one segment) when its Windows-1252 bytes are valid UTF-8 that
    /// reads differently and plausibly.
    fn segment(&mut self, text: &str, range: std::ops::Range<usize>) {
        let original = &text[range.clone()];
        let bytes: Vec<u8> = original.chars().filter_map(cp1252_byte).collect();
        let Ok(decoded) = std::str::from_utf8(&bytes) else {
            return;
        };
        if decoded == original || !is_likely_repair(decoded) {
            return;
        }
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[self.copied..range.start]);
        out.push_str(decoded);
        self.copied = range.end;
    }

    /// The whole text, borrowed when nothing was repaired.
    fn finish(self, text: &str) -> Cow<'_, str> {
        match self.out {
            None => Cow::Borrowed(text),
            Some(mut out) => {
                out.push_str(&text[self.copied..]);
                Cow::Owned(out)
            }
        }
    }
}

/// Whether a segment's decoded text reads as what the author meant: every character is
/// likely text, and a lone letter of a non-Latin alphabet (`Ð—` decodes to `З`) is not taken
/// as a word: real Greek, Cyrillic, Hebrew or Arabic mojibake decodes to several letters.
fn is_likely_repair(decoded: &str) -> bool {
    let mut non_ascii = decoded.chars().filter(|c| !c.is_ascii());
    let first = non_ascii.next();
    let lone = non_ascii.next().is_none();
    decoded.chars().all(is_likely_text)
        && !(lone && first.is_some_and(|c| matches!(u32::from(c), 0x370..=0x6FF)))
}

/// Whether `c` belongs to a block people write text, punctuation or emoji in: the only
/// characters a double-encoding repair may produce. Excluded on purpose (because correct
/// Latin-1 text decodes into them by accident): C1 controls, Latin Extended-B, IPA and
/// modifier letters, combining marks, Armenian, Syriac, Thaana, N'Ko and the other
/// 0x0500–0x08FF scripts a Windows code page never carried, and private use.
fn is_likely_text(c: char) -> bool {
    matches!(u32::from(c),
        0x00..=0x7F            // ASCII
        | 0xA0..=0x17F         // Latin-1 Supplement, Latin Extended-A
        | 0x1A0..=0x1B0        // Vietnamese horned ơ, ư
        | 0x1CD..=0x1DC        // Pinyin tone letters
        | 0x218..=0x21B        // Romanian comma-below letters
        | 0x370..=0x3FF        // Greek
        | 0x400..=0x4FF        // Cyrillic
        | 0x5D0..=0x5EA        // Hebrew letters
        | 0x5B0..=0x5C7        // Hebrew points
        | 0x60C | 0x61B | 0x61F // Arabic comma, semicolon, question mark
        | 0x621..=0x6FF        // Arabic letters, marks and digits
        | 0x900..=0xDFF        // Indic scripts
        | 0xE00..=0xEFF        // Thai, Lao
        | 0x10A0..=0x10FF      // Georgian
        | 0x1E00..=0x1EFF      // Latin Extended Additional (Vietnamese)
        | 0x2000..=0x2BFF      // punctuation, currency, letterlike, arrows, maths, shapes, dingbats
        | 0x2E80..=0x9FFF      // CJK radicals, kana, CJK ideographs
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0xFE00..=0xFE0F      // variation selectors (emoji presentation)
        | 0xFF00..=0xFFEF      // full-width forms
        | 0x1F000..=0x1FAFF    // emoji and pictographs
        | 0x20000..=0x2FFFF    // CJK extensions
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_non_ascii_byte_at_any_offset() {
        for len in 0..20 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = 0xc3;
                }
                let want = (at < len).then_some(at);
                assert_eq!(first_non_ascii(&bytes), want, "len {len}, at {at}");
            }
        }
        assert_eq!(first_non_ascii("ab\u{7f}cdefgh\u{80}".as_bytes()), Some(9));
    }

    /// The repair as first written: every character looked at, every segment decoded. The
    /// fast version must agree with it on everything.
    fn reference_repair(text: &str) -> String {
        let mut out = String::new();
        let mut segment: Vec<u8> = Vec::new();
        let mut seg_start = 0;
        let flush =
            |original: &str, bytes: &[u8], out: &mut String| match std::str::from_utf8(bytes) {
                Ok(decoded) if decoded != original && is_likely_repair(decoded) => {
                    out.push_str(decoded)
                }
                _ => out.push_str(original),
            };
        for (i, c) in text.char_indices() {
            match cp1252_byte(c) {
                Some(b) => segment.push(b),
                None => {
                    flush(&text[seg_start..i], &segment, &mut out);
                    segment.clear();
                    out.push(c);
                    seg_start = i + c.len_utf8();
                }
            }
        }
        flush(&text[seg_start..], &segment, &mut out);
        out
    }

    #[test]
    fn the_fast_repair_agrees_with_the_reference_on_generated_text() {
        // Pieces of real mojibake, correct text in several scripts, and characters with and
        // without a Windows-1252 byte, mixed by a fixed pseudo-random sequence.
        let pieces = [
            "a",
            " ",
            "word ",
            "\n",
            "â€”",
            "â€™",
            "Ã©",
            "Ã",
            "©",
            "é",
            "—",
            "’",
            "中文",
            "ðŸ‘‰",
            "Ð—",
            "Ð",
            "—",
            "Ñ€Ð¸",
            "\u{9d}",
            "€",
            "ž",
            "Â",
            "\u{a0}",
            "🦀",
            "ä",
            "ö",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let text: String = (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(repair_mojibake(&text), reference_repair(&text), "{text:?}");
        }
    }

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
            // Each of these re-encodes to valid UTF-8 of an unlikely script.
            "Spaß—ohne Ende",
            "see you at the CAFÉ…",
            "GRÖßE—",
            "ÀÉ…",
            "Ø—",
            "Ð—the letter eth",
            "1× ±",
        ];
        for input in cases {
            let got = repair_mojibake(input);
            assert!(
                matches!(got, Cow::Borrowed(_)),
                "changed {input:?} to {got:?}"
            );
        }
    }

    /// Correct text in many languages, each checked two ways: left alone as it is, and
    /// repaired exactly after a real double encoding (UTF-8 bytes read as Windows-1252).
    const LANGUAGES: [&str; 24] = [
        "Deutsch: Spaß—ohne Ende, Größe und Übermaß.",
        "Français : « CAFÉ… », déjà vu, l’élève, œuvre.",
        "Español: ¿Qué tal? ¡Año nuevo! Niño, señor.",
        "Português: ação, coração, pão, À noite.",
        "Italiano: perché è così, caffè, città.",
        "Nederlands: één, ruïne, coördinatie.",
        "Svenska: Blåbär, smörgåsbord, Åre.",
        "Dansk: Ærø, søster, Ø—øst.",
        "Íslenska: Þórður, Ð—ð, æðardúnn.",
        "Polski: zażółć gęślą jaźń, Łódź.",
        "Čeština: příliš žluťoučký kůň úpěl ďábelské ódy.",
        "Magyar: árvíztűrő tükörfúrógép, Ő és Ű.",
        "Română: științĂ, țară, împăratul.",
        "Türkçe: çığ, şoför, İstanbul, ılık.",
        "Tiếng Việt: người, được, những, Hà Nội.",
        "Ελληνικά: καλημέρα, Ωραία μέρα — ναι.",
        "Русский: Съешь же ещё этих мягких булок.",
        "Українська: ґанок, їжак, є, Київ.",
        "עברית: שלום עולם, מה נשמע?",
        "العربية: مرحبا بالعالم، كيف حالك؟",
        "हिन्दी: नमस्ते दुनिया, आप कैसे हैं?",
        "中文：你好，世界！這是一個測試。",
        "日本語：こんにちは、世界。「ゆっくり」",
        "한국어: 안녕하세요, 세계! 반갑습니다.",
    ];

    /// What a Windows-1252 round trip does to UTF-8 text.
    fn double_encode(text: &str) -> String {
        text.bytes()
            .map(|b| match b {
                0x80..=0x9F => HIGH[usize::from(b - 0x80)].unwrap_or(char::from(b)),
                _ => char::from(b),
            })
            .collect()
    }

    #[test]
    fn leaves_correct_text_in_many_languages_alone() {
        for text in LANGUAGES {
            assert_eq!(repair_mojibake(text), text, "changed correct text");
        }
    }

    #[test]
    fn repairs_real_double_encoding_in_many_languages() {
        for text in LANGUAGES {
            let broken = double_encode(text);
            assert_ne!(broken, text);
            assert_eq!(repair_mojibake(&broken), text, "did not repair {broken:?}");
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
