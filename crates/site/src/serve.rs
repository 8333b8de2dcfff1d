//! `blogtool serve`: builds a preview of the blog (drafts and future posts included, no
//! service worker), serves it over HTTP on the loopback address, and builds it again
//! whenever anything in the blog folder (or the `--app` folder) changes, in place and only
//! what changed ([`crate::build::Site::update`]); open pages reload
//! themselves (a script only previews carry, long-polling the server). A blog that cannot
//! be built, or a post that cannot be read, is shown in every open page as a list of
//! `file:line` messages, and the last good build keeps being served: the server never
//! exits on bad input.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use blog_core::routes;

use crate::build::{self, BuildOptions, Mode, Site};

/// What `serve` works on, resolved by the command line.
pub struct ServeOptions {
    /// The blog folder, watched for changes.
    pub dir: PathBuf,
    /// Its posts folder.
    pub posts: PathBuf,
    /// Its pages folder (may appear while serving).
    pub pages: PathBuf,
    /// Its own files.
    pub public: PathBuf,
    /// The first port to try; the next ones when it is taken.
    pub port: u16,
    /// Open the blog in the default browser once served.
    pub open: bool,
    /// A built app folder to use (and watch) instead of the one inside blogtool.
    pub app_dir: Option<PathBuf>,
}

/// The live reload script every preview page loads.
const LIVE_SCRIPT: &str = include_str!("../../../js/live.js");

/// How long a long poll waits for a new build before answering "nothing new".
const POLL: Duration = Duration::from_secs(25);

/// What is being served: the latest good build, and what the latest attempt said.
#[derive(Default)]
struct Served {
    /// Counts good builds: the one `root` holds. Pages know theirs, and reload when it
    /// changes.
    generation: u64,
    /// Counts every attempt, good or not: a failed one changes only what the pages show.
    version: u64,
    /// The folder of the latest good build.
    root: Option<PathBuf>,
    /// What the latest build said: posts that cannot be read, or why it failed.
    problems: Vec<String>,
    /// The latest good build's warnings (what `blogtool check` would say).
    warnings: Vec<String>,
}

type Shared = Arc<(Mutex<Served>, Condvar)>;

/// Serves the blog until the process is stopped.
///
/// # Errors
/// When no port from `options.port` on can be listened on, or the blog folder cannot be
/// watched. Nothing in the blog's content ends it.
pub fn serve(options: ServeOptions) -> Result<()> {
    let (listener, port) = listen(options.port)?;
    // The port asked for may be 0 (any free one): the one listened on is the address.
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    let url = format!("http://127.0.0.1:{port}");
    let scratch = std::env::temp_dir().join(format!("blogtool-serve-{}", std::process::id()));
    // Ctrl+C ends the server; its preview builds go with it.
    let leftover = scratch.clone();
    let _ = ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&leftover);
        std::process::exit(0);
    });
    let shared: Shared = Arc::new((Mutex::new(Served::default()), Condvar::new()));
    let mut site = Site::default();
    rebuild(&options, &url, &scratch, &shared, &mut site, &[]);
    eprintln!(
        "blogtool: serving {} at {url}/ (Ctrl+C stops)",
        options.dir.display()
    );
    if options.open {
        open_browser(&url);
    }
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| anyhow::anyhow!("cannot serve on port {port}: {e}"))?;
    let handler = Arc::clone(&shared);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = Arc::clone(&handler);
            std::thread::spawn(move || respond(request, &shared));
        }
    });
    watch(&options, &url, &scratch, &shared, &mut site)
}

/// Listens on the first free port from `first`, saying which were taken.
fn listen(first: u16) -> Result<(TcpListener, u16)> {
    let mut port = first;
    loop {
        match TcpListener::bind(("127.0.0.1", port)) {
            Ok(listener) => return Ok((listener, port)),
            Err(e)
                if e.kind() == std::io::ErrorKind::AddrInUse
                    && port < first.saturating_add(20)
                    && port < u16::MAX =>
            {
                eprintln!("blogtool: port {port} is taken; trying {}", port + 1);
                port += 1;
            }
            Err(e) => return Err(e).with_context(|| format!("cannot listen on 127.0.0.1:{port}")),
        }
    }
}

