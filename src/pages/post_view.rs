//! A single post at `/posts/:slug`.

use std::sync::Arc;

use blog_core::index::{PostIndex, Taxonomy};
use blog_core::markdown::{table_of_contents_when, Heading};
use blog_core::pages::PostProblem;
use blog_core::post::{Post, PostMeta};
use blog_core::routes::{self, under_base};
use blog_core::slug::term_slug;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use crate::api::{self, LoadError, LoadedPost};
use crate::components::author_card::AuthorCard;
use crate::components::comments::Comments;
use crate::components::error_view::ErrorView;
use crate::components::optional_image::OptionalImage;
use crate::components::page_head::PageHead;
use crate::components::post_card::{PostFacts, TermList};
use crate::pages::not_found::NotFound;
use crate::site::{base_path, href, AppState};
use crate::site::{date, fill, text, with_strings};
use blog_core::i18n::{CardWords, Count, Text};

/// Where the post a page shows comes from. Decided in one place ([`source`]) for both the
/// first render and the load, so the two cannot disagree.
enum Source {
    /// The prerendered article, taken over when the app started: put back as it is.
    Adopted(web_sys::Element),
    /// Parsed already in this visit (prefetched or read before): shown at once.
    Loaded(Box<LoadedPost>),
    /// Rendering natively (the prerender): as the build rendered it.
    Rendered(Box<Post>),
    /// None of these: fetched (joining a prefetch already on its way) and parsed.
    Fetch,
}

/// Where the post `slug` comes from.
fn source(site: AppState, slug: &str) -> Source {
    if let Some(article) = site
        .visit()
        .with(|c| c.articles.get(slug).cloned())
        .flatten()
    {
        return Source::Adopted(article);
    }
    if let Some(post) = api::loaded_post(site, slug) {
        return Source::Loaded(Box::new(post));
    }
    match site.prerendered_post(slug) {
        Some(post) => Source::Rendered(Box::new(post)),
        None => Source::Fetch,
    }
}

/// The post as the build rendered it, made ready to show (natively: the prerender).
#[cfg(not(target_arch = "wasm32"))]
fn show_rendered(site: AppState, slug: &str, post: Post) -> Result<LoadedPost, LoadError> {
    let index = site.preloaded_index_for(slug);
    api::finish_post(post, slug, index.as_deref())
}

/// In the browser the app never has a rendered post at hand (pages embed none, and
/// fetched posts go through the post reader).
#[cfg(target_arch = "wasm32")]
fn show_rendered(_: AppState, _: &str, _: Post) -> Result<LoadedPost, LoadError> {
    Err(LoadError::NotFound)
}

/// Loads the post named in the URL and shows it, or says why it cannot.
#[component]
pub fn PostView() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let site = expect_context::<AppState>();
    // Only posts neither loaded nor embedded are fetched. The post's context (its file, the
    // author registry, the posts around it) then comes from the index if it is loaded, else
    // from the post's own small context file: never the whole index, which grows with the
    // blog.
    let post = LocalResource::new(move || {
        let slug = slug.get();
        let fetch = matches!(source(site, &slug), Source::Fetch);
        // Already on its way (the link was pointed at or clicked in a list, which knew the
        // post's file and authors): join that load.
        let requested = api::post_requested(site, &slug);
        let index = site.index_if_loaded();
        async move {
            if !fetch {
                return None;
            }
            if requested {
                return Some(api::load_post(site, &slug, None).await);
            }
            let context = match index {
                Some(index) => Some(index),
                // Without it the file is guessed from the slug, which the build keeps true.
                None => api::load_context(site, &slug).await.ok(),
            };
            Some(api::load_post(site, &slug, context).await)
        }
    });
    let loading = || view! { <p class="loading" aria-busy="true">"Loading post…"</p> };
    move || {
        let slug = slug.get();
        let result = match source(site, &slug) {
            Source::Adopted(article) => {
                let head = site.preloaded_index_for(&slug).and_then(|index| {
                    let meta = index.post(&slug)?.clone();
                    let authors = blog_core::author::resolve(&index.authors, &meta.authors);
                    Some(blog_core::pages::post(&meta, authors))
                });
                return view! { <AdoptedArticle head=head article=article /> }.into_any();
            }
            Source::Loaded(post) => Ok(*post),
            Source::Rendered(post) => show_rendered(site, &slug, *post),
            Source::Fetch => {
                return view! {
                    <Suspense fallback=loading>
                        {move || post.get().map(|result| match result {
                            None => loading().into_any(),
                            Some(result) => view! {
                                <PostResult
                                    result=result
                                    slug=slug.clone()
                                    on_retry=Callback::new(move |_| post.refetch())
                                />
                            }.into_any(),
                        })}
                    </Suspense>
                }
                .into_any()
            }
        };
        view! { <PostResult result=result slug=slug on_retry=Callback::new(|_| ()) /> }.into_any()
    }
}

