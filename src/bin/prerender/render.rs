//! The native half of `prerender`: renders pages, feeds and compressed copies.

use std::path::{Path, PathBuf};

use blog_core::author;
use blog_core::html;
use blog_core::manifest::{ListPage, Manifest, RelatedIndex, Taxonomy};
use blog_core::pages::{self, PageMeta};
use blog_core::post::Post;
use blog_core::publish::{self, FeedEntry, SiteAddress};
use blog_core::routes::{self, under_base};
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use rustblog::site::{PostSource, Preload, SiteSettings};
use rustblog::App;

/// What a prerendered page embeds for the app's first render.
enum Embed {
    /// A post's source (and, from the index, the entries its page shows).
    Post(PostSource),
    /// One page of the post list.
    List(ListPage),
    /// The whole post index (tag, author and not-found pages).
    Index,
    /// Nothing: the page loads what it needs (search loads its own index).
    Nothing,
}

/// Where the app goes in Trunk's `index.html`.
const APP_SLOT: &str = "<div id=\"app\"></div>";

pub(crate) fn main() {
    if let Err(message) = run() {
        eprintln!("prerender: {message}");
        std::process::exit(1);
    }
}

struct Options {
    dist: PathBuf,
    site: SiteAddress,
    theme_css: String,
}

fn options() -> Result<Options, String> {
    let mut dist = None;
    let mut base = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    let mut site_url = std::env::var("BLOG_SITE_URL").ok();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--dist" => dist = Some(PathBuf::from(value()?)),
            "--base" => base = value()?,
            "--site-url" => site_url = Some(value()?),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    let config = blog_core::config::SiteConfig::load()?;
    let site_url = match site_url.or(config.url) {
        Some(url) => url,
        None => return Err("site.yaml has no `url:` (where the blog is published)".into()),
    };
    Ok(Options {
        dist: dist.ok_or("--dist DIR is required")?,
        site: SiteAddress::new(&site_url, &base).with_info(config.info),
        theme_css: config.theme.css(),
    })
}

