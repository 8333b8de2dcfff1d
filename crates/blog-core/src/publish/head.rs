//! `<head>` tags for link previews and search engines: canonical URL, Open Graph, Twitter
//! card and, for posts, JSON-LD `BlogPosting` (schema.org).

use super::{rfc3339, PublishedSite};
use crate::html::escape;
use crate::pages::{PageKind, PageMeta};
use crate::routes;

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

/// `<head>` tags for link previews and search engines: canonical URL, Open Graph, Twitter
/// card and, for posts, JSON-LD `BlogPosting`.
pub fn head_tags(site: &PublishedSite, page: &PageMeta) -> String {
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
            "<link rel=\"alternate\" type=\"application/feed+json\" title=\"{}\" href=\"{}\">",
            escape(&site.info.title),
            escape(&site.url(routes::JSON_FEED))
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
    // A term's or author's page has a feed of its own, which readers find first.
    if let Some(feed) = super::FeedInfo::of_page(site, &title, &page.path) {
        tags.insert(
            1,
            format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\">",
                escape(&feed.title),
                escape(&site.url(&feed.feed))
            ),
        );
    }
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
