//! Whatever a file written for another engine holds, importing it returns a post the
//! browser can parse, or an error: it never panics. Inputs are generated from fragments of
//! every engine's syntax, and the core's own (see `crates/blog-core/tests/fragments`).
// Native only: the import runs when publishing (the workspace is linted for wasm32 too).
#![cfg(not(target_arch = "wasm32"))]

use blog_core::post::Post;

#[path = "../../blog-core/tests/fragments/mod.rs"]
mod fragments;

use fragments::{XorShift, FRAGMENTS};

/// What posts written for other engines hold, for the import that reads them (natively,
/// when publishing).
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
    // Other engines' syntax (issue 27): front matter shapes, kramdown, admonitions,
    // Obsidian, Hexo and Pelican.
    "Title: T\n",
    "Date: 2020-01-01\n",
    "Tags: a; b,\n",
    "    continued\n",
    ";;;\n",
    "{: .prompt-tip }\n",
    "{:.a.b #c k='v' :}",
    "{: width=\"600\"}",
    "{::comment}",
    "{:/comment}",
    "{::options a=\"b\" /}",
    "{:toc}\n",
    "<div markdown=\"1\">\n",
    "</div>\n",
    ":::tip[T]\n",
    "::::\n",
    ":::\n",
    "!!! note \"T\"\n",
    "???+ x\n",
    "> [!faq]- Why\n",
    "> [!x|y]",
    "[[Note]]",
    "[[#h|t]]",
    "![[p.png|300x]]",
    "[[",
    "%%",
    "==m==",
    "{% codeblock lang:py %}\n",
    "{% endcodeblock %}\n",
    "{% blockquote A, B http://x %}\n",
    "{% endblockquote %}\n",
    "{% asset_img a.png 1 \"t\" \"a\" %}",
    "{% post_link x 'y' %}",
    "{% link a http://b %}",
    "{% comment %}",
    "{% endcomment %}",
    "{% include figure image_path=\"/x.png\" %}",
    "{% include embed/video.html src='x' %}",
    "{filename}/x.md",
    "({static}/i.png)",
    "<!-- more -->",
    "{/* truncate */}",
    "{/*",
    "*/}",
    "[[toc]]\n",
    ":+1::-1:",
    // Issue 27's second round: Eleventy's front matter languages, MDX wrappers, code fence
    // annotations, AMS maths, Hugo themes' shortcodes, PyMdown syntax.
    "---js\n",
    "---json\n",
    "{ title: 'T', f: (d) => d, n: [1, {a: `x${y}`}] }\n",
    "const t = \"x\";\n",
    "export let tags = [",
    "<Tabs>\n",
    "  <TabItem value=\"a\" label=\"A\">\n",
    "</TabItem>\n",
    "<Admonition type=\"tip\">",
    "<Badge text=\"b\" />",
    "<YouTube id={\"x\"} />",
    "require('@site/static/a.png').default",
    "```mdx-code-block\n",
    "```js title=\"a.js\" {1,3}\n",
    "```ts [x.ts]\n",
    "```js:title=a.js\n",
    "// highlight-next-line\n",
    "x // [!code ++]\n",
    "# (1)!\n",
    "```math\n",
    "\\begin{align}\n",
    "\\end{align}\n",
    "a &= b \\label{eq:a} \\\\\n",
    "\\tag{A}",
    "\\notag",
    "\\eqref{eq:a}",
    "\\ref{",
    "\\\\(",
    "\\\\[",
    "{{< katex >}}",
    "{{< /katex >}}",
    "{{< math >}}",
    "{{< mermaid >}}\n",
    "{{< /mermaid >}}\n",
    "{{< tabs items=\"a,b\" >}}",
    "{{< tab \"A\" >}}",
    "{{< /tab >}}",
    "{{% details \"D\" open %}}",
    "{{% /details %}}",
    "{{< button href=\"/x\" >}}",
    "{{< /button >}}",
    "=== \"Tab\"\n",
    "    indented\n",
    "++ctrl+c++",
    "^^ins^^",
    "*[HTML]: Hyper\n",
    "{ .md-button }",
    ":material-check:",
    ":(fab fa-x):",
    ":octocat:",
    "<<< @/x.js\n",
    "--8<--\n",
    "{% image \"a.png\", \"b\" %}",
    "{{ '/a/' | url }}",
    "![[clip.mp3]]",
    "[[a\\|b]]",
    "{:ald: .x}\n",
];

#[test]
fn importing_any_generated_file_never_panics() {
    use blog_site::import::{import_all, SourceFile};
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut files = Vec::new();
    for case in 0..3000 {
        let mut text = String::new();
        match case % 7 {
            0 => text.push_str("---\ntitle: T\ndate: 2025-03-15\n---\n"),
            1 => text.push_str("+++\ntitle = \"T\"\ndate = 2025-03-15\n+++\n"),
            2 => text.push_str("{\"title\": \"T\", \"date\": \"2025-03-15\"}\n"),
            3 => text.push_str("Title: T\nDate: 2025-03-15\n\n"),
            4 => text.push_str("title: T\ndate: 2025-03-15\n---\n"),
            5 => text.push_str(";;;\n{\"title\": \"T\"}\n;;;\n"),
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