/// Builds the preview again after the files `changed` changed: in the folder served, where
/// only what changed is rendered and written again ([`Site::update`]), or, the first time
/// and after a build failed, into a new folder of `scratch`, which is then served. On
/// failure keeps serving the last good build and shows why.
fn rebuild(
    options: &ServeOptions,
    url: &str,
    scratch: &Path,
    shared: &Shared,
    site: &mut Site,
    changed: &[PathBuf],
) {
    let started = Instant::now();
    let (version, root) = shared
        .0
        .lock()
        .map(|s| (s.version + 1, s.root.clone()))
        .unwrap_or((1, None));
    let out = match root.filter(|_| site.is_built()) {
        Some(root) => root,
        None => scratch.join("builds").join(version.to_string()),
    };
    let attempt = || -> Result<build::Summary> {
        let app = crate::cli::load_app(options.app_dir.clone())?;
        let settings = crate::i18n::load_settings().map_err(anyhow::Error::msg)?;
        site.update(
            &BuildOptions {
                posts: options.posts.clone(),
                pages: options.pages.clone(),
                public: options.public.clone(),
                out: out.clone(),
                base: "/".into(),
                settings,
                url: url.into(),
                skip_broken: true,
                mode: Mode::Preview,
                app: &app,
                diagram_cache: Some(scratch.join("diagrams")),
            },
            changed,
        )
    };
    // A panic is a bug of ours, never the author's: said like a failed build, and the
    // server goes on (the `tool` profile unwinds).
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(attempt))
        .unwrap_or_else(|_| Err(anyhow::anyhow!("blogtool failed unexpectedly while building (a bug: please report it with the post that caused it)")));
    let (lock, changed) = &**shared;
    let Ok(mut served) = lock.lock() else {
        return;
    };
    let previous = served.root.clone();
    served.version = version;
    match result {
        Ok(summary) => {
            eprintln!(
                "blogtool: built in {:.0} ms ({} files written): {summary}",
                started.elapsed().as_secs_f64() * 1000.0,
                summary.written.len()
            );
            served.problems = summary.problems;
            // Each warning is said once, when it first appears (the page lists them all).
            for warning in summary
                .warnings
                .iter()
                .filter(|w| !served.warnings.contains(w))
            {
                eprintln!("{warning}");
            }
            served.warnings = summary.warnings;
            served.root = Some(out.clone());
            served.generation = version;
            // Deleted away from the lock: requests go on meanwhile (one in flight may still
            // be reading it, and then answers 404).
            if let Some(old) = previous.filter(|old| *old != out) {
                std::thread::spawn(move || std::fs::remove_dir_all(old));
            }
        }
        Err(error) => {
            let message = format!("{error:#}");
            eprintln!("blogtool: cannot build the blog: {message}");
            served.problems = vec![message];
            served.warnings = Vec::new();
            if previous.as_ref() != Some(&out) {
                let _ = std::fs::remove_dir_all(&out);
            }
        }
    }
    changed.notify_all();
}

/// Builds again whenever the blog (or the app folder) changes, a few milliseconds after
/// the last change of a burst (an editor's save is several events).
fn watch(
    options: &ServeOptions,
    url: &str,
    scratch: &Path,
    shared: &Shared,
    site: &mut Site,
) -> Result<()> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot watch the blog folder")?;
    // The posts and the blog's files in depth; the blog folder itself only for its settings
    // (site.yaml) and folders appearing: not its dist/, target/ or node_modules/, which
    // would use up the system's watches. The app folder (`--app`) in depth.
    let mut watched = vec![
        (options.posts.clone(), RecursiveMode::Recursive),
        (options.public.clone(), RecursiveMode::Recursive),
        (options.pages.clone(), RecursiveMode::Recursive),
        (options.dir.clone(), RecursiveMode::NonRecursive),
    ];
    watched.extend(
        options
            .app_dir
            .clone()
            .map(|d| (d, RecursiveMode::Recursive)),
    );
    // A content folder made while serving (the first page makes `pages/`) is watched
    // from when it appears.
    let mut unwatched = Vec::new();
    for (dir, mode) in &watched {
        if dir.exists() {
            watcher
                .watch(dir, *mode)
                .with_context(|| format!("cannot watch {}", dir.display()))?;
        } else if *mode == RecursiveMode::Recursive {
            unwatched.push(dir.clone());
        }
    }
    let app_dir = options.app_dir.clone();
    let ignored = [".git", "dist", "target", "node_modules"].map(|name| options.dir.join(name));
    let relevant = |event: &notify::Event| {
        matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        ) && event.paths.iter().any(|p| {
            app_dir.as_ref().is_some_and(|a| p.starts_with(a))
                || !ignored.iter().any(|i| p.starts_with(i))
                && !p.starts_with(scratch)
                // A build's previous output, moved aside while it is deleted.
                && !p.components().any(|c| {
                    let c = c.as_os_str().to_string_lossy();
                    c.starts_with('.') && c.contains(".old-")
                })
                && !p.file_name().is_some_and(|n| {
                    let n = n.to_string_lossy();
                    // Editors' swap and backup files.
                    n.ends_with('~') || n.ends_with(".swp") || n.starts_with(".#")
                })
        })
    };
    loop {
        let event = rx.recv().context("the file watcher stopped")?;
        let Ok(event) =
            event
                .as_ref()
                .map_err(drop)
                .and_then(|e| if relevant(e) { Ok(e) } else { Err(()) })
        else {
            continue;
        };
        unwatched
            .retain(|dir| !(dir.is_dir() && watcher.watch(dir, RecursiveMode::Recursive).is_ok()));
        let mut changed = event.paths.clone();
        // The rest of the burst.
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(30)) {
            if let Ok(more) = more {
                changed.extend(more.paths);
            }
        }
        rebuild(options, url, scratch, shared, site, &changed);
    }
}

