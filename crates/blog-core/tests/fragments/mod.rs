//! Fragments that stress each stage of reading a post (front matter fences and YAML,
//! mojibake, Markdown syntax, odd Unicode), and a small seeded generator to draw them with:
//! shared by the tests that generate posts (`never_panics.rs` here and in `crates/site`).

pub(crate) const FRAGMENTS: &[&str] = &[
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
pub(crate) struct XorShift(pub(crate) u64);

impl XorShift {
    pub(crate) fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}
