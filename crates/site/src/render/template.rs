//! The page template: Trunk's `index.html` made into the page every route is rendered into
//! (a loader that starts the app on the reader's first intent, the stylesheet inline, the
//! site's name and language, the content security policy, the service worker), and the
//! rendering of one route into it by the app's own components.
//!
//! Every edit names the text it replaces and fails when that text is missing: an edit that
//! silently did nothing would ship pages without their policy or with the app started early.

use std::path::Path;

use anyhow::{bail, Context, Result};
use blog_core::config::Settings;
use blog_core::html;
use blog_core::i18n::{Strings, Text};
use blog_core::pages::{PageKind, PageMeta};
use blog_core::publish::{self, PublishedSite};
use blog_core::routes;
use blog_core::services::{CommentsSettings, Sources};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use rustblog::site::{AppStart, Embedded};
use rustblog::App;

/// Where the app goes in Trunk's `index.html`.
pub(crate) const APP_SLOT: &str = "<div id=\"app\"></div>";

/// The template every page is rendered into, and the policy it ships with.
pub(crate) struct Template {
    /// The page, with the app's slot empty and no title or description yet.
    pub(crate) html: String,
    /// The content security policy of every page, also written to `_headers`; a post page
    /// showing comments has [`Template::post_policy`] instead.
    pub(crate) policy: String,
    /// The template's own inline scripts and styles (their hashes) and what every page
    /// allows beyond the site (the analytics service): what a post page's policy adds to.
    policy_base: (Vec<String>, Vec<String>, Sources),
    /// The comments settings, and the script element that shows them on post pages.
    comments: Option<(CommentsSettings, String)>,
    /// The analytics service's snippet, the head's last elements (none: empty).
    analytics_html: String,
    /// `html` without its title and `<noscript>`, cut where every page differs: up to
    /// `</head>`, from there to the app's slot, and after it. Cut once, not searched again
    /// for each of thousands of pages.
    parts: [String; 3],
    /// A hash of the template and the site it renders for: a page made from the same data
    /// with the same id is the same page.
    pub(crate) id: u64,
}

/// `text` with its one `from` replaced by `to`; an error naming the missing text otherwise.
pub(crate) fn replace_once(text: &str, from: &str, to: &str) -> Result<String> {
    match text.find(from) {
        Some(at) => Ok(format!("{}{to}{}", &text[..at], &text[at + from.len()..])),
        None => bail!("index.html has no `{from}`; blogtool edits it there"),
    }
}

