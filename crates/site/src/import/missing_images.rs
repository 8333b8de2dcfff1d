//! Local images a post refers to that the site does not have, left out when publishing: a
//! reader then sees the post without a broken-image icon, on the prerendered page and in the
//! app alike, and the build says which file is missing where (`blogtool check` too).

use pulldown_cmark::{Event, Parser, Tag};

use blog_core::markdown;
use blog_core::markdown::LinkContext;
use blog_core::yaml;

/// A local image left out of a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// The site path that does not exist (`/images/not-here.png`).
    pub path: String,
    /// 1-based line of the published text it was on.
    pub line: usize,
}

/// For a local path (not a URL, not a fragment), the site path that is missing: `exists`
/// answers whether a site path such as `/images/x.png` is shipped. Percent-encoded paths
/// name their file (`/images/my%20loaf.png` is `/images/my loaf.png`).
pub fn missing_site_file(url: &str, exists: &dyn Fn(&str) -> bool) -> Option<String> {
    if url.starts_with('#') || url.contains(':') || url.starts_with("//") {
        return None;
    }
    let resolved = LinkContext::for_post("/", "x").resolve(url);
    let path = resolved.split(['#', '?']).next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_or_else(|_| path.to_string(), |decoded| decoded.into_owned());
    (!path.is_empty() && path != "/" && !exists(&path)).then_some(path)
}

/// `text`, a post as `import` publishes it (canonical front matter, then the body), without
/// the local images the site does not have: Markdown images (`![alt](/images/x.png)`, and
/// by reference), `<img>` tags in raw HTML, and the front matter's lead image (with its alt
/// text and caption) and preview image. Everything else is kept byte for byte. Returns the
/// text and what was left out, in order. Line numbers do not change: a removed front matter
/// line, or a tag written over several lines, leaves its line breaks. Text without front
/// matter is returned as it is.
pub fn leave_out_missing_images(
    text: &str,
    exists: &dyn Fn(&str) -> bool,
) -> (String, Vec<LeftOut>) {
    // Most posts have no image at all: no Markdown parse for them (a large blog's build
    // would parse every post three more times).
    let may_have_images = text.contains("![")
        || text.contains("image:")
        || text
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"<img"));
    let Some(split) = blog_core::front_matter::split(text)
        .ok()
        .filter(|_| may_have_images)
    else {
        return (text.to_string(), Vec::new());
    };
    let body_start = text.len() - split.body.len();
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    // What goes (byte ranges of `text`) and what is reported, kept apart: a lead image's
    // report names one line while its alt text and caption lines go too.
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut left_out: Vec<LeftOut> = Vec::new();

    // The lead and preview images: their lines go (an alt text or caption without its image
    // would describe nothing).
    if let Ok(doc) = yaml::parse(split.yaml) {
        let mut drop_keys: Vec<&str> = Vec::new();
        for (key, goes_with) in [
            ("image", &["image", "image_alt", "image_caption"][..]),
            ("og_image", &["og_image"][..]),
        ] {
            let Ok(Some(url)) = doc.text(key) else {
                continue;
            };
            if let Some(path) = missing_site_file(&url, exists) {
                drop_keys.extend(goes_with);
                let line = doc.field(key).map_or(1, |n| n.line) + split.yaml_first_line - 1;
                left_out.push(LeftOut { path, line });
            }
        }
        let mut at = yaml_start;
        for line in split.yaml.split_inclusive('\n') {
            let key = line.split(':').next().unwrap_or_default();
            if drop_keys.contains(&key) {
                cuts.push(at..at + line.len());
            }
            at += line.len();
        }
    }

    let body = split.body;
    let line_at = |offset: usize| text[..offset].matches('\n').count() + 1;
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        if let Event::Start(Tag::Image { dest_url, .. }) = event {
            if let Some(path) = missing_site_file(&dest_url, exists) {
                let range = body_start + range.start..body_start + range.end;
                left_out.push(LeftOut {
                    path,
                    line: line_at(range.start),
                });
                cuts.push(range);
            }
        }
    }
    for reference in markdown::references(body).into_iter().filter(|r| r.image) {
        // Raw HTML's `src=`, where the HTML is as written: its `<img …>` tag goes. Inside a
        // quote or a list, pulldown-cmark's HTML lost each line's `> ` or indent, so the
        // offset can point elsewhere in the file: then the `src` found there must be the
        // same URL, or the image is kept (and shows its alt text if it fails to load).
        let at = reference.offset;
        let Some(path) = missing_site_file(&reference.url, exists) else {
            continue;
        };
        let Some(value) = body
            .get(at..)
            .filter(|rest| {
                rest.get(..4)
                    .is_some_and(|s| s.eq_ignore_ascii_case("src="))
            })
            .and_then(|rest| markdown::attribute_value(&rest[4..]))
        else {
            continue;
        };
        if blog_core::html::decode_entities(value.trim()) != reference.url {
            continue;
        }
        let Some(start) = body[..at].rfind('<') else {
            continue;
        };
        if !body[start..]
            .get(..4)
            .is_some_and(|s| s.eq_ignore_ascii_case("<img"))
        {
            continue;
        }
        let Some(end) = tag_end(body, start) else {
            continue;
        };
        let range = body_start + start..body_start + end;
        left_out.push(LeftOut {
            path,
            line: line_at(range.start),
        });
        cuts.push(range);
    }

    cuts.sort_by_key(|range| (range.start, range.end));
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for range in cuts {
        // Ranges only nest (an image in another image's alt text): the inner one goes with
        // the outer.
        if range.start < from {
            continue;
        }
        out.push_str(&text[from..range.start]);
        out.extend(text[range.clone()].matches('\n'));
        from = range.end;
    }
    out.push_str(&text[from..]);
    left_out.sort_by_key(|l| l.line);
    (out, left_out)
}