fn run() -> Result<(), String> {
    let Options {
        dist,
        site,
        theme_css,
    } = options()?;
    let _ = any_spawner::Executor::init_futures_executor();
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
    };
    let template = read(&dist.join("index.html"))?;
    if !template.contains(APP_SLOT) {
        return Err(format!("index.html has no {APP_SLOT}"));
    }
    let template = start_after_load(&template)?;
    let template = inline_stylesheet(&template, &dist, &site.base, &theme_css)?;
    // The site's language and name, from site.yaml.
    let template = template
        .replacen(
            "<html lang=\"en\">",
            &format!("<html lang=\"{}\">", html::escape(&site.info.language)),
            1,
        )
        .replacen(
            "<title>Rustblog</title>",
            &format!("<title>{}</title>", html::escape(&site.info.title)),
            1,
        );
    let policy = content_security_policy(&template);
    let template = template.replacen(
        "<meta charset=\"utf-8\" />",
        &format!(
            "<meta charset=\"utf-8\" />\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />"
        ),
        1,
    );
    // Pages name the service worker; the app registers it (only pages of a release build
    // have one, so `trunk serve` never caches anything).
    let template = template.replacen(
        "</head>",
        &format!(
            "    <meta name=\"service-worker\" content=\"{}sw.js\" />\n  </head>",
            site.base
        ),
        1,
    );
    let manifest: Manifest = serde_json::from_str(&read(&in_dist(&dist, routes::INDEX_DATA))?)
        .map_err(|e| format!("{}: {e}", routes::INDEX_DATA))?;
    let related = RelatedIndex::new(&manifest);
    let total = manifest.posts.len();
    let mut done = 0;
    let page = |data: Embed, meta: PageMeta| -> Result<(), String> {
        let path = meta.path.as_str();
        // Each page embeds what it shows: a post page its post and the entries around it, a
        // list page its page of posts; only tag, author and 404 pages carry the whole index.
        let mut preload = Preload {
            site_url: Some(site.absolute_base()),
            site: Some(site.info.clone()),
            ..Preload::default()
        };
        match data {
            Embed::Post(post) => {
                preload.context = Some(manifest.context_for(&post.slug, &related));
                preload.post = Some(post);
            }
            Embed::List(list) => preload.list = Some(list),
            Embed::Index => preload.manifest = Some(manifest.clone()),
            Embed::Nothing => {}
        }
        let settings = SiteSettings {
            base: site.base.clone(),
            preload,
        };
        let html = render(&template, &site, path, settings, &meta);
        let file = if path == routes::NOT_FOUND {
            dist.join("404.html")
        } else {
            in_dist(&dist, path).join("index.html")
        };
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(&file, html).map_err(|e| format!("cannot write {}: {e}", file.display()))
    };

    let mut sitemap = vec![(
        routes::HOME.to_string(),
        manifest.posts.first().map(|p| p.date),
    )];
    // The list's pages as `blogtool publish` cut them (posts/pages/N.json).
    for number in 1.. {
        let file = in_dist(&dist, &routes::list_page_data(number));
        if !file.exists() {
            break;
        }
        let list: ListPage =
            serde_json::from_str(&read(&file)?).map_err(|e| format!("{}: {e}", file.display()))?;
        let meta = pages::list(number, list.pages, &site.info);
        if number > 1 {
            sitemap.push((meta.path.clone(), None));
        }
        page(Embed::List(list), meta)?;
    }
    page(Embed::Index, pages::not_found())?;
    // A shell for shared searches (`/search?q=…`) on hosts without an SPA fallback; kept
    // out of the sitemap, as result pages are not content.
    page(Embed::Nothing, pages::search(""))?;

    let mut feed = Vec::new();
    for meta in &manifest.posts {
        let source = read(&in_dist(&dist, &routes::post_source(&meta.file)))?;
        let authors = author::resolve(&manifest.authors, &meta.authors);
        let embedded = PostSource {
            slug: meta.slug.clone(),
            file: meta.file.clone(),
            source: source.clone(),
        };
        let head = pages::post(meta, authors.clone());
        sitemap.push((head.path.clone(), Some(meta.updated.unwrap_or(meta.date))));
        page(Embed::Post(embedded), head)?;
        done += 1;
        // Large blogs take a while: a progress bar, redrawn at every 5%.
        if total >= 200 && done % (total / 20) == 0 {
            let filled = done * 20 / total;
            eprintln!(
                "prerender: [{}{}] {done}/{total} posts",
                "#".repeat(filled),
                ".".repeat(20 - filled)
            );
        }
        // Feed readers show content away from the site: links must be absolute.
        let post = Post::parse_at(&meta.file, &source, &site.absolute_base())
            .map_err(|e| e.to_string())?;
        feed.push(FeedEntry {
            meta: meta.clone(),
            html: post.html,
            authors,
        });
    }
    // Old addresses (Hugo's `aliases`, Jekyll's `redirect_from` and `permalink`) keep
    // working: each is a small page that sends readers and crawlers to the post.
    for meta in &manifest.posts {
        let path = routes::post(&meta.slug);
        let (target, canonical) = (under_base(&site.base, &path), site.url(&path));
        for alias in &meta.aliases {
            let Some(file) = publish::alias_file(alias) else {
                eprintln!(
                    "prerender: alias \"{alias}\" of posts/{} is not a usable path; skipped",
                    meta.file
                );
                continue;
            };
            let file = dist.join(file);
            if file.exists() {
                eprintln!(
                    "prerender: alias \"{alias}\" of posts/{} is already a page; skipped",
                    meta.file
                );
                continue;
            }
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            std::fs::write(
                &file,
                publish::redirect_page(&target, &canonical, &meta.title),
            )
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        }
    }
    for taxonomy in Taxonomy::ALL {
        for term in manifest.terms(taxonomy) {
            let meta = pages::term(taxonomy, &term.name, term.count);
            sitemap.push((meta.path.clone(), None));
            page(Embed::Index, meta)?;
        }
    }
    let mut author_ids: Vec<String> = manifest.authors.iter().map(|a| a.id.clone()).collect();
    for meta in &manifest.posts {
        for a in author::resolve(&manifest.authors, &meta.authors) {
            if !author_ids.contains(&a.id) {
                author_ids.push(a.id);
            }
        }
    }
    for id in author_ids {
        let Some(a) = manifest.author(&id) else {
            continue;
        };
        let meta = pages::author(&a);
        sitemap.push((meta.path.clone(), None));
        page(Embed::Index, meta)?;
    }

    let write = |name: &str, text: String| {
        std::fs::write(dist.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write("feed.xml", publish::atom(&site, &feed))?;
    write("rss.xml", publish::rss(&site, &feed))?;
    write("sitemap.xml", publish::sitemap(&site, &sitemap))?;
    write("robots.txt", publish::robots(&site))?;
    write_embeds(&dist, &manifest, &site.info.language)?;
    write_offline(&dist, &template, &site)?;
    add_csp_header(&dist, &policy)?;
    let compressed = precompress(&dist)?;
    eprintln!(
        "prerender: {} pages, feeds and sitemap for {}; {compressed} files precompressed",
        sitemap.len() + 1,
        site.url(routes::HOME)
    );
    Ok(())
}

/// Where the file or folder at a site path is in the built site.
fn in_dist(dist: &Path, path: &str) -> PathBuf {
    dist.join(path.trim_start_matches('/'))
}

/// The service worker, and the empty app page it serves offline for a page not read before
/// (the app then routes by itself and says what cannot be loaded).
fn write_offline(dist: &Path, template: &str, site: &SiteAddress) -> Result<(), String> {
    use sha2::{Digest, Sha256};
    let base = site.base.as_str();
    // The shell knows the site's settings, like every page.
    let preload = Preload {
        site: Some(site.info.clone()),
        site_url: Some(site.absolute_base()),
        ..Preload::default()
    };
    let data = serde_json::to_string(&preload)
        .map_err(|e| e.to_string())?
        .replace("</", "<\\/");
    // Not a page of its own: search engines must not list it.
    let template = template.replacen(
        "</head>",
        &format!(
            "    <meta name=\"robots\" content=\"noindex\" />\n    <script id=\"blog-data\" type=\"application/json\">{data}</script>\n  </head>"
        ),
        1,
    );
    let template = template.as_str();
    std::fs::write(dist.join("shell.html"), template)
        .map_err(|e| format!("cannot write shell.html: {e}"))?;
    let mut files = vec![format!("{base}shell.html")];
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot read dist: {e}"))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let app =
            name.starts_with("rustblog-") && (name.ends_with(".js") || name.ends_with("_bg.wasm"));
        let asset = (name.starts_with("favicon-") && name.ends_with(".svg"))
            || (name.starts_with("style-") && name.ends_with(".css"));
        if app || asset {
            files.push(format!("{base}{name}"));
        }
    }
    files.sort();
    // A new build id whenever the app or the shell changes: the browser then installs the
    // new worker, which drops the old app files.
    let mut digest = Sha256::new();
    digest.update(files.join("\n"));
    digest.update(template);
    let build: String = digest
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    let list = serde_json::to_string(&files).map_err(|e| e.to_string())?;
    let worker = include_str!("sw.js")
        .replace("__BUILD__", &build)
        .replace("__BASE__", base)
        .replace("__APP_FILES__", &list);
    std::fs::write(dist.join("sw.js"), worker).map_err(|e| format!("cannot write sw.js: {e}"))
}

