//! What a published site carries besides its pages: link-preview metadata for each page,
//! Atom and RSS feeds, the sitemap and robots.txt. Pure functions of the posts and the
//! site's address, written out by the prerender tool.

use crate::author::Author;
use crate::config::SiteInfo;
use crate::date::PostDate;
use crate::html::escape;
use crate::pages::{PageKind, PageMeta};
use crate::post::PostMeta;
use crate::routes::{self, under_base};

/// The published site: where it is, and what it is called.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteAddress {
    /// Scheme and host, e.g. `https://user.github.io` (no path).
    pub origin: String,
    /// The path prefix, `/` or `/blog/`.
    pub base: String,
    /// Name, description and language from `site.yaml`.
    pub info: SiteInfo,
}

impl SiteAddress {
    /// Builds an address from a site URL and the path prefix. A path in `site_url` is
    /// ignored: the prefix is what the build was made for.
    pub fn new(site_url: &str, base: &str) -> SiteAddress {
        let trimmed = site_url.trim().trim_end_matches('/');
        let origin = match trimmed.find("://") {
            Some(i) => match trimmed[i + 3..].find('/') {
                Some(j) => &trimmed[..i + 3 + j],
                None => trimmed,
            },
            None => trimmed,
        };
        let mut base = base.trim().to_string();
        if !base.starts_with('/') {
            base.insert(0, '/');
        }
        if !base.ends_with('/') {
            base.push('/');
        }
        SiteAddress {
            origin: origin.to_string(),
            base,
            info: SiteInfo::default(),
        }
    }

    /// The same address for a site with these settings.
    pub fn with_info(self, info: SiteInfo) -> SiteAddress {
        SiteAddress { info, ..self }
    }

    /// The path of a site page under the prefix: `/posts/x` → `/blog/posts/x`.
    pub fn path(&self, path: &str) -> String {
        under_base(&self.base, path)
    }

    /// The absolute URL of a site path (or an already absolute URL, unchanged).
    pub fn url(&self, path: &str) -> String {
        if path.contains("://") {
            return path.to_string();
        }
        format!("{}{}", self.origin, self.path(path))
    }

    /// The base path made absolute, for resolving links in feed content.
    pub fn absolute_base(&self) -> String {
        format!("{}{}", self.origin, self.base)
    }
}

/// A JSON string literal, safe to place inside a `<script>` element.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where the redirect page for an old address is written, relative to the site's folder:
/// `/2019/10/x/` → `2019/10/x/index.html`, `/old.html` → `old.html`. `None` for paths
/// that could leave the folder or name nothing (`..`, `//host`, empty, a scheme).
pub fn alias_file(alias: &str) -> Option<String> {
    let path = alias.trim().split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let usable = |p: &&str| {
        *p != "." && *p != ".." && !p.contains(['\\', ':']) && !p.chars().any(char::is_control)
    };
    if parts.is_empty() || path.starts_with("//") || !parts.iter().all(usable) {
        return None;
    }
    let joined = parts.join("/");
    Some(if joined.ends_with(".html") || joined.ends_with(".htm") {
        joined
    } else {
        format!("{joined}/index.html")
    })
}

/// A page that sends readers and crawlers from an old address to the post at `path` (a
/// site path such as `/blog/posts/x`, so it works on any host) whose canonical address is
/// `canonical`: an immediate refresh, a canonical link for search engines, and a link for
/// anyone whose browser does not follow the refresh.
pub fn redirect_page(path: &str, canonical: &str, title: &str) -> String {
    let (path, canonical) = (escape(path), escape(canonical));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta http-equiv=\"refresh\" content=\"0; url={path}\">\n</head>\n<body>\n<p>This post has moved to <a href=\"{path}\">{canonical}</a>.</p>\n</body>\n</html>\n",
        escape(title)
    )
}

/// RFC 3339 form of a post date: the author's time with their offset when they gave one
/// (`2024-11-30T23:30:00-05:00`), otherwise UTC (`2025-03-15T00:00:00Z`).
pub fn rfc3339(date: &PostDate) -> String {
    let minutes = date.minutes.unwrap_or(0);
    let time = format!("{}T{:02}:{:02}:00", date.iso(), minutes / 60, minutes % 60);
    match date.offset.filter(|_| date.minutes.is_some()) {
        Some(off) if off != 0 => {
            let sign = if off < 0 { '-' } else { '+' };
            let off = off.unsigned_abs();
            format!("{time}{sign}{:02}:{:02}", off / 60, off % 60)
        }
        _ => format!("{time}Z"),
    }
}