/// A prerendered article the app took over (a post's or a page's): the same element put
/// back where the view goes (after an empty `<template>` that marks the place), with the
/// document's title and description set from `head`. Its links are routed by the router
/// (which listens to every click on the page).
#[component]
pub(crate) fn AdoptedArticle(
    /// What the document's head says, when known.
    head: Option<blog_core::pages::PageMeta>,
    /// The prerendered `<article>`.
    article: web_sys::Element,
) -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    let site = expect_context::<AppState>();
    let head = head.map(|page| view! { <PageHead page=page /> });
    // Leptos's own node stays where it is (an inert, empty <template>), so the router can put
    // the next page's view before it; the article goes right after it.
    let slot = NodeRef::<leptos::html::Template>::new();
    // Kept in the view's arena: the element is not `Send`, cleanup needs a handle that is.
    let kept = StoredValue::new_local(article);
    slot.on_load(move |placeholder| {
        kept.with_value(|article| {
            let _ = placeholder.after_with_node_1(article);
        });
        // The first time, the reader is put back where they were; later, at the section the
        // address names, if any.
        #[cfg(target_arch = "wasm32")]
        match site.visit().with(|c| c.reader.take()).flatten() {
            Some(reader) => reader.restore(),
            None => scroll_to_hash(),
        }
    });
    // The article is not Leptos's own node: it leaves with the view (and stays in the
    // visit's cache for the reader's return).
    on_cleanup(move || kept.with_value(|article| article.remove()));
    follow_fragment(false);
    view! {
        {head}
        <template node_ref=slot></template>
    }
}

/// A loaded post, or the view that explains why there is none.
#[component]
fn PostResult(
    /// The outcome of loading.
    result: Result<LoadedPost, LoadError>,
    /// The slug asked for.
    slug: String,
    /// Loads the post again.
    on_retry: Callback<()>,
) -> impl IntoView {
    match result {
        Ok(loaded) => view! { <Article loaded=loaded /> }.into_any(),
        Err(LoadError::NotFound) => {
            view! { <NotFound what=fill(Text::NoSuchPost, &[("name", &slug)]) /> }.into_any()
        }
        Err(LoadError::Invalid(e)) => view! {
            <PageHead page=with_strings(|s| blog_core::pages::post_problem(&slug, PostProblem::Unreadable, s)) />
            <ErrorView title=text(Text::PostUnreadable) message=e.to_string() />
        }
        .into_any(),
        Err(e) => view! {
            <PageHead page=with_strings(|s| blog_core::pages::post_problem(&slug, PostProblem::Unavailable, s)) />
            <ErrorView title=text(Text::PostUnavailable) message=e.to_string() on_retry=on_retry />
        }
        .into_any(),
    }
}