/// Answers one request: the live reload script and its long poll, else a file of the
/// latest build (a folder's `index.html`; `404.html` with status 404 for what is missing).
fn respond(mut request: tiny_http::Request, shared: &Shared) {
    use tiny_http::{Header, Response};
    // Every name and value here is ASCII (a request's path is escaped before it becomes a
    // `Location`), which is all a header may hold; were that ever broken, the panic ends this
    // request's thread only.
    let header = |name: &str, value: &str| {
        Header::from_bytes(name, value).expect("header names and values are ASCII")
    };
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let no_store = header("Cache-Control", "no-store");
    if path == routes::LIVE_RELOAD_SCRIPT {
        let response = Response::from_string(LIVE_SCRIPT)
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
            .with_header(no_store);
        let _ = request.respond(response);
        return;
    }
    if path == routes::LIVE_RELOAD_EVENTS {
        let number = |name: &str| -> Option<u64> {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
                .and_then(|n| n.parse().ok())
        };
        let (since, version) = (number("since"), number("version"));
        let (lock, changed) = &**shared;
        let Ok(served) = lock.lock() else { return };
        // Answered once the page's build or what it shows is out of date, else after a while.
        let unchanged = |s: &mut Served| Some(s.generation) == since && Some(s.version) == version;
        let (served, _) = match changed.wait_timeout_while(served, POLL, unchanged) {
            Ok(woken) => woken,
            Err(_) => return,
        };
        let body = serde_json::json!({
            "generation": served.generation,
            "version": served.version,
            "problems": served.problems,
            "warnings": served.warnings,
        })
        .to_string();
        drop(served);
        let response = Response::from_string(body)
            .with_header(header("Content-Type", "application/json"))
            .with_header(no_store);
        let _ = request.respond(response);
        return;
    }
    // A body sent with a GET is read and dropped, so the connection can be reused.
    let _ = request.as_reader().read_to_end(&mut Vec::new());
    let served = shared
        .0
        .lock()
        .ok()
        .and_then(|s| Some((s.root.clone()?, s.generation)));
    let Some((root, generation)) = served else {
        let response = Response::from_string(
            "The blog could not be built yet; the terminal running blogtool serve says why.",
        )
        .with_status_code(503)
        .with_header(no_store);
        let _ = request.respond(response);
        return;
    };
    let (status, file) = match resolve(&root, path) {
        Resolved::File(file) => (200, file),
        Resolved::Redirect(to) => {
            let response = Response::empty(301).with_header(header("Location", &to));
            let _ = request.respond(response);
            return;
        }
        Resolved::Missing => (404, root.join("404.html")),
    };
    match std::fs::read(&file) {
        Ok(mut bytes) => {
            if file.extension().is_some_and(|e| e == "html") {
                bytes = with_build_number(&bytes, generation);
            }
            let response = Response::from_data(bytes)
                .with_status_code(status)
                .with_header(header("Content-Type", content_type(&file)))
                .with_header(no_store);
            let _ = request.respond(response);
        }
        Err(_) => {
            let _ = request.respond(Response::from_string("Not found").with_status_code(404));
        }
    }
}