/// Makes Trunk's `index.html` (`page`, naming its files under the site's base path) into
/// the template for every page, its stylesheet (in `dist`) inline. A `preview`
/// (`blogtool serve`) names no service worker (nothing is cached while writing) and loads
/// the live reload script instead.
pub(crate) fn prepare(
    page: &str,
    dist: &Path,
    site: &PublishedSite,
    settings: &Settings,
    preview: bool,
) -> Result<Template> {
    let theme_css = &settings.theme.css();
    for needed in [APP_SLOT, "<title>", "</title>", "<noscript>", "</noscript>"] {
        if !page.contains(needed) {
            bail!("index.html has no `{needed}`; blogtool renders pages there");
        }
    }
    let page = without_script_comments(&start_after_load(page, &site.info.strings)?);
    let page = inline_stylesheet(&page, dist, &site.base, theme_css)?;
    // The blog's own stylesheet, when it has one, after the engine's: its rules win.
    let page = match custom_stylesheet(dist)? {
        Some(_) => replace_once(
            &page,
            "</style>",
            &format!(
                "</style>\n    <link rel=\"stylesheet\" href=\"{}\">",
                html::escape(&site.path(routes::CUSTOM_CSS))
            ),
        )?,
        None => page,
    };
    // The site's language and name, from site.yaml.
    let page = replace_once(
        &page,
        "<html lang=\"en\">",
        &format!("<html lang=\"{}\">", html::escape(&site.info.language)),
    )?;
    let page = replace_once(
        &page,
        "<title>Rustblog</title>",
        &format!("<title>{}</title>", html::escape(&site.info.title)),
    )?;
    // The blog's own icon, when it names one, in place of the engine's.
    let page = match &settings.favicon {
        Some(icon) => with_favicon(&page, &site.path(icon))?,
        None => page,
    };
    // The analytics service's snippet on every page of a release build (never while
    // writing: a preview's visits are the author's own), last in the head: a post's
    // comments script comes before it, to take a sign-in's session out of the address
    // before any count reports it. An inline call it needs is allowed by its hash.
    let analytics = settings.analytics.as_ref().filter(|_| !preview);
    let analytics_html = analytics
        .map(|a| analytics_snippet(a, site))
        .unwrap_or_default();
    let site_sources = analytics.map(|a| a.sources()).unwrap_or_default();
    let (scripts, styles) = inline_hashes(&format!("{page}{analytics_html}"));
    let policy = policy_text(&scripts, &styles, &site_sources);
    let comments = settings
        .comments
        .clone()
        .map(|comments| {
            let tag = comments_tag(&comments, site)?;
            Ok::<_, anyhow::Error>((comments, tag))
        })
        .transpose()?;
    let page = replace_once(
        &page,
        "<meta charset=\"utf-8\" />",
        &format!(
            "<meta charset=\"utf-8\" />\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />"
        ),
    )?;
    // Pages name the service worker; the loader registers it (only pages of a release build
    // have one, so `blogtool serve` never caches anything). A preview's pages reload
    // themselves when the blog changes, by a script of the server's own (same origin: the
    // policy allows it).
    let head_end = if preview {
        format!(
            "    <script src=\"{}\" defer></script>\n  </head>",
            site.path(routes::LIVE_RELOAD_SCRIPT)
        )
    } else {
        format!(
            "    <meta name=\"service-worker\" content=\"{}\" />\n  </head>",
            site.path(routes::SERVICE_WORKER)
        )
    };
    let page = replace_once(&page, "</head>", &head_end)?;
    let stripped = strip_element(&page, "<title>", "</title>");
    let stripped = strip_element(&stripped, "<noscript>", "</noscript>");
    let (head, body) = stripped
        .split_once("</head>")
        .context("index.html has no `</head>`")?;
    let (before_app, after_app) = body
        .split_once(APP_SLOT)
        .context("index.html has its app slot outside <body>")?;
    let parts = [head, before_app, after_app].map(str::to_string);
    // A post page whose policy stayed the narrow one would block its comments without a
    // word: the head must hold the policy a post page widens.
    if comments.is_some() && !parts[0].contains(&policy) {
        bail!("the page template's head has no policy to widen for comments");
    }
    // Post pages differ with the comments' settings, which the template does not show.
    let id = crate::output::hash(
        format!(
            "{page}\n{site:?}\n{:?}\n{analytics_html}",
            settings.comments
        )
        .as_bytes(),
    );
    Ok(Template {
        html: page,
        policy,
        policy_base: (scripts, styles, site_sources),
        comments,
        analytics_html,
        parts,
        id,
    })
}

/// The analytics service's snippet as its documentation writes it (a script element with
/// its data attributes), and the inline call that counts the app's own navigations when
/// the service does not follow the history itself.
fn analytics_snippet(analytics: &blog_core::services::Analytics, site: &PublishedSite) -> String {
    // A script the site serves itself (a proxy) is under its base path, as its files are.
    let src = if analytics.script.starts_with('/') {
        site.path(&analytics.script)
    } else {
        analytics.script.clone()
    };
    let mut tag = format!("    <script src=\"{}\"", html::escape(&src));
    for (name, value) in &analytics.attributes {
        if value.is_empty() {
            tag.push_str(&format!(" {name}"));
        } else {
            tag.push_str(&format!(" {name}=\"{}\"", html::escape(value)));
        }
    }
    tag.push_str("></script>\n");
    if let Some(call) = analytics.navigation_script() {
        tag.push_str(&format!("    <script>{call}</script>\n"));
    }
    tag
}

/// The element that loads `comments.js` on a post page, its settings in data attributes:
/// the provider, its widget's script and that script's attributes (JSON), and the post
/// reader (for Mastodon replies, which go through its sanitizer).
fn comments_tag(comments: &CommentsSettings, site: &PublishedSite) -> Result<String> {
    let attributes: serde_json::Map<String, serde_json::Value> = comments
        .attributes
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    let attributes =
        serde_json::to_string(&attributes).context("cannot write the comments' settings")?;
    Ok(format!(
        "    <script src=\"{}\" defer data-provider=\"{}\" data-script=\"{}\" data-attributes=\"{}\" data-reader=\"{}\" data-reader-wasm=\"{}\"></script>\n",
        html::escape(&site.path(blog_core::services::COMMENTS_SCRIPT)),
        comments.provider.key(),
        html::escape(&comments.script().unwrap_or_default()),
        html::escape(&attributes),
        html::escape(&site.path(routes::PARSER_SCRIPT)),
        html::escape(&site.path(routes::PARSER_WASM)),
    ))
}

