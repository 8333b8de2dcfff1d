//! Whatever text a post holds, parsing returns a post or an error: it never panics (a panic
//! in WASM would take down the whole app). Inputs are generated from fragments that stress
//! each stage: front matter fences and YAML, mojibake, Markdown syntax, odd Unicode.

use blog_core::index::{BuildOptions, PostIndex};
use blog_core::post::Post;

mod fragments;

use fragments::{XorShift, FRAGMENTS};

#[test]
fn parsing_any_generated_post_never_panics() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut sources = Vec::new();
    for case in 0..4000 {
        let mut text = String::new();
        // Half the cases start with a well-formed header so later stages are reached.
        if case % 2 == 0 {
            text.push_str("---\ntitle: T\ndate: 2025-03-15\n---\n");
        }
        for _ in 0..rng.next() % 40 {
            text.push_str(FRAGMENTS[rng.next() % FRAGMENTS.len()]);
        }
        let _ = Post::parse("generated.md", &text);
        sources.push((format!("g{case}.md"), text));
    }
    let manifest = PostIndex::build(&sources, Some("a: {name: A}"), BuildOptions::default());
    // Every file is accounted for: listed, or reported with a reason (no drafts are generated).
    assert_eq!(
        manifest.posts.len() + manifest.problems.len(),
        sources.len()
    );
    assert!(manifest
        .problems
        .iter()
        .all(|p| p.message.starts_with("posts/g")));
}

const HTML_FRAGMENTS: &[&str] = &[
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<script>",
    "</script>",
    "<kbd>",
    "</kbd>",
    "<details open>",
    "</details>",
    "<img src=x onerror=y>",
    "<a href=\"javascript:x\">",
    "<a href=/p>",
    "</a>",
    "<!--",
    "-->",
    "<",
    ">",
    "&amp;",
    "&#x3C;",
    "&lt;",
    "\"",
    "'",
    "text",
    " ",
    "<br/>",
    "<div title='a\"b'>",
    "</div>",
    "<svg>",
    "</svg>",
    "<style>",
    "</style>",
    "&colon;",
    "=",
];

#[test]
fn sanitizing_generated_html_is_stable() {
    let mut rng = XorShift(0xD1B5_4A32_D192_ED03);
    for _ in 0..5000 {
        let mut html = String::new();
        for _ in 0..rng.next() % 30 {
            html.push_str(HTML_FRAGMENTS[rng.next() % HTML_FRAGMENTS.len()]);
        }
        let once = blog_core::sanitize::sanitize_html(&html);
        assert_eq!(
            blog_core::sanitize::sanitize_html(&once),
            once,
            "input {html:?}"
        );
        assert!(
            !once.contains("<script") && !once.contains("onerror"),
            "input {html:?}"
        );
    }
}

#[test]
fn search_never_panics_on_any_text_or_query() {
    use blog_core::search::{
        evaluate, highlight, html_text, parse_query, snippet, IndexBuilder, Shard,
    };
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut texts = Vec::new();
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..rng.next() % 30 {
            let pool = if rng.next() % 2 == 0 {
                FRAGMENTS
            } else {
                HTML_FRAGMENTS
            };
            text.push_str(pool[rng.next() % pool.len()]);
        }
        texts.push(text);
    }
    let mut builder = IndexBuilder::new();
    for text in &texts {
        let mut meta = Post::parse("t.md", "---\ntitle: T\ndate: 2025-03-15\n---\nx\n")
            .unwrap()
            .meta;
        meta.title = text.chars().take(20).collect();
        builder.add(&meta, &html_text(text));
    }
    let built = builder.finish();
    let shards: Vec<Shard> = built
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".txt"))
        .map(|(_, text)| Shard::parse(text).expect("the builder writes valid shards"))
        .collect();
    for (i, text) in texts.iter().enumerate() {
        let query = &texts[(i * 7 + 3) % texts.len()];
        let terms = parse_query(query);
        let _ = evaluate(&built.meta, &terms, |n| shards.get(n));
        let _ = highlight(text, &terms);
        for max in [0, 1, 7, 180] {
            let _ = snippet(text, &terms, max);
        }
        let _ = Shard::parse(text).map(|s| s.get("x"));
    }
}