/// Renders the app at `path` into Trunk's page, with title, description and link-preview
/// tags in the head and the embedded data the browser app starts from.
fn render(
    template: &str,
    site: &SiteAddress,
    path: &str,
    settings: SiteSettings,
    meta: &PageMeta,
) -> String {
    let preload = serde_json::to_string(&settings.preload)
        .unwrap_or_default()
        // Keep the JSON from closing its <script> element early.
        .replace("</", "<\\/");
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(&site.path(path)));
        let (meta_context, meta_output) = ServerMetaContext::new();
        provide_context(meta_context);
        let app = view! { <App settings=settings /> }.to_html();
        let mut page = strip_element(template, "<title>", "</title>");
        page = strip_element(&page, "<noscript>", "</noscript>");
        page = page.replace(APP_SLOT, &format!("<div id=\"app\">{app}</div>"));
        let head = format!(
            "    {}\n    <script id=\"blog-data\" type=\"application/json\">{preload}</script>\n  </head>",
            publish::head_tags(site, meta)
        );
        page = page.replacen("</head>", &head, 1);
        futures::executor::block_on(async move {
            use futures::StreamExt;
            let stream = meta_output
                .inject_meta_context(futures::stream::iter([page]))
                .await;
            stream.collect::<Vec<String>>().await.concat()
        })
    })
}

