//! The cmark pathological inputs (`../shared/fixtures/pathological-markdown.md`, from cmark's
//! test/pathological_tests.py) and front matter hazards, built in code rather than stored.
//! Shared by the native test (tests/pathological.rs in blog-core) and the browser benchmark
//! (tests/pathological_bench.rs).

/// `(name, post text)` for every case; each is a complete post with front matter.
pub(crate) fn cases() -> Vec<(&'static str, String)> {
    let post = |body: String| format!("---\ntitle: Pathological\ndate: 2025-01-01\n---\n{body}");
    let mut cases = vec![
        (
            "nested strong/emph",
            post(format!(
                "{}b{}",
                "*a **a ".repeat(32_500),
                " a** a*".repeat(32_500)
            )),
        ),
        ("emph closers, no openers", post("a_ ".repeat(32_500))),
        ("emph openers, no closers", post("_a ".repeat(32_500))),
        ("mixed openers", post("*a_ ".repeat(25_000))),
        (
            "mismatched (cmark #389)",
            post(format!(
                "{}{}",
                "*a ".repeat(20_000),
                "_a*_ ".repeat(20_000)
            )),
        ),
        (
            "emph rule of 3",
            post(format!("a**b{}", "c* ".repeat(25_000))),
        ),
        ("link closers, no openers", post("a]".repeat(32_500))),
        ("link openers, no closers", post("[a".repeat(32_500))),
        ("link openers + emph closers", post("[ a_".repeat(25_000))),
        ("pattern [ (](", post("[ (](".repeat(40_000))),
        ("pattern ![[]()", post("![[]()".repeat(160_000))),
        (
            "nested brackets",
            post(format!("{}a{}", "[".repeat(25_000), "]".repeat(25_000))),
        ),
        (
            "nested block quotes",
            post(format!("{}a", "> ".repeat(25_000))),
        ),
        (
            "deeply nested lists",
            post(
                (0..500)
                    .map(|i| format!("{}- a\n", " ".repeat(i)))
                    .collect(),
            ),
        ),
        (
            "empty lines in deep list",
            post(
                (0..30_000)
                    .map(|i| format!("{}- a\n\n", " ".repeat(i % 1000)))
                    .collect(),
            ),
        ),
        (
            "empty lines in deep list in a block quote",
            post(
                (0..30_000)
                    .map(|i| format!("> {}- a\n>\n", " ".repeat(i % 1000)))
                    .collect(),
            ),
        ),
        (
            "emph inside deep block quote",
            post(format!("{}*a*", ">".repeat(100_000))),
        ),
        ("U+0000", post("a\0b\0".repeat(10_000))),
        (
            "backticks",
            post((1..2500).map(|n| format!("e{}", "`".repeat(n))).collect()),
        ),
        ("unclosed links <", post("[a](<b".repeat(30_000))),
        ("unclosed links", post("[a](b".repeat(30_000))),
        (
            "reference collisions",
            post(
                (0..25_000)
                    .map(|i| format!("[{}]: u\n", "a".repeat(i % 50 + 1) + &i.to_string()))
                    .collect::<String>()
                    + "[a1]",
            ),
        ),
        (
            "unclosed comments </ !--",
            post("</".repeat(30_000) + &"!--".repeat(30_000)),
        ),
        ("unclosed comments <!--", post("<!--".repeat(300_000))),
    ];
    for (name, unit) in [
        ("pulldown regression [](", "[]("),
        ("pulldown regression a***", "a***"),
        ("pulldown regression [ (](", "[ (]("),
        ("pulldown regression [*_a", "[*_a"),
        ("pulldown regression a <![CDATA[", "a <![CDATA["),
        ("pulldown regression !-- <", "!-- <"),
    ] {
        let repeat = 128 * 1024 / unit.len();
        cases.push((name, post(unit.repeat(repeat))));
    }
    cases
}

/// Front matter hazards: each must be rejected quickly with a clear error.
pub(crate) fn yaml_hazards() -> Vec<(&'static str, String)> {
    let mut laughs =
        String::from("---\ntitle: T\ndate: 2025-01-01\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        laughs.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    laughs.push_str("---\n");
    vec![
        ("billion laughs", laughs),
        (
            "10,000-deep nesting",
            format!(
                "---\ntitle: T\ndate: 2025-01-01\nx: {}\n---\n",
                "[".repeat(10_000)
            ),
        ),
        (
            "1 MB front matter",
            format!(
                "---\ntitle: T\ndate: 2025-01-01\n{}---\n",
                "k: v\n".repeat(200_000)
            ),
        ),
        (
            "unclosed ---",
            format!(
                "---\ntitle: T\ndate: 2025-01-01\n{}",
                "body line\n".repeat(100_000)
            ),
        ),
    ]
}
