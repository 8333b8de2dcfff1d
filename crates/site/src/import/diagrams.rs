//! Mermaid diagrams (```` ```mermaid ```` blocks, as Hugo, docsify and Astro plugins draw
//! them): found here, drawn as SVG pictures when publishing (`blogtool`'s `diagrams`, Mermaid
//! in Chromium), and shown as pictures in light and dark, with their source beneath.
//! Pictures need no script and no content-policy exception, so no page downloads any
//! diagram code; a diagram that cannot be drawn stays a readable code block.

use super::body::{Body, ShortcodeUse};

impl Body {
    /// Hugo themes' `{{< mermaid >}}` … `{{< /mermaid >}}` (Blowfish, Congo, LoveIt, DoIt,
    /// FixIt) become ```` ```mermaid ```` blocks, drawn like any other.
    pub(super) fn mermaid_shortcodes(&mut self) {
        self.paired_shortcodes("mermaid", |_, use_| match use_ {
            ShortcodeUse::Block => Some(("```mermaid".into(), "```".into())),
            _ => None,
        });
    }
}

/// One diagram of a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagram {
    /// Its Mermaid source.
    pub source: String,
    /// The code block as written in the post, fences included.
    pub block: String,
    /// The file name its pictures get, from a hash of the source: `diagram-<16 hex>`
    /// (`.svg` for the light theme, `-dark.svg` for the dark one).
    pub name: String,
}

/// Every ```` ```mermaid ```` block in a post's text.
pub fn diagrams(text: &str) -> Vec<Diagram> {
    let mut found = Vec::new();
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        let marker_len = trimmed.len() - trimmed.trim_start_matches(['`', '~']).len();
        if marker_len < 3 || line.len() - line.trim_start().len() > 3 {
            continue;
        }
        let marker = &trimmed[..marker_len];
        if trimmed[marker_len..].split_whitespace().next() != Some("mermaid") {
            continue;
        }
        let mut block = line.to_string();
        let mut source = String::new();
        let mut closed = false;
        for inner in lines.by_ref() {
            block.push_str(inner);
            if inner.trim().starts_with(marker)
                && inner
                    .trim()
                    .trim_start_matches(marker.chars().next().unwrap_or('`'))
                    .is_empty()
            {
                closed = true;
                break;
            }
            source.push_str(inner);
        }
        if closed && !source.trim().is_empty() {
            found.push(Diagram {
                name: format!("diagram-{:016x}", fnv1a(&source)),
                source,
                block,
            });
        }
    }
    found
}

/// The post's text with each drawn diagram shown as its pictures (for the post at
/// `/posts/<slug>`, whose folder holds them), its source kept beneath in a closed
/// disclosure. Diagrams not in `drawn` stay code blocks.
pub fn with_diagrams(text: &str, slug: &str, drawn: &[Diagram]) -> String {
    let mut text = text.to_string();
    for diagram in drawn {
        let alt = "Diagram; its Mermaid source follows";
        let figure = format!(
            "<figure class=\"diagram\"><img class=\"diagram-light\" src=\"{light}\" alt=\"{alt}\"><img class=\"diagram-dark\" src=\"{dark}\" alt=\"{alt}\"></figure>\n<details class=\"diagram-source\"><summary>Diagram source</summary>\n\n{block}\n</details>\n",
            light = blog_core::routes::post_file(slug, &format!("{}.svg", diagram.name)),
            dark = blog_core::routes::post_file(slug, &format!("{}-dark.svg", diagram.name)),
            block = diagram.block.trim_end(),
        );
        text = text.replacen(&diagram.block, &figure, 1);
    }
    text
}

/// FNV-1a, 64 bits: a stable name for a diagram's pictures across builds and platforms.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blowfish's, Congo's and LoveIt's `mermaid` shortcode is a diagram like a block.
    #[test]
    fn hugo_theme_mermaid_shortcode_is_a_diagram() {
        let mut body = Body::new(
            "Before.\n\n{{< mermaid >}}\nflowchart LR\n  A --> B\n{{< /mermaid >}}\n",
            1,
        );
        body.mermaid_shortcodes();
        let text = body.finish().0;
        let found = diagrams(&text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].source, "flowchart LR\n  A --> B\n");
    }

    #[test]
    fn finds_mermaid_blocks_and_shows_drawn_ones_as_pictures() {
        let text = "Intro.\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n```rust\nfn main() {}\n```\n\n~~~ mermaid\npie\n~~~\n";
        let found = diagrams(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].source, "flowchart LR\n  A --> B\n");
        assert_eq!(found[1].source, "pie\n");
        assert_ne!(found[0].name, found[1].name);
        let shown = with_diagrams(text, "post", &found[..1]);
        assert!(
            shown.contains(&format!("src=\"/posts/post/{}.svg\"", found[0].name)),
            "{shown}"
        );
        assert!(
            shown.contains("<summary>Diagram source</summary>\n\n```mermaid\nflowchart LR"),
            "{shown}"
        );
        assert!(
            shown.contains("~~~ mermaid\npie\n~~~"),
            "the other stays code: {shown}"
        );
        let html = blog_core::markdown::render(&shown).html;
        assert!(html.contains("<img class=\"diagram-light\""), "{html}");
        assert!(
            html.contains("<details class=\"diagram-source\">"),
            "{html}"
        );
        assert!(html.contains("language-mermaid"), "{html}");
    }
}