/// Trunk's loader, changed to start the app after the page has loaded: a prerendered page
/// is complete without it, so the WebAssembly (the largest download) must not compete with
/// the page's own text, styles and lead image for the first paint. The small JS glue keeps
/// its module preload (the app also reads the base path from that link).
fn start_after_load(template: &str) -> Result<String, String> {
    let between = |text: &str, start: &str, end: &str| -> Option<(usize, usize)> {
        let from = text.find(start)? + start.len();
        Some((from, from + text[from..].find(end)?))
    };
    let missing = || "index.html does not have Trunk's loader script".to_string();
    let (js_from, js_to) =
        between(template, "import init, * as bindings from '", "'").ok_or_else(missing)?;
    let (wasm_from, wasm_to) = between(template, "module_or_path: '", "'").ok_or_else(missing)?;
    let (js, wasm) = (&template[js_from..js_to], &template[wasm_from..wasm_to]);
    let script_start = template[..js_from]
        .rfind("<script type=\"module\">")
        .ok_or_else(missing)?;
    let script_end =
        js_to + template[js_to..].find("</script>").ok_or_else(missing)? + "</script>".len();
    let loader = format!(
        "<script type=\"module\">\nconst start = async () => {{\n  // The page's own images first (a lead image is usually its largest paint), then until the\n  // largest paint has settled (no new one for 200 ms, at most a second), so everything the\n  // reader sees is painted before the download starts.\n  await Promise.all([...document.images].filter((i) => i.loading !== 'lazy').map((i) => i.decode().catch(() => {{}})));\n  await new Promise((go) => {{\n    let quiet = setTimeout(go, 200);\n    setTimeout(go, 1000);\n    try {{\n      new PerformanceObserver(() => {{ clearTimeout(quiet); quiet = setTimeout(go, 200); }}).observe({{ type: 'largest-contentful-paint', buffered: true }});\n    }} catch {{}}\n  }});\n  const bindings = await import('{js}');\n  const wasm = await bindings.default({{ module_or_path: '{wasm}' }});\n  window.wasmBindings = bindings;\n  dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));\n}};\nif (document.readyState === 'complete') start(); else addEventListener('load', start, {{ once: true }});\n</script>"
    );
    let mut page = format!(
        "{}{loader}{}",
        &template[..script_start],
        &template[script_end..]
    );
    // The wasm preload would start the download before the first paint.
    if let Some(at) = page.find("<link rel=\"preload\"") {
        if let Some(len) = page[at..].find('>') {
            if page[at..at + len].contains("application/wasm") {
                page.replace_range(at..=at + len, "");
            }
        }
    }
    Ok(page)
}

/// Puts the stylesheet into the page: a few KB of CSS cost less inline than a render-blocking
/// round trip, so the first paint needs the HTML alone. Its hash joins the page's policy.
fn inline_stylesheet(
    template: &str,
    dist: &Path,
    base: &str,
    theme_css: &str,
) -> Result<String, String> {
    const LINK: &str = "<link rel=\"stylesheet\" href=\"";
    let Some(start) = template.find(LINK) else {
        return Ok(template.to_string());
    };
    let href_start = start + LINK.len();
    let malformed = || "index.html has a malformed stylesheet link".to_string();
    let href_end = href_start + template[href_start..].find('"').ok_or_else(malformed)?;
    let end = start + template[start..].find('>').ok_or_else(malformed)? + 1;
    let href = &template[href_start..href_end];
    let file = dist.join(
        href.strip_prefix(base)
            .unwrap_or(href)
            .trim_start_matches('/'),
    );
    let css = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if css.contains("</") {
        return Err(format!(
            "{} contains `</`, which cannot go inside <style>",
            file.display()
        ));
    }
    // The theme's colours from site.yaml come after the stylesheet's, so they win.
    Ok(format!(
        "{}<style>{css}{theme_css}</style>{}",
        &template[..start],
        &template[end..]
    ))
}

