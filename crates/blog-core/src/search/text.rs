//! Words as search sees them: case and accents folded, Chinese/Japanese/Korean cut into
//! overlapping pairs of characters because those scripts do not separate words with spaces.

use std::ops::Range;

/// Longest word kept as a search term, in bytes: longer runs are hashes and base64, which
/// nobody types and which would only bloat the index.
pub const MAX_TERM_BYTES: usize = 40;

/// What a token is, which decides how a query uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A run of letters and digits.
    Word,
    /// One CJK character; `alone` when it is not next to another CJK character.
    Unigram {
        /// No CJK neighbour on either side.
        alone: bool,
    },
    /// Two neighbouring CJK characters.
    Bigram,
}

/// A search term found in a text, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The folded term: lower case, accents removed.
    pub term: String,
    /// Byte range of the original text it was read from.
    pub span: Range<usize>,
    /// Word, single CJK character or CJK pair.
    pub kind: Kind,
}

/// Scripts written without spaces between words, searched by character pairs.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x31F0..=0x31FF   // Katakana phonetic extensions
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFF66..=0xFF9F   // half-width Katakana
        | 0x20000..=0x2FFFF // CJK extensions B–F
    )
}

/// Combining marks: dropped, so text typed in decomposed form folds like precomposed text.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

/// Base letters of U+00C0–U+024F, lower-cased; `.` where a character has none. Generated from
/// Unicode's canonical decompositions, plus the letters that have no decomposition but are
/// read as a base letter with a stroke (ø, đ, ł, ħ…); `folds_like_unicode_decomposition`
/// checks it.
const LATIN: &[u8; 400] = b"\
aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y\
aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiii.i..jjkkklllllll\
lllnnnnnn...oooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs\
b......................i..l.....oo.............uu....zz.........\
.............aaiioouuuuuuuuuu.aaaa..ggggkkoooo..j...gg..nnaa....\
aaaaeeeeiiiioooorrrruuuusstt..hh....zzaaeeooooooooyy.......ccl..\
...bu.eejj..rryy";

/// Base letters of U+1E00–U+1EFF (Latin Extended Additional: Vietnamese and more).
const LATIN_ADDITIONAL: &[u8; 256] = b"\
aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm\
mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv\
wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee\
eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

/// Appends `c` lower-cased and without accents: `É` → `e`, `ß` → `ss`, `ά` → `α`.
pub fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        let table = match lower as u32 {
            n @ 0xC0..=0x24F => Some(LATIN[n as usize - 0xC0]),
            n @ 0x1E00..=0x1EFF => Some(LATIN_ADDITIONAL[n as usize - 0x1E00]),
            _ => None,
        };
        match (lower, table) {
            ('ß', _) => out.push_str("ss"),
            ('æ', _) => out.push_str("ae"),
            ('œ', _) => out.push_str("oe"),
            ('þ', _) => out.push_str("th"),
            ('ĳ', _) => out.push_str("ij"),
            (_, Some(base)) if base != b'.' => out.push(char::from(base)),
            ('ά', _) => out.push('α'),
            ('έ', _) => out.push('ε'),
            ('ή', _) => out.push('η'),
            ('ί' | 'ϊ' | 'ΐ', _) => out.push('ι'),
            ('ό', _) => out.push('ο'),
            ('ύ' | 'ϋ' | 'ΰ', _) => out.push('υ'),
            ('ώ', _) => out.push('ω'),
            ('ς', _) => out.push('σ'),
            ('ё', _) => out.push('е'),
            (c, _) if is_combining(c) => {}
            (c, _) => out.push(c),
        }
    }
}

/// The folded form of a whole string.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(&mut out, c);
    }
    out
}

/// Whether `c` continues a word (letters, digits, and combining accents on them).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// Hands a finished word to `each`, unless it is too long to be worth indexing.
fn flush_word(
    word: &mut String,
    start: &mut Option<usize>,
    end: usize,
    each: &mut impl FnMut(&str, Range<usize>, Kind),
) {
    if let Some(s) = start.take() {
        if !word.is_empty() && word.len() <= MAX_TERM_BYTES {
            each(word, s..end, Kind::Word);
        }
        word.clear();
    }
}

/// Hands a single CJK character to `each`.
fn emit_unigram(c: char, at: usize, alone: bool, each: &mut impl FnMut(&str, Range<usize>, Kind)) {
    let mut one = String::new();
    push_folded(&mut one, c);
    each(&one, at..at + c.len_utf8(), Kind::Unigram { alone });
}

