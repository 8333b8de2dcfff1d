//! The XSS corpus the browser tests use, through the native pipeline (what prerendered pages
//! and feeds contain): no tag in the output can run script or load from elsewhere.

use blog_core::post::Post;

/// Every `<tag ...>` in `html`, as (tag name, attribute names and values), honouring quotes.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' || !bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let start = j;
            while j < bytes.len() && !matches!(bytes[j], b'=' | b'>' | b' ') {
                j += 1;
            }
            let attr = html[start..j].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                let quote = bytes[j + 1];
                let end = html[j + 2..].find(quote as char).unwrap() + j + 2;
                value = html[j + 2..end].to_string();
                j = end + 1;
            }
            attributes.push((attr, value));
        }
        found.push((name, attributes));
        i = j;
    }
    found
}

#[test]
fn no_vector_survives_the_pipeline() {
    let corpus = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/e2e/fixtures/xss-vectors.txt"
    ))
    .unwrap();
    let vectors: Vec<&str> = corpus.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(vectors.len() >= 100);
    let allowed_tags = [
        "p",
        "a",
        "img",
        "b",
        "i",
        "br",
        "div",
        "ul",
        "li",
        "table",
        "td",
        "tr",
        "kbd",
        "details",
        "summary",
        "span",
        "em",
        "strong",
        "code",
        "h2",
        "sup",
        "del",
        "s",
        "u",
        "small",
        "q",
        // Media players, shown with controls; their URLs pass the same policy as links.
        "video",
        "audio",
        "source",
        "track",
        "picture",
        // MathML Core, for typeset maths; attributes are checked like any other.
        "math",
        "semantics",
        "annotation",
        "mrow",
        "mi",
        "mn",
        "mo",
        "mtext",
        "ms",
        "mspace",
        "msup",
        "msub",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "mover",
        "munder",
        "munderover",
        "mtable",
        "mtr",
        "mtd",
        "mstyle",
        "mpadded",
        "mphantom",
        "merror",
        "mmultiscripts",
        "mprescripts",
    ];
    for vector in vectors {
        for body in [
            vector.to_string(),
            format!("- {vector}\n"),
            format!("text {vector} more"),
        ] {
            let source = format!("---\ntitle: T\ndate: 2025-01-01\n---\n{body}\n");
            let html = Post::parse("x.md", &source).unwrap().html;
            for (tag, attributes) in tags(&html) {
                assert!(
                    allowed_tags.contains(&tag.as_str()),
                    "{vector:?} left <{tag}> in {html}"
                );
                for (attr, value) in attributes {
                    assert!(
                        !attr.starts_with("on") && attr != "style" && attr != "srcdoc",
                        "{vector:?} left {attr} in {html}"
                    );
                    let v = value.trim().to_ascii_lowercase();
                    assert!(
                        !v.starts_with("javascript")
                            && !v.starts_with("vbscript")
                            && !v.starts_with("data:text")
                            && !v.contains("evil.example"),
                        "{vector:?} left {attr}={value} in {html}"
                    );
                }
            }
        }
    }
}