/// The embeddable card's files: `embed/authors.json` (the registry the loader reads),
/// `embed/card.css` (the card's styles, taken from the loader so there is one copy) and, for
/// hosts that allow no scripts, a page per author at `embed/authors/<id>/` rendered by the
/// same `AuthorCard` component.
fn write_embeds(dist: &Path, manifest: &Manifest, language: &str) -> Result<(), String> {
    use rustblog::components::author_card::AuthorCard;
    let embed = dist.join("embed");
    let loader = std::fs::read_to_string(embed.join("author-card.js"))
        .map_err(|e| format!("cannot read embed/author-card.js: {e}"))?;
    let css = loader
        .split_once("const CSS = `")
        .and_then(|(_, rest)| rest.split_once("`;"))
        .map(|(css, _)| css)
        .ok_or("embed/author-card.js has no `const CSS = `...`;` block")?;
    std::fs::write(embed.join("card.css"), css).map_err(|e| e.to_string())?;
    let json = serde_json::to_string(&manifest.authors).map_err(|e| e.to_string())?;
    std::fs::write(embed.join("authors.json"), json).map_err(|e| e.to_string())?;
    for author in &manifest.authors {
        let name = html::escape(&author.name);
        let card = Owner::new().with(|| view! { <AuthorCard author=author.clone() /> }.to_html());
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>About {name}</title>\n<link rel=\"stylesheet\" href=\"../../card.css\">\n</head>\n<body><div class=\"frame\">{card}</div></body>\n</html>\n",
            html::escape(language)
        );
        let dir = embed.join("authors").join(&author.id);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("index.html"), page).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The strict policy every page ships with: only the site's own files, WebAssembly allowed
/// to compile, and the page's own inline script and stylesheet (by hash). Table alignment is
/// the only inline style Markdown produces, allowed by hash too.
fn content_security_policy(template: &str) -> String {
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
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self' 'unsafe-hashes' {}; img-src 'self' data: https:; media-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
        scripts.join(" "),
        styles.join(" ")
    )
}

/// Adds the policy to `_headers` (Netlify, Cloudflare Pages) for hosts that send headers.
fn add_csp_header(dist: &Path, policy: &str) -> Result<(), String> {
    let path = dist.join("_headers");
    let mut headers = std::fs::read_to_string(&path).unwrap_or_default();
    headers.push_str(&format!(
        "\n# Written by prerender: the policy with this build's inline-script hash.\n/*\n  Content-Security-Policy: {policy}\n"
    ));
    std::fs::write(&path, headers).map_err(|e| format!("cannot write _headers: {e}"))
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

/// Writes `.br` and `.gz` beside every compressible file; returns how many files.
/// Hashed assets (the app, styles) get brotli's best and slowest setting: they are few and
/// cached for a year. Pages and posts, one per post, get quality 9 (about 10% larger, many
/// times faster: quality 11 was 90% of a 10,000-post build). All cores share the work.
fn precompress(dir: &Path) -> Result<usize, String> {
    let mut files = Vec::new();
    collect_compressible(dir, &mut files)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().try_for_each(|f| compress_file(f))))
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .map_err(|_| "a compression thread failed".to_string())?
        })
    })?;
    Ok(files.len())
}

fn collect_compressible(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    const TEXT: [&str; 10] = [
        "html", "css", "js", "wasm", "json", "md", "xml", "txt", "svg", "yaml",
    ];
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_compressible(&path, files)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT.contains(&e))
        {
            files.push(path);
        }
    }
    Ok(())
}

fn compress_file(path: &Path) -> Result<(), String> {
    use std::io::Write;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let quality = if matches!(ext, "js" | "wasm" | "css" | "svg") {
        11
    } else {
        9
    };
    let data = std::fs::read(path).map_err(|e| e.to_string())?;
    // A window no larger than the file: the same output, without allocating (and the kernel
    // zeroing) 4 MiB of tables for every small page.
    let window = (usize::BITS - data.len().max(1).leading_zeros()).clamp(10, 22);
    let mut br = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut br, 4096, quality, window);
        writer.write_all(&data).map_err(|e| e.to_string())?;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&data).map_err(|e| e.to_string())?;
    let gz = gz.finish().map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    std::fs::write(path.with_file_name(format!("{name}.br")), br).map_err(|e| e.to_string())?;
    std::fs::write(path.with_file_name(format!("{name}.gz")), gz).map_err(|e| e.to_string())?;
    Ok(())
}
