//! Whatever text a post holds, parsing returns a post or an error: it never panics (a panic
//! in WASM would take down the whole app). Inputs are generated from fragments that stress
//! each stage: front matter fences and YAML, mojibake, Markdown syntax, odd Unicode.

use blog_core::index::{BuildOptions, PostIndex};
use blog_core::post::Post;

const FRAGMENTS: &[&str] = &[
    "---\n",
    "...\n",
    "title: T\n",
    "date: 2025-03-15\n",
    "date: 2025-02-30\n",
    "date: 2025-03-15T25:61:00+99:99\n",
    "author: [a, b\n",
    "tags: {x: 1}\n",
    "slug: ../x\n",
    "a: &a [*a]\n",
    "title: *missing\n",
    "draft: maybe\n",
    "title: |\n  multi\n",
    "\t",
    "\u{feff}",
    "\0",
    "\r\n",
    "â€”",
    "ðŸ‘‰",
    "Ã",
    "\u{81}",
    "é",
    "中文",
    "👉🏽",
    "# ",
    "## {#}",
    "{#id .c key=v}",
    "[^1]",
    "[^1]: note\n",
    "| a |\n|---|\n",
    "- [x] ",
    "~~",
    "**",
    "_",
    "`",
    "```\n",
    "<script>",
    "<!--",
    "]]>",
    "[a](javascript:x)",
    "![i](data:image/svg+xml,x)",
    "&#x09;",
    "&amp;",
    "> ",
    "    ",
    "1. ",
    "* * *\n",
    "\n",
    "\n\n",
    "x",
    " ",
    "\u{202e}",
    "\u{200b}",
    "\u{10ffff}",
];

/// A small deterministic generator, so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

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

/// What posts written for other engines hold, for the import that reads them (natively,
/// when publishing).
#[cfg(not(target_arch = "wasm32"))]
const IMPORT_FRAGMENTS: &[&str] = &[
    "+++\n",
    "title = \"T\"\n",
    "date = 2023-03-14T09:30:00+01:00\n",
    "[taxonomies]\n",
    "{\n",
    "}\n",
    "\"title\": \"T\",\n",
    "pubDate: 'Jul 01 2022'\n",
    "image: {src: x}\n",
    "cover:\n  image: y\n",
    "author: {name: N, picture: p}\n",
    "tags: a, b\n",
    "series: [S]\n",
    "aliases: [/a/../b]\n",
    "{{< youtube x >}}",
    "{{% notice %}}",
    "{{% /notice %}}",
    "{{< highlight go >}}\n",
    "{{< /highlight >}}\n",
    "{{< figure src=\"a\" caption=\"c\" >}}",
    "{{< ref \"x.md\" >}}",
    "{{</* x */>}}",
    "{% raw %}",
    "{% endraw %}",
    "{% highlight ruby %}\n",
    "{% endhighlight %}\n",
    "{% post_url 2021-01-01-x %}",
    "{% include x.html %}",
    "{%}",
    "{{}}",
    "{{ site.baseurl }}",
    "{{ youtube(id=\"x\") }}",
    "$",
    "$$\n",
    "$x^2$",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "\\frac{",
    ":tada:",
    ":+1:",
    ":",
    "&eacute;",
    "&",
    "**",
    "，",
    "……",
    "「",
    "```mermaid\n",
    "!> ",
    "?> ",
    "import X from 'y'\n",
    "export const a = 1;\n",
    "<Chart\n",
    "<Chart a={1} />\n",
    "/>\n",
    "](photo.png)",
    "src=\"../x.png\"",
    "[l](other.md#p)",
    "[l](@/blog/x.md)",
    "<iframe src=\"https://www.youtube.com/embed/x\">",
    "<video src=http://x>",
    "<figure>\n  <img\n    src=\"/i.png\"\n",
    "<!--more-->",
    "# Title\n",
];

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn importing_any_generated_file_never_panics() {
    use blog_core::import::{import_all, SourceFile};
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut files = Vec::new();
    for case in 0..3000 {
        let mut text = String::new();
        match case % 4 {
            0 => text.push_str("---\ntitle: T\ndate: 2025-03-15\n---\n"),
            1 => text.push_str("+++\ntitle = \"T\"\ndate = 2025-03-15\n+++\n"),
            2 => text.push_str("{\"title\": \"T\", \"date\": \"2025-03-15\"}\n"),
            _ => {}
        }
        for _ in 0..rng.next() % 40 {
            let fragments = if rng.next() % 2 == 0 {
                IMPORT_FRAGMENTS
            } else {
                FRAGMENTS
            };
            text.push_str(fragments[rng.next() % fragments.len()]);
        }
        let mut bytes = text.into_bytes();
        // Some files are not UTF-8 at all.
        if case % 13 == 0 {
            bytes.push(0xff);
        }
        let dir = ["", "2023/", "bundle/", "你好/"][case % 4];
        let name = [
            "index.md",
            "x.markdown",
            "y.mdx",
            "2021-1-2-z.md",
            "a.zh.md",
        ][case % 5];
        files.push(SourceFile {
            path: format!("{dir}{case}-{name}"),
            bytes,
            modified: Some(1_700_000_000),
        });
    }
    for chunk in files.chunks(100) {
        for post in import_all(chunk, &|p| p.ends_with(".png"))
            .into_iter()
            .flatten()
        {
            // What the import writes is what the browser reads: it must parse.
            let parsed = Post::parse(&post.path, &post.text);
            assert!(
                parsed.is_ok(),
                "{}: {:?}\n{}",
                post.path,
                parsed.err(),
                post.text
            );
        }
    }
}