/// JSON for a `<script type="application/json">` element. Every `<` is written `\u003c`
/// (JSON has `<` only inside strings, where the escape means the same): neither `</script>`
/// nor `<!--` in a title or description can end the element early or swallow the page.
pub(crate) fn script_json<T: serde::Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string(value)
        .context("cannot write a page's embedded data")?
        .replace('<', "\\u003c"))
}

impl Template {
    /// The data a page embeds for the app (`<script id="blog-data">`), as JSON.
    pub(crate) fn data(&self, settings: &AppStart) -> Result<String> {
        script_json(&settings.data)
    }

    /// The page for `meta`'s route: the app rendered natively with `settings` into the
    /// slot, the page's title, description and link-preview tags in the head, and `data`
    /// ([`Template::data`]) for the browser app to start from.
    pub(crate) fn render_with(
        &self,
        site: &PublishedSite,
        meta: &PageMeta,
        settings: AppStart,
        data: &str,
    ) -> Result<String> {
        // The app starts on the reader's first intent (`loader.js`) where this page is all
        // there is at its address (`data-path`: a host may answer an unknown address with
        // another page); at once where it is not: search results are found in the browser,
        // and the "not found" page is served at whatever address was missing.
        // A post showing comments loads the script that shows them, and its policy allows
        // that provider (for Mastodon, the post's own server) on this page alone.
        let comments = match (&self.comments, &settings.data.content, &settings.rendered) {
            (Some((comments, tag)), Embedded::Post { .. }, Some(post))
                if comments.shown_for(post.comments, post.mastodon.as_deref()) =>
            {
                Some((
                    self.post_policy(comments, post.mastodon.as_deref()),
                    tag.as_str(),
                ))
            }
            _ => None,
        };
        let app_slot = if matches!(settings.data.content, Embedded::Nothing) {
            // Without the app the page is an empty form: the loader says so if it fails.
            "<div id=\"app\" data-start=\"needed\">".to_string()
        } else if meta.kind == PageKind::NotFound {
            "<div id=\"app\" data-start=\"load\">".to_string()
        } else {
            format!(
                "<div id=\"app\" data-path=\"{}\">",
                html::escape(&site.path(&meta.path))
            )
        };
        let app = Owner::new().with(|| {
            provide_context(RequestUrl::new(&site.path(&meta.path)));
            view! { <App settings=settings /> }.to_html()
        });
        // The document title and description the app sets in the browser, from the same
        // page metadata (`blog_core::pages`).
        let mut head = format!(
            "    <title>{}</title>\n",
            html::escape(&site.info.document_title(&meta.title))
        );
        if !meta.description.is_empty() {
            head.push_str(&format!(
                "    <meta name=\"description\" content=\"{}\">\n",
                html::escape(&meta.description)
            ));
        }
        if let Some((_, tag)) = &comments {
            head.push_str(tag);
        }
        head.push_str(&format!(
            "    {}\n    <script id=\"blog-data\" type=\"application/json\">{data}</script>\n{}  </head>",
            publish::head_tags(site, meta),
            self.analytics_html
        ));
        let [start, before_app, after_app] = &self.parts;
        let own_start;
        let start = match &comments {
            Some((policy, _)) => {
                own_start = start.replacen(&self.policy, policy, 1);
                &own_start
            }
            None => start,
        };
        let mut page = String::with_capacity(
            start.len() + head.len() + before_app.len() + app.len() + after_app.len() + 32,
        );
        for part in [
            start, &head, before_app, &app_slot, &app, "</div>", after_app,
        ] {
            page.push_str(part);
        }
        Ok(page)
    }
}

/// The blog's own stylesheet as copied into the site `dist`, if it has one, its accent
/// colours checked as the theme's are.
///
/// # Errors
/// It cannot be read, or an accent it sets is hard to read (`public/custom.css:LINE: …`).
pub(crate) fn custom_stylesheet(dist: &Path) -> Result<Option<String>> {
    let file = dist.join(routes::CUSTOM_CSS.trim_start_matches('/'));
    if !file.is_file() {
        return Ok(None);
    }
    let css = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    blog_core::config::check_accent_css("public/custom.css", &css).map_err(anyhow::Error::msg)?;
    Ok(Some(css))
}

