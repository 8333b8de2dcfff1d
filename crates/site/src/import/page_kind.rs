//! Which files among the posts their engine published as pages, not posts: an About page
//! copied in with the posts publishes as a page (`/about/`), never as a post dated by its
//! file's time at the top of the list and in the feeds.
//!
//! The signals, each an engine's documented rule:
//! - Jekyll and Hexo: `layout: page` (Jekyll's Minima and most themes ship a `page` layout
//!   for files outside `_posts/`; `hexo new page` writes one), and `layout: about`;
//! - Hugo: `type: page`, or a `menu:` entry in any form (`menu: main`, a list of menus, a
//!   mapping of menus with `weight`): Hugo's menus name pages of the site;
//! - Hugo and Zola: a file without a date beside a section's `_index.md` (the home page's
//!   `content/_index.md` with `content/about.md` beside it);
//! - Pelican: a file under the `pages/` folder (its `PAGE_PATHS` default).

use blog_core::yaml::{Node, Value};

/// Why the file at `path` (under `posts/`, `/`-separated), whose front matter is `doc`, is
/// a page of the blog, in words for a message (`` `layout: page` ``); `None` for a post.
/// `dated` says whether its front matter or file name gave it a date; `exists` answers
/// whether a path under `posts/` is there (section files `_index.md` included).
pub(crate) fn page_signal(
    doc: &Node,
    path: &str,
    dated: bool,
    exists: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let scalar = |key: &str| match doc.get(key).map(|n| &n.value) {
        Some(Value::Scalar(s)) => Some(s.trim().to_string()),
        _ => None,
    };
    if let Some(layout) =
        scalar("layout").filter(|l| ["page", "about"].contains(&l.to_ascii_lowercase().as_str()))
    {
        return Some(format!("`layout: {layout}`"));
    }
    if let Some(kind) = scalar("type").filter(|t| t.eq_ignore_ascii_case("page")) {
        return Some(format!("`type: {kind}`"));
    }
    if doc
        .get("menu")
        .is_some_and(|menu| !matches!(&menu.value, Value::Null))
    {
        return Some("its `menu:` entry".to_string());
    }
    if path.starts_with("pages/") {
        return Some("its folder `pages/` (Pelican's pages)".to_string());
    }
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let section = if dir.is_empty() {
        SECTION_FILE.to_string()
    } else {
        format!("{dir}/{SECTION_FILE}")
    };
    (!dated && exists(&section)).then(|| format!("no date, beside {section} (a section's page)"))
}

/// A page's entry in the header's menu, as its front matter `doc` asks (Hugo's forms:
/// `menu: main`, `menu: [main, footer]`, `menu: {main: {weight: 10, name: Me}}`): its own
/// label if it gives one (the entry's `name`, else `linkTitle`), and its weight (the entry's,
/// else the page's `weight`, else 0). `None` when it is not in the `main` menu.
pub(crate) fn menu_entry(doc: &Node) -> Option<(Option<String>, i64)> {
    let menu = doc.get("menu")?;
    let entry = match &menu.value {
        Value::Scalar(name) if name.trim() == MAIN_MENU => None,
        Value::Seq(names)
            if names
                .iter()
                .any(|n| matches!(&n.value, Value::Scalar(s) if s.trim() == MAIN_MENU)) =>
        {
            None
        }
        Value::Map(_) => Some(menu.get(MAIN_MENU)?),
        _ => return None,
    };
    let text = |node: &Node, key: &str| node.text(key).ok().flatten().filter(|t| !t.is_empty());
    let label = entry
        .and_then(|e| text(e, "name"))
        .or_else(|| text(doc, "linkTitle"));
    let weight = entry
        .and_then(|e| text(e, "weight"))
        .or_else(|| text(doc, "weight"))
        .and_then(|w| w.parse().ok())
        .unwrap_or(0);
    Some((label, weight))
}

/// The menu Hugo themes show in the header.
const MAIN_MENU: &str = "main";

/// Hugo's and Zola's section file, whose folder's undated files are pages.
pub const SECTION_FILE: &str = "_index.md";

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(yaml: &str) -> Node {
        blog_core::yaml::parse(yaml).unwrap()
    }

    #[test]
    fn finds_the_pages_each_engine_publishes() {
        let sections = ["_index.md", "notes/_index.md"];
        let exists = |p: &str| sections.contains(&p);
        let cases: [(&str, &str, bool, Option<&str>); 14] = [
            (
                "title: About\nlayout: page\n",
                "about.md",
                false,
                Some("`layout: page`"),
            ),
            (
                "title: About\nlayout: Page\n",
                "about.md",
                true,
                Some("`layout: Page`"),
            ),
            ("layout: about\n", "me.md", false, Some("`layout: about`")),
            ("layout: post\n", "2024-01-02-x.md", true, None),
            ("layout: single\n", "x.md", true, None),
            ("type: page\n", "about.md", false, Some("`type: page`")),
            ("type: posts\n", "x.md", true, None),
            ("menu: main\n", "about.md", true, Some("its `menu:` entry")),
            (
                "menu:\n  main:\n    weight: 10\n",
                "about.md",
                true,
                Some("its `menu:` entry"),
            ),
            (
                "menu: [main, footer]\n",
                "about.md",
                true,
                Some("its `menu:` entry"),
            ),
            (
                "title: About\n",
                "pages/about.md",
                true,
                Some("its folder `pages/` (Pelican's pages)"),
            ),
            (
                "title: About\n",
                "about.md",
                false,
                Some("no date, beside _index.md (a section's page)"),
            ),
            (
                "title: Notes\n",
                "notes/reading.md",
                false,
                Some("no date, beside notes/_index.md (a section's page)"),
            ),
            ("title: Dated\n", "about.md", true, None),
        ];
        for (yaml, path, dated, want) in cases {
            assert_eq!(
                page_signal(&doc(yaml), path, dated, &exists).as_deref(),
                want,
                "{path}: {yaml}"
            );
        }
        // No section file: an undated post is a post, dated by its file.
        let menus = [
            ("menu: main\n", Some((None, 0))),
            (
                "menu: main\nweight: 3\nlinkTitle: Me\n",
                Some((Some("Me"), 3)),
            ),
            ("menu: [footer, main]\n", Some((None, 0))),
            ("menu: footer\n", None),
            (
                "menu:\n  main:\n    weight: 10\n    name: About me\n",
                Some((Some("About me"), 10)),
            ),
            ("menu:\n  main:\n", Some((None, 0))),
            ("menu:\n  footer:\n    weight: 1\n", None),
            ("title: X\n", None),
        ];
        for (yaml, want) in menus {
            let got = menu_entry(&doc(yaml));
            let got = got.as_ref().map(|(l, w)| (l.as_deref(), *w));
            assert_eq!(got, want, "{yaml}");
        }
        assert_eq!(
            page_signal(&doc("title: X\n"), "x/y.md", false, &exists),
            None
        );
        assert_eq!(page_signal(&doc("menu:\n"), "x.md", true, &|_| false), None);
    }
}
