//! Every route's page, the redirect pages for old addresses, the feeds and the sitemap:
//! each page is rendered by the app's components with exactly the data it embeds.

use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{anyhow, Context, Result};
use blog_core::author;
use blog_core::date::PostDate;
use blog_core::index::{ListPage, PostIndex, Taxonomy};
use blog_core::pages::{self, PageMeta};
use blog_core::post::Post;
use blog_core::publish::{self, FeedEntry, FeedInfo, PublishedSite};
use blog_core::routes::{self, under_base};
use rayon::prelude::*;
use rustblog::site::{AppStart, Embedded, PageData};

use super::template::Template;
use crate::output::{hash_parts, Output};
use crate::publish::Published;

/// A page in the sitemap: its site path and last change, if known.
type Listed = (String, Option<PostDate>);

/// What was written, for the summary line.
pub(crate) struct Written {
    /// Pages in the sitemap (every page but 404, search and redirects).
    pub(crate) pages: usize,
    /// Posts rendered.
    pub(crate) posts: usize,
}

/// Writes every page of the site, the redirects, feeds (the newest `feed_limit` posts, or
/// all), sitemap and robots.txt, from what was just published (nothing is read back).
pub(crate) fn write_all(
    out: &Output,
    template: &Template,
    site: &PublishedSite,
    published: &Published,
    feed_limit: Option<usize>,
) -> Result<Written> {
    let index = &published.index;
    // Every page knows the blog's pages (the app routes to them without asking).
    let site = &crate::site_pages::with_pages(site, &published.pages);
    // What every page embeds besides its content (the site's settings and address).
    let site_json = serde_json::to_string(&(&site.base, &site.info, site.absolute_base()))
        .map_err(|e| anyhow!("cannot write the site's settings: {e}"))?;
    // `content_id` identifies what `start` gives (the page's embedded content and the post
    // it shows): a page is rendered again only when that, its head or the template changed
    // (`serve` builds again on every save; most pages of a large blog stay the same), and
    // its data is neither cloned nor serialised to find out.
    let page = |meta: PageMeta,
                content_id: u64,
                start: &dyn Fn() -> (Embedded, Option<Post>)|
     -> Result<()> {
        let file = if meta.path == routes::NOT_FOUND {
            out.at(routes::NOT_FOUND_FILE)
        } else {
            out.at(&meta.path).join("index.html")
        };
        let head = format!("{}\n{meta:?}", template.id);
        let inputs = hash_parts(&[
            head.as_bytes(),
            site_json.as_bytes(),
            &content_id.to_le_bytes(),
        ]);
        out.make(&file, inputs, || {
            let (content, rendered) = start();
            let settings = AppStart {
                base: site.base.clone(),
                data: PageData {
                    site: Some(site.info.clone()),
                    site_url: Some(site.absolute_base()),
                    content,
                },
                adopted: None,
                rendered,
            };
            let data = template.data(&settings)?;
            template.render_with(site, &meta, settings, &data)
        })
    };
    // Pages that embed the whole index: the same as `index.json`.
    let with_index = || (Embedded::Index(index.clone()), None);
    let mut sitemap: Vec<Listed> = vec![(
        routes::HOME.to_string(),
        index.posts.first().map(|p| p.date),
    )];

    // The list's pages as publishing cut them (posts/pages/N.json), on every core (a large
    // blog has a thousand); the first is the home page, listed above.
    let lists: Vec<(&ListPage, PageMeta)> = published
        .list_pages
        .iter()
        .map(|list| (list, pages::list(list.number, list.pages, &site.info)))
        .collect();
    sitemap.extend(
        lists
            .iter()
            .filter(|(list, _)| list.number > 1)
            .map(|(_, meta)| (meta.path.clone(), None)),
    );
    lists
        .into_par_iter()
        .map(|(list, meta)| {
            let json = serde_json::to_string(list)
                .map_err(|e| anyhow!("cannot write a page of the list: {e}"))?;
            page(meta, hash_parts(&[json.as_bytes()]), &|| {
                (Embedded::List(list.clone()), None)
            })
        })
        .collect::<Result<()>>()?;
    page(
        pages::not_found(&site.info.strings),
        published.index_id,
        &with_index,
    )?;
    // A shell for shared searches (`/search?q=…`) on hosts without an SPA fallback; kept
    // out of the sitemap, as result pages are not content.
    page(pages::search("", &site.info.strings), 0, &|| {
        (Embedded::Nothing, None)
    })?;

    let total = index.posts.len();
    // Zipped below: a shorter list would leave the last posts without pages.
    anyhow::ensure!(
        published.sources.len() == total
            && published.posts.len() == total
            && published.contexts.len() == total
            && published.context_ids.len() == total,
        "publishing returned {} sources, {} posts and {} contexts for {total} posts",
        published.sources.len(),
        published.posts.len(),
        published.contexts.len()
    );
    let done = AtomicUsize::new(0);
    let in_feeds = feed_limit.unwrap_or(total);
    // Every post's page and, for the newest, its feed entry, on all cores (each page is
    // rendered on its own); the order is kept for the sitemap and the feeds.
    let posts: Vec<Result<(Listed, Option<FeedEntry>)>> = index
        .posts
        .par_iter()
        .zip(&published.sources)
        .zip(&published.posts)
        .zip(&published.contexts)
        .zip(&published.context_ids)
        .enumerate()
        .map(
            |(at, ((((meta, (file, source)), rendered), context), context_id))| {
                if *file != meta.file
                    || rendered.meta.file != meta.file
                    || context.posts.iter().all(|p| p.slug != meta.slug)
                {
                    return Err(anyhow!("{}: published out of order", meta.file));
                }
                let authors = author::resolve(&index.authors, &meta.authors);
                let head = pages::post(meta, authors.clone());
                let listed = (head.path.clone(), Some(meta.updated.unwrap_or(meta.date)));
                // Everything of the post the page shows (headings come from the html), and
                // whether it has expired by now: the page says so, reading the clock.
                let expired = meta
                    .expires
                    .is_some_and(|at| crate::publish::now().is_ok_and(|now| !at.is_after(&now)));
                let shown = format!(
                    "{:?}\n{}\n{:?}\n{:?}\n{expired}",
                    rendered.meta,
                    rendered.description_in_body,
                    rendered.comments,
                    rendered.mastodon
                );
                let content_id = hash_parts(&[
                    &context_id.to_le_bytes(),
                    shown.as_bytes(),
                    rendered.html.as_bytes(),
                ]);
                // The entries around the post as publishing chose them (the page embeds exactly
                // what the app fetches for it), and the post as publishing rendered it: each
                // post is rendered once.
                page(head, content_id, &|| {
                    let embedded = Embedded::Post {
                        slug: meta.slug.clone(),
                        context: context.clone(),
                    };
                    (embedded, Some(rendered.clone()))
                })?;
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                if at >= in_feeds {
                    return Ok((listed, None));
                }
                // Feed readers show content away from the site: links must be absolute.
                let post = Post::parse_at(&meta.file, source, &site.absolute_base())
                    .map_err(|e| anyhow!("{e}"))?;
                let entry = FeedEntry {
                    meta: meta.clone(),
                    html: post.html,
                    authors,
                };
                Ok((listed, Some(entry)))
            },
        )
        .collect();
    let mut feed = Vec::with_capacity(in_feeds.min(total));
    for post in posts {
        let (listed, entry) = post?;
        sitemap.push(listed);
        feed.extend(entry);
    }
    // The blog's pages, before the redirects (an old address never replaces a page).
    for site_page in &published.pages {
        let meta = pages::page(&site_page.link());
        sitemap.push((meta.path.clone(), site_page.post.meta.updated));
        let shown = format!("{:?}\n{}", site_page.post.meta, site_page.post.html);
        page(meta, hash_parts(&[shown.as_bytes()]), &|| {
            let embedded = Embedded::Page {
                path: site_page.path.clone(),
            };
            (embedded, Some(site_page.post.clone()))
        })?;
    }
    write_redirects(out, site, index)?;
    // Term and author pages embed the whole index: each is large on a large blog, so they
    // are rendered on every core too.
    let mut with_index_pages: Vec<PageMeta> = Taxonomy::ALL
        .into_iter()
        .flat_map(|taxonomy| {
            index
                .terms(taxonomy)
                .into_iter()
                .map(move |term| pages::term(taxonomy, &term.name, term.count, &site.info.strings))
        })
        .collect();
    let mut author_ids: Vec<String> = index.authors.iter().map(|a| a.id.clone()).collect();
    for meta in &index.posts {
        for a in author::resolve(&index.authors, &meta.authors) {
            if !author_ids.contains(&a.id) {
                author_ids.push(a.id);
            }
        }
    }
    for id in author_ids {
        let Some(a) = index.author(&id) else {
            continue;
        };
        with_index_pages.push(pages::author(&a, &site.info.strings));
    }
    sitemap.extend(
        with_index_pages
            .iter()
            .map(|meta| (meta.path.clone(), None)),
    );
    with_index_pages
        .par_iter()
        .map(|meta| page(meta.clone(), published.index_id, &with_index))
        .collect::<Result<()>>()?;

    out.write(&out.at(routes::ATOM_FEED), publish::atom(site, &feed))?;
    out.write(&out.at(routes::RSS_FEED), publish::rss(site, &feed))?;
    out.write(&out.at(routes::JSON_FEED), publish::json_feed(site, &feed))?;
    write_page_feeds(out, site, index, &with_index_pages, in_feeds)?;
    out.write(&out.at(routes::SITEMAP), publish::sitemap(site, &sitemap))?;
    out.write(&out.at(routes::ROBOTS), publish::robots(site))?;
    Ok(Written {
        pages: sitemap.len(),
        posts: total,
    })
}

