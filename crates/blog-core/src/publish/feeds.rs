//! Atom 1.0 (RFC 4287), RSS 2.0 and JSON Feed 1.1 feeds with every post's full content, the
//! Atom feeds of each tag, category, series and author, and the date forms they use
//! (RFC 3339, RFC 822).

use super::PublishedSite;
use crate::author::Author;
use crate::date::PostDate;
use crate::html::escape;
use crate::post::PostMeta;
use crate::routes;

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

/// A post ready for the feeds: its index entry, full HTML (links absolute) and authors.
#[derive(Clone, Debug)]
pub struct FeedEntry {
    /// Index entry.
    pub meta: PostMeta,
    /// Full content as HTML; empty in a feed of summaries (a term's or author's).
    pub html: String,
    /// Resolved authors.
    pub authors: Vec<Author>,
}

/// Which feed: its title, the page it follows and its own address (site paths).
#[derive(Clone, Debug)]
pub struct FeedInfo {
    /// The feed's title: the site's name, or the page's title after it.
    pub title: String,
    /// The page the feed follows (`/`, `/tags/rust`).
    pub page: String,
    /// The feed's own address (`/feed.xml`, `/tags/rust/feed.xml`).
    pub feed: String,
}

impl FeedInfo {
    /// The site's own Atom feed.
    pub fn site(site: &PublishedSite) -> FeedInfo {
        FeedInfo {
            title: site.info.title.clone(),
            page: routes::HOME.to_string(),
            feed: routes::ATOM_FEED.to_string(),
        }
    }

    /// The feed of the page titled `title` at `page` that has one ([`routes::page_feed`]):
    /// a term's or an author's.
    pub fn of_page(site: &PublishedSite, title: &str, page: &str) -> Option<FeedInfo> {
        Some(FeedInfo {
            title: format!("{} · {title}", site.info.title),
            page: page.to_string(),
            feed: routes::page_feed(page)?,
        })
    }
}

/// Atom 1.0 feed (RFC 4287) of the site, with every post's full content.
pub fn atom(site: &PublishedSite, entries: &[FeedEntry]) -> String {
    atom_of(site, &FeedInfo::site(site), entries)
}

/// Atom 1.0 feed (RFC 4287) `info` describes; entries without HTML carry their summary only
/// (Hugo's term feeds do the same).
pub fn atom_of(site: &PublishedSite, info: &FeedInfo, entries: &[FeedEntry]) -> String {
    let updated = entries
        .iter()
        .map(|e| e.meta.updated.unwrap_or(e.meta.date))
        .max()
        .map(|d| rfc3339(&d))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        site.info.language,
        escape(&info.title),
        escape(&site.info.description),
        escape(&site.url(&info.page)),
        escape(&site.url(&info.page)),
        escape(&site.url(&info.feed)),
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
            "    <summary>{}</summary>\n",
            escape(&e.meta.description)
        ));
        if !e.html.is_empty() {
            xml.push_str(&format!(
                "    <content type=\"html\">{}</content>\n",
                escape(&e.html)
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// RSS 2.0 feed with every post's full content.
pub fn rss(site: &PublishedSite, entries: &[FeedEntry]) -> String {
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

/// JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>) of the site, with every post's full
/// content: the same entries as [`atom`], for readers that prefer JSON.
pub fn json_feed(site: &PublishedSite, entries: &[FeedEntry]) -> String {
    #[derive(serde::Serialize)]
    struct Feed<'a> {
        version: &'static str,
        title: &'a str,
        home_page_url: String,
        feed_url: String,
        description: &'a str,
        language: &'a str,
        items: Vec<Item<'a>>,
    }
    #[derive(serde::Serialize)]
    struct Item<'a> {
        id: String,
        url: String,
        title: &'a str,
        content_html: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        summary: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        image: Option<String>,
        date_published: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        date_modified: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        authors: Vec<Person<'a>>,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        tags: &'a [String],
    }
    #[derive(serde::Serialize)]
    struct Person<'a> {
        name: &'a str,
        url: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        avatar: Option<String>,
    }
    let items = entries
        .iter()
        .map(|e| {
            let url = site.url(&routes::post(&e.meta.slug));
            Item {
                id: url.clone(),
                url,
                title: &e.meta.title,
                content_html: &e.html,
                summary: &e.meta.description,
                image: e.meta.image.as_ref().map(|i| site.url(i)),
                date_published: rfc3339(&e.meta.date),
                date_modified: e.meta.updated.as_ref().map(rfc3339),
                authors: e
                    .authors
                    .iter()
                    .map(|a| Person {
                        name: &a.name,
                        url: a
                            .website
                            .clone()
                            .unwrap_or_else(|| site.url(&routes::author(&a.id))),
                        avatar: a.avatar.as_ref().map(|i| site.url(i)),
                    })
                    .collect(),
                tags: &e.meta.tags,
            }
        })
        .collect();
    let feed = Feed {
        version: "https://jsonfeed.org/version/1.1",
        title: &site.info.title,
        home_page_url: site.url(routes::HOME),
        feed_url: site.url(routes::JSON_FEED),
        description: &site.info.description,
        language: &site.info.language,
        items,
    };
    // Plain data of strings: serialising it cannot fail.
    serde_json::to_string_pretty(&feed).unwrap_or_default() + "\n"
}
