//! HTML text: escaping for element content and attribute values, and decoding character
//! references. Every page, feed, head tag and highlighted code block escapes through here.

/// Appends `text` escaped for HTML or XML element content and double-quoted attribute
/// values: `&`, `<`, `>` and `"` become references; C0 control characters other than tab,
/// newline and carriage return are dropped, as XML 1.0 (the feeds) does not allow them.
pub fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\t' | b'\n' | b'\r' => continue,
            0..=0x1f => "",
            _ => continue,
        };
        // Every byte matched is ASCII, so `i` is on a character boundary.
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// `text` escaped as by [`escape_into`].
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// Appends a URL escaped for an `href` or `src` attribute: characters that are not allowed
/// in a URL are percent-encoded, `&` and `'` become references (CommonMark's reference
/// renderer does the same, through `pulldown-cmark-escape`).
pub fn escape_url_into(out: &mut String, url: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_href(&mut *out, url);
}

/// The named references that matter for URLs (`javascript&colon;`) and text. Others are
/// left as written: escaped again on output, they stay inert.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("colon", ':'),
    ("tab", '\t'),
    ("newline", '\n'),
    ("lpar", '('),
    ("rpar", ')'),
    ("sol", '/'),
    ("period", '.'),
];

/// The character a reference at the start of `text` (which starts with `&`) stands for,
/// and how many bytes it takes. As in browsers, the `;` may be missing (`&#106`, `&colon`);
/// `&#0` and numbers beyond Unicode are U+FFFD. `None` when `text` starts no known reference.
pub fn decode_entity(text: &str) -> Option<(char, usize)> {
    let rest = text.strip_prefix('&')?;
    let run = |s: &str, f: fn(&u8) -> bool| s.bytes().take_while(f).count();
    let (c, len) = match rest.strip_prefix('#') {
        Some(number) => {
            let (digits, radix, prefix) = match number.strip_prefix(['x', 'X']) {
                Some(hex) => (&hex[..run(hex, u8::is_ascii_hexdigit)], 16, 2),
                None => (&number[..run(number, u8::is_ascii_digit)], 10, 1),
            };
            let value = u32::from_str_radix(digits, radix).ok()?;
            let c = char::from_u32(value)
                .filter(|c| *c != '\0')
                .unwrap_or('\u{fffd}');
            (c, prefix + digits.len())
        }
        None => {
            let name = &rest[..run(rest, u8::is_ascii_alphanumeric)];
            let (_, c) = NAMED
                .iter()
                .find(|(known, _)| known.eq_ignore_ascii_case(name))?;
            (*c, name.len())
        }
    };
    let semicolon = usize::from(rest[len..].starts_with(';'));
    Some((c, 1 + len + semicolon))
}

/// `text` with every reference [`decode_entity`] knows decoded; anything else kept.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        let cases = [
            ("plain", "plain"),
            (
                "a < b && c > \"d\"",
                "a &lt; b &amp;&amp; c &gt; &quot;d&quot;",
            ),
            ("it's", "it's"),
            ("tab\there\nnew\rline", "tab\there\nnew\rline"),
            ("bell\u{7}gone\u{0}", "bellgone"),
            ("héllo <ü>", "héllo &lt;ü&gt;"),
        ];
        for (text, want) in cases {
            assert_eq!(escape(text), want, "{text:?}");
        }
    }

    #[test]
    fn decodes_references_as_browsers_do() {
        let cases = [
            ("&amp;&lt;&gt;&quot;&apos;", "&<>\"'"),
            ("&#106;&#x61;&#X76;", "jav"),
            ("javascript&colon;x", "javascript:x"),
            ("&#106avascript", "javascript"),
            ("&AMP;", "&"),
            ("&#0;", "\u{fffd}"),
            ("&#x110000;", "\u{fffd}"),
            ("&#99999999999;", "&#99999999999;"),
            ("&unknown; & &; &#; &", "&unknown; & &; &#; &"),
            ("&nbsp;x", "\u{a0}x"),
            ("日&amp;本", "日&本"),
        ];
        for (text, want) in cases {
            assert_eq!(decode_entities(text), want, "{text:?}");
        }
        assert_eq!(decode_entity("&lt;b"), Some(('<', 4)));
        assert_eq!(decode_entity("&lt"), Some(('<', 3)));
        assert_eq!(decode_entity("x"), None);
    }
}