/// The Atom feed of every term's and author's page among `pages`: its newest `limit` posts,
/// each with its summary (the site's feeds carry the full text), at
/// [`routes::page_feed`].
fn write_page_feeds(
    out: &Output,
    site: &PublishedSite,
    index: &PostIndex,
    pages: &[PageMeta],
    limit: usize,
) -> Result<()> {
    pages
        .par_iter()
        .filter_map(|meta| Some((meta, FeedInfo::of_page(site, &meta.title, &meta.path)?)))
        .map(|(meta, info)| {
            let entries: Vec<FeedEntry> = posts_of_page(index, &meta.path)
                .into_iter()
                .take(limit)
                .map(|post| FeedEntry {
                    meta: post.clone(),
                    html: String::new(),
                    authors: author::resolve(&index.authors, &post.authors),
                })
                .collect();
            out.write(&out.at(&info.feed), publish::atom_of(site, &info, &entries))
        })
        .collect()
}

/// The posts a term's or author's page at `path` lists, newest first.
fn posts_of_page<'a>(index: &'a PostIndex, path: &str) -> Vec<&'a blog_core::post::PostMeta> {
    let mut parts = path.trim_matches('/').splitn(2, '/');
    let (Some(first), Some(name)) = (parts.next(), parts.next()) else {
        return Vec::new();
    };
    if first == routes::AUTHORS {
        return index
            .posts
            .iter()
            .filter(|p| {
                author::resolve(&index.authors, &p.authors)
                    .iter()
                    .any(|a| a.id == name)
            })
            .collect();
    }
    let Some(taxonomy) = Taxonomy::ALL.into_iter().find(|t| t.segment() == first) else {
        return Vec::new();
    };
    let mut posts = index.posts_with(taxonomy, name);
    // A series' page lists its parts in reading order; its feed, like every feed, newest
    // first.
    posts.sort_by_key(|post| std::cmp::Reverse(post.date));
    posts
}

