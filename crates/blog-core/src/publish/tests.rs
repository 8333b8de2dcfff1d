//! Tests of what a published site carries: addresses, head tags, feeds, sitemap.

use super::*;
use crate::author::Author;
use crate::date::PostDate;
use crate::pages::{PageKind, PageMeta};
use crate::post::Post;

fn site() -> PublishedSite {
    PublishedSite::new("https://user.github.io/ignored/", "blog")
}

#[test]
fn builds_absolute_urls_under_the_prefix() {
    let s = site();
    assert_eq!(s.origin, "https://user.github.io");
    assert_eq!(s.base, "/blog/");
    assert_eq!(s.url("/posts/x"), "https://user.github.io/blog/posts/x");
    assert_eq!(
        s.url("https://cdn.example/a.png"),
        "https://cdn.example/a.png"
    );
    assert_eq!(
        PublishedSite::new("https://example.com", "/").url("/"),
        "https://example.com/"
    );
}

#[test]
fn a_site_url_splits_into_origin_and_path() {
    for (url, origin, path) in [
        (
            "https://you.github.io/blog/",
            "https://you.github.io",
            "/blog",
        ),
        (" https://x.example ", "https://x.example", ""),
        ("https://x.example/", "https://x.example", ""),
        ("https://x.example/a/b//", "https://x.example", "/a/b"),
        ("x.example", "x.example", ""),
    ] {
        assert_eq!(split_site_url(url), (origin, path), "{url}");
    }
    for (base, want) in [
        ("blog", "/blog/"),
        ("", "/"),
        (" /a/b ", "/a/b/"),
        ("/", "/"),
    ] {
        assert_eq!(base_path(base), want, "{base:?}");
    }
}

#[test]
fn old_addresses_become_redirect_files() {
    let cases = [
        (
            "/2019/10/shelf-brackets/",
            Some("2019/10/shelf-brackets/index.html"),
        ),
        (
            "/baking/starter-schedule/",
            Some("baking/starter-schedule/index.html"),
        ),
        ("old-post.html", Some("old-post.html")),
        ("/a/../../etc/passwd", None),
        ("//evil.example/x", None),
        ("https://evil.example/x", None),
        ("/", None),
    ];
    for (alias, want) in cases {
        assert_eq!(alias_file(alias).as_deref(), want, "{alias}");
    }
    let page = redirect_page(
        "/blog/posts/a?b=<c>",
        "https://x.example/blog/posts/a",
        "A & B",
    );
    assert!(page.contains("url=/blog/posts/a?b=&lt;c&gt;"), "{page}");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://x.example/blog/posts/a\">"),
        "{page}"
    );
    assert!(page.contains("<title>A &amp; B</title>"), "{page}");
}

#[test]
fn formats_feed_dates() {
    let d = PostDate::parse("2025-03-15").unwrap();
    assert_eq!(rfc822(&d), "Sat, 15 Mar 2025 00:00:00 +0000");
    assert_eq!(rfc3339(&d), "2025-03-15T00:00:00Z");
    let late = PostDate::parse("2024-11-30 23:30:00 -0500").unwrap();
    assert_eq!(rfc3339(&late), "2024-11-30T23:30:00-05:00");
    assert_eq!(rfc822(&late), "Sun, 01 Dec 2024 04:30:00 +0000");
    let t = PostDate::parse("2024-02-29 13:05").unwrap();
    assert_eq!(rfc822(&t), "Thu, 29 Feb 2024 13:05:00 +0000");
}

fn entry() -> FeedEntry {
    let post = Post::parse_at(
        "x.md",
        "---\ntitle: \"A & B <c>\"\ndate: 2025-03-15\ntags: [rust]\nimage: /images/x.png\n---\nSee ![p](/images/p.png) & [y](y.md).\n",
        &site().absolute_base(),
    )
    .unwrap();
    FeedEntry {
        meta: post.meta,
        html: post.html,
        authors: vec![Author::unregistered("Ann")],
    }
}