/// A page with the number of the build it is from in its live reload script's address
/// (`live.js?since=N`): the script compares it with the server's, so a page served just
/// before a build finished still reloads.
fn with_build_number(html: &[u8], generation: u64) -> Vec<u8> {
    let script = format!("{}\"", routes::LIVE_RELOAD_SCRIPT);
    let text = String::from_utf8_lossy(html);
    match text.find(&script) {
        Some(at) => {
            let end = at + script.len() - 1;
            format!("{}?since={generation}{}", &text[..end], &text[end..]).into_bytes()
        }
        None => html.to_vec(),
    }
}

/// What a request path names in the built site.
#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    /// A folder asked for without its slash: its address with one.
    Redirect(String),
    Missing,
}

/// The file `path` (percent-encoded, from the request line) names under `root`; never
/// outside it.
fn resolve(root: &Path, path: &str) -> Resolved {
    let decoded = blog_core::url::percent_decode(path);
    let mut file = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        // `C:` would replace the whole path on Windows.
        if segment == ".." || segment == "." || segment.contains(['\\', '\0', ':']) {
            return Resolved::Missing;
        }
        file.push(segment);
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            // One leading slash: `//posts/` would name another host. Anything not ASCII
            // (a raw UTF-8 path) is escaped, as a header must be.
            let mut to = String::from("/");
            for byte in path.trim_start_matches('/').bytes() {
                match byte {
                    b'!'..=b'~' => to.push(char::from(byte)),
                    _ => to.push_str(&format!("%{byte:02X}")),
                }
            }
            to.push('/');
            return Resolved::Redirect(to);
        }
        file.push("index.html");
    }
    if file.is_file() {
        Resolved::File(file)
    } else {
        Resolved::Missing
    }
}

/// The `Content-Type` of a built file, by its extension.
fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "xml" => "application/xml",
        "md" | "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// Opens `url` in the default browser; says so when it cannot.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if std::process::Command::new(command.0)
        .args(&command.1)
        .spawn()
        .is_err()
    {
        eprintln!("blogtool: cannot open a browser; open {url}/ yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_name_files_inside_the_site_only() {
        let root = std::env::temp_dir().join(format!("blogtool-resolve-{}", std::process::id()));
        std::fs::create_dir_all(root.join("posts/my loaf")).unwrap();
        std::fs::write(root.join("posts/my loaf/index.html"), "x").unwrap();
        std::fs::write(root.join("index.html"), "x").unwrap();
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/posts/my%20loaf/"),
            Resolved::File(root.join("posts/my loaf/index.html"))
        );
        assert_eq!(
            resolve(&root, "/posts/my%20loaf"),
            Resolved::Redirect("/posts/my%20loaf/".into())
        );
        assert_eq!(
            resolve(&root, "//posts/my%20loaf"),
            Resolved::Redirect("/posts/my%20loaf/".into())
        );
        assert_eq!(
            resolve(&root, "/posts/my loaf"),
            Resolved::Redirect("/posts/my%20loaf/".into())
        );
        for outside in [
            "/C:/x",
            "/c%3A/x",
            "/../etc/passwd",
            "/posts/%2e%2e/%2e%2e/x",
            "/a%00b",
            "/nope/",
            "/%zz",
        ] {
            assert_eq!(resolve(&root, outside), Resolved::Missing, "{outside}");
        }
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn pages_name_the_build_they_are_from() {
        let page = b"<head><script src=\"/blog/__blogtool/live.js\" defer></script></head>";
        assert_eq!(
            String::from_utf8(with_build_number(page, 7)).unwrap(),
            "<head><script src=\"/blog/__blogtool/live.js?since=7\" defer></script></head>"
        );
        assert_eq!(
            with_build_number(b"<p>no script</p>", 7),
            b"<p>no script</p>"
        );
    }

    #[test]
    fn percent_escapes_decode_and_broken_ones_stay() {
        assert_eq!(blog_core::url::percent_decode("/a%20b%C3%A9"), "/a bé");
        assert_eq!(blog_core::url::percent_decode("/100%"), "/100%");
        assert_eq!(blog_core::url::percent_decode("/%4"), "/%4");
    }
}