/// The post itself.
#[component]
fn Article(loaded: LoadedPost) -> impl IntoView {
    let LoadedPost { post, authors } = loaded;
    let meta = post.meta;
    let base = base_path();
    let page = under_base(&base, &routes::post(&meta.slug));
    let image = lead_image(&meta, &base);
    // Published builds leave expired posts out; while writing, say why this one will go.
    let expired = meta.expires.filter(|e| !e.is_after(&now())).map(|e| {
        view! {
            <p class="notice" role="note">
                {fill(Text::Expired, &[("date", &date(&e))])}
            </p>
        }
    });
    // A description taken from the body is already the article's first words.
    let description = (!post.description_in_body)
        .then(|| view! { <p class="post-description">{meta.description.clone()}</p> });
    let translations = (!meta.translations.is_empty()).then(|| {
        let links = meta
            .translations
            .iter()
            .map(|(lang, slug)| {
                let href = href(&routes::post(slug));
                view! { <li><a href=href hreflang=lang.clone() lang=lang.clone()>{language_name(lang)}</a></li> }
            })
            .collect_view();
        view! { <nav class="translations" aria-label=text(Text::OtherLanguages)><ul>{links}</ul></nav> }
    });
    let toc = contents(&post.headings, meta.toc, &page);
    let cards = authors
        .iter()
        .cloned()
        .map(|a| view! { <AuthorCard author=a.under_base(&base) label=text(Text::AboutTheAuthor) words=with_strings(CardWords::of) /> })
        .collect_view();
    let site = expect_context::<AppState>();
    let slug = meta.slug.clone();
    // Neighbours and related posts: from what the page embedded or the index if loaded,
    // else from the post's context file (already fetched when the post was).
    let known = site
        .preloaded_index_for(&slug)
        .or_else(|| site.index_if_loaded());
    // Fetched only when nothing loaded already knows the posts around this one.
    let needed = known.is_none();
    let context = LocalResource::new({
        let slug = slug.clone();
        move || {
            let slug = slug.clone();
            async move {
                if needed {
                    api::load_context(site, &slug).await.ok()
                } else {
                    None
                }
            }
        }
    });
    let more_reading = move || {
        known
            .clone()
            .or_else(|| context.get().flatten())
            .map(|m| view! { <MoreReading index=m slug=slug.clone() /> })
    };
    // A context file being fetched has a boundary of its own, so the post is on screen
    // meanwhile; what is known already is shown as it is (the prerender renders no
    // boundary's content, only its fallback).
    let more_reading = if needed {
        view! { <Suspense fallback=|| ()>{more_reading}</Suspense> }.into_any()
    } else {
        more_reading.into_any()
    };
    // The post arrives after the page loaded, so the browser could not scroll to a
    // `#section` in the URL itself: scroll at once, the body being in place.
    follow_fragment(true);
    view! {
        <PageHead page=blog_core::pages::post(&meta, authors.clone()) />
        <article class="post" lang=meta.lang.clone()>
            <header class="post-header">
                <h1>{meta.title.clone()}</h1>
                <PostFacts meta=meta.clone() authors=authors base=base.clone() />
                <TermList meta=meta.clone() base=base.clone() />
                {translations}
                {expired}
                {description}
                {image}
            </header>
            {toc}
            <div class="post-body" inner_html=with_strings(|s| s.localize_body(&post.html)) />
            <footer class="post-footer">
                {cards}
                {more_reading}
                <Comments page=page.clone() comments=post.comments mastodon=post.mastodon.clone() />
                <p><a href=crate::site::href(routes::HOME)>{text(Text::AllPostsLink)}</a></p>
            </footer>
        </article>
    }
}

/// A post's or page's lead image, with its caption when it has one.
pub(crate) fn lead_image(meta: &PostMeta, base: &str) -> Option<AnyView> {
    meta.image.as_ref().map(|src| {
        let alt = meta.image_alt.clone().unwrap_or_default();
        let picture = view! {
            <OptionalImage src=under_base(base, src) alt=alt class="post-image" eager=true />
        };
        match meta.image_caption.clone() {
            Some(caption) => view! {
                <figure class="post-figure">{picture}<figcaption>{caption}</figcaption></figure>
            }
            .into_any(),
            None => picture.into_any(),
        }
    })
}

/// The table of contents of a post or page at address `page`, when it asks for one or has
/// enough sections. It nests like the headings: sections, and the subsections under each.
pub(crate) fn contents(headings: &[Heading], toc: Option<bool>, page: &str) -> Option<AnyView> {
    let entries = table_of_contents_when(headings, toc);
    let top = entries.iter().map(|h| h.level).min().unwrap_or(0);
    let mut sections: Vec<(&Heading, Vec<&Heading>)> = Vec::new();
    for heading in entries {
        match sections.last_mut() {
            Some((_, subsections)) if heading.level > top => subsections.push(heading),
            _ => sections.push((heading, Vec::new())),
        }
    }
    // Numbered 1, 1.1, 2…: the list's own numbers would restart at 1 in each sub-list.
    let entry = |h: &Heading, number: String| {
        let href = format!("{page}#{}", h.id);
        view! { <span class="toc-number">{number}</span>" "<a href=href>{h.text.clone()}</a> }
    };
    let toc = sections
        .into_iter()
        .enumerate()
        .map(|(i, (section, subsections))| {
            let inner = (!subsections.is_empty()).then(|| {
                let items = subsections
                    .into_iter()
                    .enumerate()
                    .map(|(j, h)| view! { <li>{entry(h, format!("{}.{}", i + 1, j + 1))}</li> })
                    .collect_view();
                view! { <ol>{items}</ol> }
            });
            view! { <li>{entry(section, (i + 1).to_string())}{inner}</li> }
        })
        .collect::<Vec<_>>();
    (!toc.is_empty()).then(|| {
        view! {
            <nav class="toc" aria-labelledby="toc-title">
                <h2 id="toc-title">{text(Text::Contents)}</h2>
                <ol>{toc}</ol>
            </nav>
        }
        .into_any()
    })
}