/// Large blogs take a while: a progress bar, redrawn at every 5%.
fn progress(done: usize, total: usize) {
    if total >= 200 && done % (total / 20) == 0 {
        let filled = done * 20 / total;
        eprintln!(
            "blogtool: [{}{}] {done}/{total} posts",
            "#".repeat(filled),
            ".".repeat(20 - filled)
        );
    }
}

/// Old addresses (Hugo's `aliases`, Jekyll's `redirect_from` and `permalink`) keep working:
/// each is a small page that sends readers and crawlers to the post. An alias that is not
/// a usable path, or that is already a page, is skipped with a warning.
fn write_redirects(out: &Output, site: &PublishedSite, index: &PostIndex) -> Result<()> {
    // The same old addresses for the app, which follows a link to one without asking the
    // host (hosts with an SPA fallback answer any address).
    let mut followed = publish::Redirects::new();
    for meta in &index.posts {
        let path = routes::post(&meta.slug);
        let (target, canonical) = (under_base(&site.base, &path), site.url(&path));
        for alias in &meta.aliases {
            let Some(file) = publish::alias_file(alias) else {
                eprintln!(
                    "blogtool: alias \"{alias}\" of posts/{} is not a usable path; skipped",
                    meta.file
                );
                continue;
            };
            let file = out.root().join(file);
            if out.has(&file) {
                eprintln!(
                    "blogtool: alias \"{alias}\" of posts/{} is already a page; skipped",
                    meta.file
                );
                continue;
            }
            out.write(
                &file,
                publish::redirect_page(&target, &canonical, &meta.title),
            )?;
            if let Some(key) = publish::redirect_key(alias) {
                followed.insert(key, path.clone());
            }
        }
    }
    let json = serde_json::to_string(&followed).context("cannot write the old addresses")?;
    out.write(
        &out.root()
            .join(routes::REDIRECTS_DATA.trim_start_matches('/')),
        json,
    )
}