/// RFC 822 form for RSS, in UTC: `Sat, 15 Mar 2025 00:00:00 +0000`.
pub fn rfc822(date: &PostDate) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let date = date.to_utc();
    // 1970-01-01 was a Thursday.
    let weekday = (date.days_since_epoch() + 3).rem_euclid(7) as usize;
    let minutes = date.minutes.unwrap_or(0);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:00 +0000",
        DAYS[weekday],
        date.day,
        MONTHS[usize::from(date.month - 1)],
        date.year,
        minutes / 60,
        minutes % 60
    )
}

/// `<head>` tags for link previews and search engines: canonical URL, Open Graph, Twitter
/// card and, for posts, JSON-LD `BlogPosting`.
pub fn head_tags(site: &SiteAddress, page: &PageMeta) -> String {
    if page.kind == PageKind::NotFound {
        return "<meta name=\"robots\" content=\"noindex\">".to_string();
    }
    let url = site.url(&page.path);
    let title = if page.title.is_empty() {
        site.info.title.to_string()
    } else {
        page.title.clone()
    };
    let mut tags = vec![
        format!("<link rel=\"canonical\" href=\"{}\">", escape(&url)),
        format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\">",
            escape(&site.info.title),
            escape(&site.url(routes::ATOM_FEED))
        ),
        format!(
            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"{}\">",
            escape(&site.info.title),
            escape(&site.url(routes::RSS_FEED))
        ),
        format!(
            "<meta property=\"og:site_name\" content=\"{}\">",
            escape(&site.info.title)
        ),
        format!(
            "<meta property=\"og:title\" content=\"{}\">",
            escape(&title)
        ),
        format!(
            "<meta property=\"og:description\" content=\"{}\">",
            escape(&page.description)
        ),
        format!("<meta property=\"og:url\" content=\"{}\">", escape(&url)),
        format!(
            "<meta property=\"og:locale\" content=\"{}\">",
            site.info.language
        ),
        format!(
            "<meta name=\"twitter:title\" content=\"{}\">",
            escape(&title)
        ),
        format!(
            "<meta name=\"twitter:description\" content=\"{}\">",
            escape(&page.description)
        ),
    ];
    let image = page.image.as_ref().map(|i| site.url(i));
    match &image {
        Some(image) => {
            tags.push(format!(
                "<meta property=\"og:image\" content=\"{}\">",
                escape(image)
            ));
            tags.push(format!(
                "<meta name=\"twitter:image\" content=\"{}\">",
                escape(image)
            ));
            tags.push("<meta name=\"twitter:card\" content=\"summary_large_image\">".into());
        }
        None => tags.push("<meta name=\"twitter:card\" content=\"summary\">".into()),
    }
    match &page.kind {
        PageKind::NotFound => {}
        PageKind::Website => tags.push("<meta property=\"og:type\" content=\"website\">".into()),
        PageKind::Article {
            published,
            updated,
            authors,
            tags: topics,
        } => {
            tags.push("<meta property=\"og:type\" content=\"article\">".into());
            tags.push(format!(
                "<meta property=\"article:published_time\" content=\"{}\">",
                rfc3339(published)
            ));
            if let Some(updated) = updated {
                tags.push(format!(
                    "<meta property=\"article:modified_time\" content=\"{}\">",
                    rfc3339(updated)
                ));
            }
            for author in authors {
                tags.push(format!(
                    "<meta property=\"article:author\" content=\"{}\">",
                    escape(&author.name)
                ));
            }
            for topic in topics {
                tags.push(format!(
                    "<meta property=\"article:tag\" content=\"{}\">",
                    escape(topic)
                ));
            }
            let people = authors
                .iter()
                .map(|a| {
                    let url = a
                        .website
                        .clone()
                        .unwrap_or_else(|| site.url(&routes::author(&a.id)));
                    format!(
                        "{{\"@type\":\"Person\",\"name\":{},\"url\":{}}}",
                        json_string(&a.name),
                        json_string(&url)
                    )
                })
                .collect::<Vec<_>>()
                .join(",");
            let mut ld = format!(
                "{{\"@context\":\"https://schema.org\",\"@type\":\"BlogPosting\",\"headline\":{},\"description\":{},\"url\":{},\"mainEntityOfPage\":{},\"datePublished\":{},\"dateModified\":{},\"author\":[{people}],\"publisher\":{{\"@type\":\"Organization\",\"name\":{}}}",
                json_string(&title),
                json_string(&page.description),
                json_string(&url),
                json_string(&url),
                json_string(&rfc3339(published)),
                json_string(&rfc3339(updated.as_ref().unwrap_or(published))),
                json_string(&site.info.title),
            );
            if let Some(image) = &image {
                ld.push_str(&format!(",\"image\":{}", json_string(image)));
            }
            if !topics.is_empty() {
                ld.push_str(&format!(
                    ",\"keywords\":{}",
                    json_string(&topics.join(", "))
                ));
            }
            ld.push('}');
            tags.push(format!(
                "<script type=\"application/ld+json\">{ld}</script>"
            ));
        }
    }
    tags.join("\n    ")
}