/// `page` with its icon link (Trunk's, with its integrity hash) naming `href` instead, or
/// one added to its head when it has none.
fn with_favicon(page: &str, href: &str) -> Result<String> {
    let link = format!("<link rel=\"icon\" href=\"{}\">", html::escape(href));
    let Some(start) = page.find("<link rel=\"icon\"") else {
        return replace_once(page, "</head>", &format!("  {link}\n  </head>"));
    };
    let end = start
        + page[start..]
            .find('>')
            .context("index.html's icon link is not closed")?
        + 1;
    Ok(format!("{}{link}{}", &page[..start], &page[end..]))
}

/// Trunk's loader replaced by `loader.js`, which starts the app, once the page has loaded
/// and painted, at the reader's first intent: a prerendered page is complete without it.
/// Nothing of the app downloads before the first paint: the wasm preload goes, and the JS
/// glue's module preloads wait in a `<template>` (inert: nothing in it is fetched) that the
/// loader puts into the head as it starts, so the glue and its snippets still download side
/// by side, and the app still finds its base path in the first of those links.
fn start_after_load(template: &str, strings: &Strings) -> Result<String> {
    let between = |text: &str, start: &str, end: &str| -> Option<(usize, usize)> {
        let from = text.find(start)? + start.len();
        Some((from, from + text[from..].find(end)?))
    };
    let missing = "index.html does not have Trunk's loader script";
    let (js_from, js_to) =
        between(template, "import init, * as bindings from '", "'").context(missing)?;
    let (wasm_from, wasm_to) = between(template, "module_or_path: '", "'").context(missing)?;
    let (js, wasm) = (&template[js_from..js_to], &template[wasm_from..wasm_to]);
    let script_start = template[..js_from]
        .rfind("<script type=\"module\">")
        .context(missing)?;
    let script_end =
        js_to + template[js_to..].find("</script>").context(missing)? + "</script>".len();
    let code = include_str!("../../../../js/loader.js");
    let loader = format!(
        "<script type=\"module\">\n{}</script>",
        code.replace("__APP_JS__", js)
            .replace("__APP_WASM__", wasm)
            .replace(
                "'__APP_UNAVAILABLE__'",
                &script_string(strings.text(Text::AppUnavailable))
            )
            .replace(
                "'__TRY_AGAIN__'",
                &script_string(strings.text(Text::TryAgain))
            )
    );
    let mut page = format!(
        "{}{loader}{}",
        &template[..script_start],
        &template[script_end..]
    );
    if let Some(at) = page.find("<link rel=\"preload\"") {
        if let Some(len) = page[at..].find('>') {
            if page[at..at + len].contains("application/wasm") {
                page.replace_range(at..=at + len, "");
            }
        }
    }
    Ok(defer_module_preloads(&page))
}

/// `text` as a JavaScript string literal that is safe inside an inline `<script>`: JSON's
/// quoting, with `<` escaped so no `</script>` can end the element.
fn script_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('<', "\\u003c")
}

/// `page` with the whole-line `//` comments of its inline scripts left out: they explain the
/// code to readers of this repository (`js/page.js`, `js/loader.js`), and every page carries
/// it.
fn without_script_comments(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut in_script = false;
    for line in page.split_inclusive('\n') {
        let text = line.trim_start();
        if in_script && text.starts_with("//") {
            continue;
        }
        if text.starts_with("<script") && !text.contains(" src=") {
            in_script = true;
            // Trunk inlines a script file right after its tag (`js/page.js`): a comment on
            // that first line goes too.
            if let Some(end) = line.find('>') {
                if line[end + 1..].trim_start().starts_with("//") && !line.contains("</script>") {
                    out.push_str(&line[..=end]);
                    out.push('\n');
                    continue;
                }
            }
        }
        if text.contains("</script>") {
            in_script = false;
        }
        out.push_str(line);
    }
    out
}

/// `page` with its `<link rel="modulepreload">` tags moved, in order, into
/// `<template id="app-preloads">` where the first of them stood (see `start_after_load`).
fn defer_module_preloads(page: &str) -> String {
    const LINK: &str = "<link rel=\"modulepreload\"";
    let mut rest = String::with_capacity(page.len());
    let mut links = String::new();
    let mut first = None;
    let mut from = 0;
    while let Some(at) = page[from..].find(LINK).map(|i| from + i) {
        let Some(end) = page[at..].find('>').map(|i| at + i + 1) else {
            break;
        };
        rest.push_str(&page[from..at]);
        first.get_or_insert(rest.len());
        links.push_str(&page[at..end]);
        from = end;
    }
    rest.push_str(&page[from..]);
    if let Some(at) = first {
        rest.insert_str(
            at,
            &format!("<template id=\"app-preloads\">{links}</template>"),
        );
    }
    rest
}