/// Where the tag opening at `start` ends (just after its `>`). A quote opens a quoted value
/// only right after `=` (as HTML reads it), so `alt=Bob's` does not swallow the rest.
fn tag_end(html: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    let mut after_equals = false;
    for (i, c) in html[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if after_equals => quote = Some(c),
            (None, '>') => return Some(start + i + 1),
            _ => {}
        }
        if quote.is_none() && !c.is_whitespace() {
            after_equals = c == '=';
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(path: &str) -> bool {
        path == "/images/here.png" || path == "/images/my loaf.png"
    }

    #[test]
    fn leaves_out_every_kind_of_local_image_the_site_does_not_have() {
        // (post, as published, what was left out and on which line)
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, usize)]);
        let cases: &[Case] = &[
            (
                "---\ntitle: \"A\"\n---\n\nBefore.\n\n![Crumb](/images/not-here.png)\n\nAfter.\n",
                "---\ntitle: \"A\"\n---\n\nBefore.\n\n\n\nAfter.\n",
                &[("/images/not-here.png", 7)],
            ),
            (
                "---\ntitle: \"A\"\n---\nKept ![a](/images/here.png), gone ![b](../images/gone.png \"t\").\n",
                "---\ntitle: \"A\"\n---\nKept ![a](/images/here.png), gone .\n",
                &[("/images/gone.png", 4)],
            ),
            (
                "---\ntitle: \"A\"\n---\n![by ref][pic]\n\n[pic]: /images/gone.png\n",
                "---\ntitle: \"A\"\n---\n\n\n[pic]: /images/gone.png\n",
                &[("/images/gone.png", 4)],
            ),
            (
                "---\ntitle: \"A\"\n---\n<figure>\n  <IMG alt=\"x > y\"\n    SRC=\"/images/gone.png\" />\n  <figcaption>Cap</figcaption>\n</figure>\n",
                "---\ntitle: \"A\"\n---\n<figure>\n  \n\n  <figcaption>Cap</figcaption>\n</figure>\n",
                &[("/images/gone.png", 5)],
            ),
            (
                "---\ntitle: \"A\"\nimage: \"/images/gone.png\"\nimage_alt: \"Alt\"\nog_image: \"/images/here.png\"\ntags: [\"a\"]\n---\nBody.\n",
                "---\ntitle: \"A\"\n\n\nog_image: \"/images/here.png\"\ntags: [\"a\"]\n---\nBody.\n",
                &[("/images/gone.png", 3)],
            ),
            (
                "---\ntitle: \"A\"\nog_image: \"/images/gone.png\"\n---\nBody.\n",
                "---\ntitle: \"A\"\n\n---\nBody.\n",
                &[("/images/gone.png", 3)],
            ),
            // Remote images, data: URLs, fragments, pictures that exist and code stay.
            (
                "---\ntitle: \"A\"\nimage: \"https://cdn.example/x.png\"\n---\n![r](https://cdn.example/y.png) ![d](data:image/png;base64,AA==) ![h](/images/here.png)\n\n`![code](/images/gone.png)`\n\n    <img src=\"/images/gone.png\">\n",
                "---\ntitle: \"A\"\nimage: \"https://cdn.example/x.png\"\n---\n![r](https://cdn.example/y.png) ![d](data:image/png;base64,AA==) ![h](/images/here.png)\n\n`![code](/images/gone.png)`\n\n    <img src=\"/images/gone.png\">\n",
                &[],
            ),
            ("No front matter ![x](/images/gone.png)\n", "No front matter ![x](/images/gone.png)\n", &[]),
            // A file name with a space, percent-encoded or written in raw HTML, is the file.
            (
                "---\ntitle: \"A\"\n---\n![a](/images/my%20loaf.png) ![b](</images/my loaf.png>) <img src=\"/images/my loaf.png\"> ![c](/images/my%20loaf%202.png)\n",
                "---\ntitle: \"A\"\n---\n![a](/images/my%20loaf.png) ![b](</images/my loaf.png>) <img src=\"/images/my loaf.png\"> \n",
                &[("/images/my loaf 2.png", 4)],
            ),
        ];
        for (text, want, gone) in cases {
            let (out, left) = leave_out_missing_images(text, &shipped);
            assert_eq!(out, *want, "{text}");
            let left: Vec<(&str, usize)> = left.iter().map(|l| (l.path.as_str(), l.line)).collect();
            assert_eq!(left, *gone, "{text}");
        }
    }

    #[test]
    fn html_in_quotes_and_lists_never_panics_and_never_cuts_the_wrong_tag() {
        for text in [
            "---\ntitle: \"A\"\n---\n> <div>\n> a\n> b\n> é<img src=\"/images/gone.png\">\n",
            "---\ntitle: \"A\"\n---\n- <div>\n  ééé\n  <img src=\"/images/here.png\"><img src=\"/images/gone.png\">\n",
            "---\ntitle: \"A\"\n---\n> <p>\n> <img src=\"/images/here.png\">\n> <img src=\"/images/gone.png\">\n",
        ] {
            let (out, _) = leave_out_missing_images(text, &shipped);
            assert_eq!(
                out.matches("/images/here.png").count(),
                text.matches("/images/here.png").count(),
                "{out}"
            );
        }
    }

    #[test]
    fn an_apostrophe_in_an_unquoted_value_does_not_hide_the_tag_end() {
        let text = "---\ntitle: \"A\"\n---\n<div>\n<img src=\"/images/gone.png\" alt=Bob's>\n</div>\n\nBob's paragraph > here\n";
        let (out, left) = leave_out_missing_images(text, &shipped);
        assert_eq!(
            out,
            "---\ntitle: \"A\"\n---\n<div>\n\n</div>\n\nBob's paragraph > here\n"
        );
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn an_image_inside_a_link_goes_and_the_link_text_stays_readable() {
        let text = "---\ntitle: \"A\"\n---\n[![Logo](/images/gone.png) Home](/)\n";
        let (out, left) = leave_out_missing_images(text, &shipped);
        assert_eq!(out, "---\ntitle: \"A\"\n---\n[ Home](/)\n");
        assert_eq!(left.len(), 1);
    }
}