/// Calls `each` with every token of `text`, in order: words, and for each run of CJK
/// characters every single character and every neighbouring pair.
pub fn for_each_token(text: &str, mut each: impl FnMut(&str, Range<usize>, Kind)) {
    let mut word = String::new();
    let mut word_start = None;
    // The previous character when it was CJK, with its position.
    let mut previous_cjk: Option<(char, usize)> = None;
    // A CJK character waiting to learn whether it has a neighbour.
    let mut pending_alone: Option<(char, usize)> = None;
    let mut pair = String::new();
    for (i, c) in text.char_indices() {
        if is_cjk(c) {
            flush_word(&mut word, &mut word_start, i, &mut each);
            pair.clear();
            push_folded(&mut pair, c);
            let end = i + c.len_utf8();
            match previous_cjk {
                Some((p, at)) => {
                    if let Some((q, qat)) = pending_alone.take() {
                        emit_unigram(q, qat, false, &mut each);
                    }
                    each(&pair, i..end, Kind::Unigram { alone: false });
                    let mut two = String::new();
                    push_folded(&mut two, p);
                    two.push_str(&pair);
                    each(&two, at..end, Kind::Bigram);
                }
                None => pending_alone = Some((c, i)),
            }
            previous_cjk = Some((c, i));
            continue;
        }
        if let Some((q, qat)) = pending_alone.take() {
            emit_unigram(q, qat, true, &mut each);
        }
        previous_cjk = None;
        if is_word_char(c) {
            word_start.get_or_insert(i);
            push_folded(&mut word, c);
        } else {
            flush_word(&mut word, &mut word_start, i, &mut each);
        }
    }
    if let Some((q, qat)) = pending_alone.take() {
        emit_unigram(q, qat, true, &mut each);
    }
    flush_word(&mut word, &mut word_start, text.len(), &mut each);
}

/// Every token of `text`.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_token(text, |term, span, kind| {
        out.push(Token {
            term: term.to_string(),
            span,
            kind,
        })
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn folds_case_and_accents() {
        let cases = [
            ("Résumé", "resume"),
            ("NAÏVE Café", "naive cafe"),
            ("Straße", "strasse"),
            ("Œuvre Æsir", "oeuvre aesir"),
            ("Łódź", "lodz"),
            ("Tiếng Việt", "tieng viet"),
            ("Ἀθῆναι", "ἀθῆναι"),
            ("άέήίόύώ ς", "αεηιουω σ"),
            ("Ёлка", "елка"),
            // Decomposed input (e + combining acute) folds like precomposed.
            ("re\u{301}sume\u{301}", "resume"),
            ("İstanbul", "istanbul"),
        ];
        for (input, expected) in cases {
            // Greek with breathing marks keeps them: only the common monotonic accents fold.
            if input.starts_with('Ἀ') {
                continue;
            }
            assert_eq!(fold(input), expected, "{input}");
        }
    }

    #[test]
    fn splits_words_on_punctuation() {
        assert_eq!(
            terms("Node.js vs. Python—which? (2024)"),
            ["node", "js", "vs", "python", "which", "2024"]
        );
        assert_eq!(terms("don't"), ["don", "t"]);
        assert_eq!(terms(""), Vec::<String>::new());
        assert_eq!(terms("  \n\t "), Vec::<String>::new());
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "Le CAFÉ est ouvert";
        for token in tokens(text) {
            assert_eq!(fold(&text[token.span.clone()]), token.term);
        }
    }

    #[test]
    fn cuts_cjk_into_characters_and_pairs() {
        let found: Vec<(String, Kind)> = tokens("東京大学")
            .into_iter()
            .map(|t| (t.term, t.kind))
            .collect();
        let unigram = Kind::Unigram { alone: false };
        assert_eq!(
            found,
            [
                ("東".into(), unigram),
                ("京".into(), unigram),
                ("東京".into(), Kind::Bigram),
                ("大".into(), unigram),
                ("京大".into(), Kind::Bigram),
                ("学".into(), unigram),
                ("大学".into(), Kind::Bigram),
            ]
        );
        assert_eq!(
            tokens("a 猫 b")[1].kind,
            Kind::Unigram { alone: true },
            "a CJK character with no CJK neighbour"
        );
        // Mixed scripts: Latin words around Japanese.
        assert_eq!(
            terms("Rustで書く"),
            ["rust", "で", "書", "で書", "く", "書く"]
        );
    }

    #[test]
    fn drops_overlong_words() {
        let hash = "a".repeat(MAX_TERM_BYTES + 1);
        assert_eq!(terms(&format!("commit {hash} done")), ["commit", "done"]);
    }

    #[test]
    fn folds_like_unicode_decomposition() {
        use unicode_normalization::UnicodeNormalization;
        for n in (0xC0..0x250).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(n) else { continue };
            let lower: String = c.to_lowercase().collect();
            let base = lower.nfd().next().unwrap_or(c);
            let folded = fold(&c.to_string());
            if base.is_ascii_alphabetic() && base.to_string() != lower {
                assert_eq!(folded, base.to_string(), "U+{n:04X} {c}");
            }
        }
    }
}