/// Puts the stylesheet into the page: a few KB of CSS cost less inline than a render-blocking
/// round trip, so the first paint needs the HTML alone. Its hash joins the page's policy.
fn inline_stylesheet(template: &str, dist: &Path, base: &str, theme_css: &str) -> Result<String> {
    const LINK: &str = "<link rel=\"stylesheet\" href=\"";
    let Some(start) = template.find(LINK) else {
        bail!("index.html has no stylesheet link ({LINK}…); blogtool inlines it");
    };
    let href_start = start + LINK.len();
    let malformed = "index.html has a malformed stylesheet link";
    let href_end = href_start + template[href_start..].find('"').context(malformed)?;
    let end = start + template[start..].find('>').context(malformed)? + 1;
    let href = &template[href_start..href_end];
    let file = dist.join(
        href.strip_prefix(base)
            .unwrap_or(href)
            .trim_start_matches('/'),
    );
    let css = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    if css.contains("</") {
        bail!(
            "{} contains `</`, which cannot go inside <style>",
            file.display()
        );
    }
    // The theme's colours from site.yaml come after the stylesheet's, so they win.
    Ok(format!(
        "{}<style>{css}{theme_css}</style>{}",
        &template[..start],
        &template[end..]
    ))
}

impl Template {
    /// The policy of a post page showing comments: every page's, and what the comments
    /// provider needs (`thread`: the post's Mastodon status, for Mastodon).
    pub(crate) fn post_policy(&self, comments: &CommentsSettings, thread: Option<&str>) -> String {
        let (scripts, styles, sources) = &self.policy_base;
        policy_text(
            scripts,
            styles,
            &sources.clone().with(&comments.sources(thread)),
        )
    }

    /// What every post page showing comments may need, together (each page's own policy
    /// narrows it to its own), for the hosts' `_headers`, which name routes, not pages:
    /// `None` when no post shows comments.
    pub(crate) fn posts_policy(&self, posts: &[blog_core::post::Post]) -> Option<String> {
        let (comments, _) = self.comments.as_ref()?;
        let (scripts, styles, sources) = &self.policy_base;
        let mut all = sources.clone();
        let mut any = false;
        for post in posts {
            if comments.shown_for(post.comments, post.mastodon.as_deref()) {
                all = all.with(&comments.sources(post.mastodon.as_deref()));
                any = true;
            }
        }
        any.then(|| policy_text(scripts, styles, &all))
    }
}

/// The strict policy every page ships with: only the site's own files, WebAssembly allowed
/// to compile, and the page's own inline scripts and stylesheet (`scripts`, `styles`: their
/// hashes), plus `extra`: the third-party sources a blog switched on (analytics on every
/// page, comments on post pages), each as narrow as the provider allows.
fn policy_text(scripts: &[String], styles: &[String], extra: &Sources) -> String {
    let join = |own: &[String], more: &[String]| {
        own.iter()
            .chain(more)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let frames = if extra.frame.is_empty() {
        String::new()
    } else {
        format!(" frame-src {};", extra.frame.join(" "))
    };
    let connect = std::iter::once("'self'")
        .chain(extra.connect.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self' 'unsafe-hashes' {};{frames} img-src 'self' data: https:; media-src 'self' https:; connect-src {connect}; object-src 'none'; base-uri 'none'; form-action 'none'",
        join(scripts, &extra.script),
        join(styles, &extra.style),
    )
}

/// The hashes of the template's inline scripts and stylesheet, and of the only inline
/// styles Markdown produces (table alignment), as policy sources.
fn inline_hashes(template: &str) -> (Vec<String>, Vec<String>) {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let hash = |text: &str| {
        let digest = Sha256::digest(text.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    };
    let mut scripts = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>') else {
            break;
        };
        let open = &rest[start..start + open_end];
        let body_start = start + open_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else {
            break;
        };
        let body = &rest[body_start..body_start + close];
        let executable = !open.contains("src=")
            && (!open.contains("type=")
                || open.contains("type=\"module\"")
                || open.contains("javascript"));
        if executable {
            scripts.push(hash(body));
        }
        rest = &rest[body_start + close..];
    }
    let mut styles: Vec<String> = ["left", "center", "right"]
        .iter()
        .map(|a| hash(&format!("text-align: {a}")))
        .collect();
    let mut rest = template;
    while let Some(start) = rest.find("<style>") {
        let body = &rest[start + "<style>".len()..];
        let Some(close) = body.find("</style>") else {
            break;
        };
        styles.push(hash(&body[..close]));
        rest = &body[close..];
    }
    (scripts, styles)
}