/// A post ready for the feeds: its index entry, full HTML (links absolute) and authors.
#[derive(Clone, Debug)]
pub struct FeedEntry {
    /// Index entry.
    pub meta: PostMeta,
    /// Full content as HTML.
    pub html: String,
    /// Resolved authors.
    pub authors: Vec<Author>,
}

/// Atom 1.0 feed (RFC 4287) with every post's full content.
pub fn atom(site: &SiteAddress, entries: &[FeedEntry]) -> String {
    let updated = entries
        .iter()
        .map(|e| e.meta.updated.unwrap_or(e.meta.date))
        .max()
        .map(|d| rfc3339(&d))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        site.info.language,
        escape(&site.info.title),
        escape(&site.info.description),
        escape(&site.url("/")),
        escape(&site.url("/")),
        escape(&site.url(routes::ATOM_FEED)),
        escape(&site.info.title),
    );
    for e in entries {
        let url = site.url(&routes::post(&e.meta.slug));
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n",
            escape(&e.meta.title),
            escape(&url),
            escape(&url),
            rfc3339(&e.meta.date),
            rfc3339(&e.meta.updated.unwrap_or(e.meta.date)),
        ));
        for a in &e.authors {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape(&a.name)
            ));
        }
        for tag in &e.meta.tags {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", escape(tag)));
        }
        xml.push_str(&format!(
            "    <summary>{}</summary>\n    <content type=\"html\">{}</content>\n  </entry>\n",
            escape(&e.meta.description),
            escape(&e.html)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// RSS 2.0 feed with every post's full content.
pub fn rss(site: &SiteAddress, entries: &[FeedEntry]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n  <title>{}</title>\n  <link>{}</link>\n  <description>{}</description>\n  <language>{}</language>\n  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(&site.info.title),
        escape(&site.url("/")),
        escape(&site.info.description),
        site.info.language,
        escape(&site.url(routes::RSS_FEED)),
    );
    if let Some(latest) = entries.iter().map(|e| e.meta.date).max() {
        xml.push_str(&format!(
            "  <lastBuildDate>{}</lastBuildDate>\n",
            rfc822(&latest)
        ));
    }
    for e in entries {
        let url = site.url(&routes::post(&e.meta.slug));
        xml.push_str(&format!(
            "  <item>\n    <title>{}</title>\n    <link>{}</link>\n    <guid isPermaLink=\"true\">{}</guid>\n    <pubDate>{}</pubDate>\n    <description>{}</description>\n",
            escape(&e.meta.title),
            escape(&url),
            escape(&url),
            rfc822(&e.meta.date),
            escape(&e.meta.description),
        ));
        for a in &e.authors {
            xml.push_str(&format!(
                "    <dc:creator>{}</dc:creator>\n",
                escape(&a.name)
            ));
        }
        for tag in &e.meta.tags {
            xml.push_str(&format!("    <category>{}</category>\n", escape(tag)));
        }
        xml.push_str(&format!(
            "    <content:encoded>{}</content:encoded>\n  </item>\n",
            escape(&e.html)
        ));
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

/// `sitemap.xml` listing site paths with their last change, if known.
pub fn sitemap(site: &SiteAddress, pages: &[(String, Option<PostDate>)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, changed) in pages {
        xml.push_str(&format!("  <url><loc>{}</loc>", escape(&site.url(path))));
        if let Some(date) = changed {
            xml.push_str(&format!("<lastmod>{}</lastmod>", date.iso()));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt` allowing everything and pointing to the sitemap.
pub fn robots(site: &SiteAddress) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.url(routes::SITEMAP)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::Post;

    fn site() -> SiteAddress {
        SiteAddress::new("https://user.github.io/ignored/", "blog")
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
            SiteAddress::new("https://example.com", "/").url("/"),
            "https://example.com/"
        );
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
        assert!(map.contains("<url><loc>https://user.github.io/blog/posts/x</loc><lastmod>2025-03-15</lastmod></url>"));
        assert_eq!(
            robots(&site()),
            "User-agent: *\nAllow: /\n\nSitemap: https://user.github.io/blog/sitemap.xml\n"
        );
    }
}
