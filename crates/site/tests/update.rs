//! `Site::update`, what `blogtool serve` does after a save: on a blog of 2,000 generated
//! posts, an edit writes only the edited post's files, the lists it is on and the search
//! shards of its words, and what is on disk after any update is exactly what a whole build
//! writes.
// Native only: blogtool reads and writes files (the workspace is linted for wasm32 too).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use blog_core::config::Settings;
use blog_site::app::App;
use blog_site::build::{BuildOptions, Mode, Site};

mod common;

use common::{stand_in_app, TempDir};

const POSTS: usize = 2000;
const TAGS: [&str; 6] = ["rust", "wasm", "css", "deploy", "search", "design"];

/// A post of its own words (`wordN` is only in post N) among words every post shares.
fn post(n: usize) -> String {
    let (tag, other) = (TAGS[n % TAGS.len()], TAGS[(n / 7) % TAGS.len()]);
    format!(
        "---\ntitle: Notes {n} on {tag}\ndate: 2020-01-01T00:00:00Z\ndescription: About {tag}, part {n}.\ntags: [{tag}, {other}]\n---\n\n\
         First paragraph of post {n}: the {tag} build writes pages.\n\n\
         ## Details\n\n\
         Second paragraph with word{n} and some shared words about {other} and layout.\n\n\
         Last paragraph: measured twice, kept once.\n"
    )
    // One second apart, so the order (newest first) is fixed.
    .replace("00:00:00Z", &format!("{:02}:{:02}:{:02}Z", n / 3600, n / 60 % 60, n % 60))
}

/// Every file under `dir` and its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    files
}

/// The two folders hold the same files with the same bytes; names the first difference.
fn assert_same_site(updated: &Path, whole: &Path) {
    let (a, b) = (tree(updated), tree(whole));
    let only = |x: &BTreeMap<PathBuf, Vec<u8>>, y: &BTreeMap<PathBuf, Vec<u8>>| -> Vec<PathBuf> {
        x.keys().filter(|k| !y.contains_key(*k)).cloned().collect()
    };
    assert_eq!(
        only(&a, &b),
        Vec::<PathBuf>::new(),
        "only in the updated site"
    );
    assert_eq!(
        only(&b, &a),
        Vec::<PathBuf>::new(),
        "only in the whole build"
    );
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs from a whole build",
            path.display()
        );
    }
}

#[test]
fn an_edit_writes_only_the_posts_files_its_lists_and_its_search_shards() {
    let dir = TempDir::new("update");
    let app = App::from_dir(&stand_in_app(&dir)).unwrap();
    for n in 1..=POSTS {
        dir.write(&format!("blog/posts/post-{n:04}.md"), &post(n));
    }
    let options = |out: &str| BuildOptions {
        posts: dir.0.join("blog/posts"),
        pages: dir.0.join("blog/pages"),
        public: dir.0.join("blog/public"),
        out: dir.0.join(out),
        base: "/".into(),
        settings: Settings::default(),
        url: "http://127.0.0.1:1111".into(),
        skip_broken: true,
        mode: Mode::Preview,
        app: &app,
        diagram_cache: None,
    };
    let served = options("served");
    let mut site = Site::default();
    let first = site.update(&served, &[]).unwrap();
    assert_eq!(first.posts, POSTS);
    assert!(
        first.written.len() > 3 * POSTS,
        "a first update is a whole build"
    );

    // One word of a paragraph changes for another of the same length in words.
    let edited = dir.0.join("blog/posts/post-1000.md");
    let text = post(1000).replace("measured twice", "measured thrice");
    std::fs::write(&edited, text).unwrap();
    let update = site.update(&served, &[edited]).unwrap();
    let slug = "post-1000";
    let written: Vec<String> = update
        .written
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    for own in [
        format!("posts/{slug}.md"),
        format!("posts/{slug}/index.html"),
    ] {
        assert!(written.contains(&own), "{own} not written: {written:?}");
    }
    // Post 1000 of 2,000, newest first, ten to a page: on the list's page 101 (whose
    // entries carry no body text, so it may stay as it was).
    let allowed = |path: &str| {
        path == format!("posts/{slug}.md")
            || path == format!("posts/{slug}/index.html")
            || path == "posts/pages/101.json"
            || path == "page/101/index.html"
            || path.starts_with("posts/search/")
    };
    let others: Vec<&String> = written.iter().filter(|p| !allowed(p)).collect();
    assert!(others.is_empty(), "written besides the post's: {others:?}");
    let shards: Vec<&String> = written
        .iter()
        .filter(|p| p.starts_with("posts/search/t"))
        .collect();
    assert!(
        (1..=4).contains(&shards.len()),
        "the shards of the words changed (thrice, twice): {shards:?}"
    );
    assert!(
        written.iter().any(|p| p == "posts/search/meta.json"),
        "meta.json names the new shards"
    );

    // Nothing is missing, stale or different from a whole build of the same posts.
    let whole = Site::default().build(&options("whole")).unwrap();
    assert_eq!(whole.posts, POSTS);
    assert_same_site(&served.out, &dir.0.join("whole"));

    // A post taken away and one added: its files go, the new one's come, the lists and
    // term pages change, and the result is again exactly a whole build.
    let gone = dir.0.join("blog/posts/post-0002.md");
    std::fs::remove_file(&gone).unwrap();
    dir.write("blog/posts/post-9999.md", &post(9999));
    let update = site
        .update(&served, &[gone, dir.0.join("blog/posts/post-9999.md")])
        .unwrap();
    assert_eq!(update.posts, POSTS);
    assert!(!served.out.join("posts/post-0002.md").exists());
    assert!(served.out.join("posts/post-9999/index.html").is_file());
    Site::default().build(&options("whole")).unwrap();
    assert_same_site(&served.out, &dir.0.join("whole"));
}