/// `text` without the first element that starts with `open` and ends with `close`.
fn strip_element(text: &str, open: &str, close: &str) -> String {
    match (text.find(open), text.find(close)) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &text[..start], &text[end + close.len()..])
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_edit_fails_loudly_when_its_text_is_missing() {
        assert_eq!(replace_once("a<b>c<b>", "<b>", "B").unwrap(), "aBc<b>");
        let err = replace_once("<html>", "</head>", "x").unwrap_err();
        assert!(
            err.to_string().contains("index.html has no `</head>`"),
            "{err}"
        );
    }

    #[test]
    fn embedded_data_cannot_end_its_script_element() {
        let json = script_json(&"</script><!--<script>").unwrap();
        assert!(!json.contains('<'), "{json}");
        assert_eq!(
            serde_json::from_str::<String>(&json).unwrap(),
            "</script><!--<script>"
        );
    }

    #[test]
    fn the_loader_starts_the_app_files_trunk_named() {
        let index = "<head><link rel=\"preload\" href=\"/a_bg.wasm\" as=\"fetch\" type=\"application/wasm\"><script type=\"module\">\nimport init, * as bindings from '/a.js';\nconst wasm = await init({ module_or_path: '/a_bg.wasm' });\n</script></head>";
        let page = start_after_load(index, &Strings::default()).unwrap();
        assert!(page.contains("await import('/a.js')"), "{page}");
        assert!(page.contains("fetch('/a_bg.wasm')"), "{page}");
        assert!(!page.contains("__APP_"), "{page}");
        assert!(!page.contains("rel=\"preload\""), "{page}");
        assert!(page.contains("if (now) start();"), "{page}");
        assert!(start_after_load("<head></head>", &Strings::default()).is_err());
    }

    #[test]
    fn an_inlined_script_file_loses_the_comment_on_its_tags_line() {
        let page = "<head>\n    <script>// why\n// more\n(function () {})();\n</script>\n</head>";
        assert_eq!(
            without_script_comments(page),
            "<head>\n    <script>\n(function () {})();\n</script>\n</head>"
        );
    }

    #[test]
    fn inline_scripts_lose_their_comment_lines_only() {
        let page = "<head>\n// not a script\n<script>\n  // why\n  var a = 'http://x'; // kept\n</script>\n<script type=\"module\">\n// why\nstart();\n</script>\n<p>\n// text\n</p>";
        assert_eq!(
            without_script_comments(page),
            "<head>\n// not a script\n<script>\n  var a = 'http://x'; // kept\n</script>\n<script type=\"module\">\nstart();\n</script>\n<p>\n// text\n</p>"
        );
    }

    #[test]
    fn module_preloads_wait_in_a_template_until_the_app_starts() {
        let index = "<head>\n<link rel=\"icon\" href=\"/i.svg\">\n<link rel=\"modulepreload\" href=\"/a.js\" crossorigin=\"anonymous\">\n<link rel=\"modulepreload\" href=\"/s/inline0.js\">\n<link rel=\"canonical\" href=\"/\">\n<script type=\"module\">\nimport init, * as bindings from '/a.js';\nconst wasm = await init({ module_or_path: '/a_bg.wasm' });\n</script></head>";
        let page = start_after_load(index, &Strings::default()).unwrap();
        let template = "<template id=\"app-preloads\"><link rel=\"modulepreload\" href=\"/a.js\" crossorigin=\"anonymous\"><link rel=\"modulepreload\" href=\"/s/inline0.js\"></template>";
        assert_eq!(page.matches("modulepreload").count(), 2, "{page}");
        assert!(
            page.contains(&format!(
                "<link rel=\"icon\" href=\"/i.svg\">\n{template}\n\n<link rel=\"canonical\""
            )),
            "{page}"
        );
        let none = "<head><script type=\"module\">\nimport init, * as bindings from '/a.js';\nconst wasm = await init({ module_or_path: '/a_bg.wasm' });\n</script></head>";
        assert!(!start_after_load(none, &Strings::default())
            .unwrap()
            .contains("<template"));
    }
}
