//! `sitemap.xml` (sitemaps.org protocol) and `robots.txt`.

use super::PublishedSite;
use crate::date::PostDate;
use crate::html::escape;
use crate::routes;

/// `sitemap.xml` listing site paths with their last change, if known.
pub fn sitemap(site: &PublishedSite, pages: &[(String, Option<PostDate>)]) -> String {
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
pub fn robots(site: &PublishedSite) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.url(routes::SITEMAP)
    )
}