#[test]
fn feeds_carry_full_content_with_absolute_links() {
    let atom = atom(&site(), &[entry()]);
    assert!(
        atom.contains("<title>A &amp; B &lt;c&gt;</title>"),
        "{atom}"
    );
    assert!(atom.contains("<id>https://user.github.io/blog/posts/x</id>"));
    assert!(
        atom.contains("src=&quot;https://user.github.io/blog/images/p.png&quot;"),
        "{atom}"
    );
    assert!(
        atom.contains("href=&quot;https://user.github.io/blog/posts/y&quot;"),
        "{atom}"
    );
    let rss = rss(&site(), &[entry()]);
    assert!(rss.contains("<pubDate>Sat, 15 Mar 2025 00:00:00 +0000</pubDate>"));
    assert!(rss.contains("<content:encoded>&lt;p&gt;See"), "{rss}");
}

#[test]
fn the_json_feed_carries_the_same_posts() {
    let json: serde_json::Value = serde_json::from_str(&json_feed(&site(), &[entry()])).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], "https://user.github.io/blog/feed.json");
    assert_eq!(json["home_page_url"], "https://user.github.io/blog/");
    let item = &json["items"][0];
    assert_eq!(item["id"], "https://user.github.io/blog/posts/x");
    assert_eq!(item["title"], "A & B <c>");
    assert_eq!(item["date_published"], "2025-03-15T00:00:00Z");
    assert_eq!(item["image"], "https://user.github.io/blog/images/x.png");
    assert_eq!(item["tags"][0], "rust");
    assert_eq!(item["authors"][0]["name"], "Ann");
    assert!(item["content_html"]
        .as_str()
        .unwrap()
        .contains("src=\"https://user.github.io/blog/images/p.png\""));
    assert!(item.get("date_modified").is_none());
}

#[test]
fn a_term_feed_names_its_page_and_carries_summaries() {
    let info = FeedInfo::of_page(&site(), "Posts tagged #rust", "/tags/rust").unwrap();
    let summary = FeedEntry {
        html: String::new(),
        ..entry()
    };
    let atom = atom_of(&site(), &info, &[summary]);
    assert!(
        atom.contains("<title>Rustblog · Posts tagged #rust</title>"),
        "{atom}"
    );
    assert!(atom.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://user.github.io/blog/tags/rust/feed.xml\"/>"), "{atom}");
    assert!(atom.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://user.github.io/blog/tags/rust\"/>"), "{atom}");
    assert!(atom.contains("<summary>"), "{atom}");
    assert!(!atom.contains("<content"), "{atom}");
    // Its page points readers at it, besides the site's feeds.
    let page = PageMeta {
        path: "/tags/rust".into(),
        title: "Posts tagged #rust".into(),
        description: String::new(),
        image: None,
        kind: PageKind::Website,
    };
    let tags = head_tags(&site(), &page);
    for needle in [
        "href=\"https://user.github.io/blog/tags/rust/feed.xml\"",
        "type=\"application/feed+json\"",
        "href=\"https://user.github.io/blog/feed.xml\"",
    ] {
        assert!(tags.contains(needle), "missing {needle} in {tags}");
    }
}

#[test]
fn head_tags_describe_an_article() {
    let e = entry();
    let tags = head_tags(
        &site(),
        &PageMeta {
            path: "/posts/x".into(),
            title: e.meta.title.clone(),
            description: "Desc \"quoted\"".into(),
            image: e.meta.image.clone(),
            kind: PageKind::Article {
                published: e.meta.date,
                updated: None,
                authors: e.authors.clone(),
                tags: e.meta.tags.clone(),
            },
        },
    );
    for needle in [
        "<link rel=\"canonical\" href=\"https://user.github.io/blog/posts/x\">",
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:image\" content=\"https://user.github.io/blog/images/x.png\">",
        "<meta property=\"article:published_time\" content=\"2025-03-15T00:00:00Z\">",
        "<meta property=\"og:description\" content=\"Desc &quot;quoted&quot;\">",
        "\"@type\":\"BlogPosting\",\"headline\":\"A \\u0026 B \\u003cc\\u003e\"",
    ] {
        assert!(tags.contains(needle), "missing {needle} in {tags}");
    }
}

#[test]
fn sitemap_and_robots_point_at_the_site() {
    let map = sitemap(
        &site(),
        &[
            ("/".into(), None),
            ("/posts/x".into(), PostDate::parse("2025-03-15")),
        ],
    );
    assert!(map.contains(
        "<url><loc>https://user.github.io/blog/posts/x</loc><lastmod>2025-03-15</lastmod></url>"
    ));
    assert_eq!(
        robots(&site()),
        "User-agent: *\nAllow: /\n\nSitemap: https://user.github.io/blog/sitemap.xml\n"
    );
}