/// The current time, for the expiry notice.
fn now() -> blog_core::date::PostDate {
    #[cfg(target_arch = "wasm32")]
    let seconds = (js_sys::Date::now() / 1000.0) as u64;
    #[cfg(not(target_arch = "wasm32"))]
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    blog_core::date::PostDate::from_unix(seconds)
}

/// A language's own name for links to a translation (`zh` → 中文); the code itself for
/// languages not listed.
fn language_name(code: &str) -> String {
    let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    let name = match primary.as_str() {
        "en" => "English",
        "zh" => "中文",
        "ja" => "日本語",
        "ko" => "한국어",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "it" => "Italiano",
        "pt" => "Português",
        "ru" => "Русский",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "tr" => "Türkçe",
        "uk" => "Українська",
        "vi" => "Tiếng Việt",
        "ar" => "العربية",
        "he" => "עברית",
        "hi" => "हिन्दी",
        "und" => "Original",
        _ => return code.to_string(),
    };
    name.to_string()
}

/// The parts of the series a post belongs to, in reading order, and where it stands.
struct SeriesParts {
    name: String,
    posts: Vec<PostMeta>,
    index: usize,
}

impl SeriesParts {
    /// The series of post `slug`, when it has one with more than this post known.
    fn of(index: &PostIndex, slug: &str) -> Option<SeriesParts> {
        let name = index.post(slug)?.series.clone()?;
        let posts: Vec<PostMeta> = index
            .posts_with(Taxonomy::Series, &term_slug(&name))
            .into_iter()
            .cloned()
            .collect();
        let index = posts.iter().position(|p| p.slug == slug)?;
        Some(SeriesParts { name, posts, index })
    }
}

/// Previous and next posts, and related ones, to keep reading.
#[component]
fn MoreReading(
    /// The post index, or the part of it around this post.
    index: Arc<PostIndex>,
    /// The post being read.
    slug: String,
) -> impl IntoView {
    let link = |p: &PostMeta| (href(&routes::post(&p.slug)), p.title.clone());
    let (older, newer) = index.neighbours(&slug);
    let older = older.map(link).map(|(href, title)| {
        view! { <a class="older" href=href rel="prev"><span>{text(Text::PreviousPost)}</span>" "{title}</a> }
    });
    let newer = newer.map(link).map(|(href, title)| {
        view! { <a class="newer" href=href rel="next"><span>{text(Text::NextPost)}</span>" "{title}</a> }
    });
    let series = SeriesParts::of(&index, &slug).map(|parts| {
        let count = parts.posts.len();
        let items = parts
            .posts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let current = (i == parts.index).then_some("page");
                view! { <li><a href=href(&routes::post(&p.slug)) aria-current=current>{p.title.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <nav class="series" aria-labelledby="series-title">
                <h2 id="series-title">
                    {with_strings(|s| s.count(Count::SeriesPart, count as u64, &[("index", &s.number(parts.index as u64 + 1))]))}
                    " "
                    <a href=href(&routes::term(Taxonomy::Series, &parts.name))>{fill(Text::Quoted, &[("name", &parts.name)])}</a>
                </h2>
                <ol>{items}</ol>
            </nav>
        }
    });
    let related = index
        .related(&slug, blog_core::index::RELATED_COUNT)
        .into_iter()
        .map(link)
        .map(|(href, title)| view! { <li><a href=href>{title}</a></li> })
        .collect::<Vec<_>>();
    view! {
        {series}
        <nav class="post-nav" aria-label=text(Text::MorePosts)>
            {older}
            {newer}
        </nav>
        {(!related.is_empty()).then(|| view! {
            <section class="related" aria-labelledby="related-title">
                <h2 id="related-title">{text(Text::RelatedPosts)}</h2>
                <ul>{related}</ul>
            </section>
        })}
    }
}

/// Scrolls to the section the address names whenever its fragment changes (in-page links
/// such as the table of contents and footnotes change only the fragment); `now` also
/// scrolls at once.
fn follow_fragment(now: bool) {
    let location = use_location();
    let _ = Effect::watch(
        move || location.hash.get(),
        move |_, _, _| scroll_to_hash(),
        now,
    );
}

/// Scrolls the element named by the URL's fragment into view, if there is one.
fn scroll_to_hash() {
    if let Some(el) = crate::site::fragment_target() {
        el.scroll_into_view();
    }
}
