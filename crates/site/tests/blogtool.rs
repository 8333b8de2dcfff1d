//! `blogtool` as authors and the build run it: publish, check, new (init, build and serve:
//! `site.rs`, which need the app).
// Native only: blogtool reads and writes files (the workspace is linted for wasm32 too).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::{Command, Output};

use blog_core::index::PostIndex;
use blog_core::post::Post;

mod common;

use common::TempDir;

/// Runs blogtool on `posts` with the clock fixed at 2025-06-01 12:00.
fn blogtool(args: &[&str], posts: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blogtool"))
        .args(args)
        .arg("--posts")
        .arg(posts)
        .env("BLOG_NOW", "2025-06-01T12:00")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn publish(posts: &Path, extra: &[&str]) -> (PostIndex, String) {
    let out = posts.join("out");
    let mut args = vec!["publish", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = blogtool(&args, posts);
    assert!(result.status.success(), "{}", stderr(&result));
    let json = std::fs::read_to_string(out.join("index.json")).unwrap();
    (serde_json::from_str(&json).unwrap(), stderr(&result))
}

fn slugs(m: &PostIndex) -> Vec<&str> {
    m.posts.iter().map(|p| p.slug.as_str()).collect()
}

#[test]
fn publish_indexes_the_folder_and_picks_up_a_new_post() {
    let dir = TempDir::new("new-post");
    dir.write(
        "first.md",
        "---\ntitle: First\ndate: 2025-01-01\nauthor: Ann\n---\nHello.\n",
    );
    dir.write("authors.yaml", "ann:\n  name: Ann Example\n");
    dir.write("notes.txt", "not a post");
    let (m, _) = publish(&dir.0, &[]);
    assert_eq!(slugs(&m), ["first"]);
    assert_eq!(m.authors[0].name, "Ann Example");

    dir.write(
        "second.md",
        "---\ntitle: Second\ndate: 2025-02-01\n---\nNewer.\n",
    );
    let (m, _) = publish(&dir.0, &[]);
    assert_eq!(slugs(&m), ["second", "first"]);
    assert!(dir.0.join("out/second.md").is_file());
}

#[test]
fn publish_leaves_out_local_images_the_site_does_not_have_and_says_where() {
    let dir = TempDir::new("missing-images");
    dir.write(
        "loaf.md",
        "---\ntitle: Loaf\ndate: 2025-01-01\nimage: /images/gone-lead.png\nimage_alt: A loaf\n---\nCrumb.\n\n![Kept](/images/here.png)\n\n![Gone](/images/not-here.png)\n\n<img src=\"/images/gone-raw.png\" alt=\"Raw\">\n\nNext time.\n",
    );
    std::fs::create_dir_all(dir.0.join("bundle")).unwrap();
    dir.write(
        "bundle/index.md",
        "---\ntitle: Bundle\ndate: 2025-01-02\n---\n![Beside](pic.png)\n",
    );
    dir.write("bundle/pic.png", "png");
    dir.write("bundle/extra.png", "png");
    dir.write(
        "other.md",
        "---\ntitle: Other\ndate: 2025-01-03\n---\n![Borrowed](/posts/bundle/pic.png)\n\n![Lost](/posts/bundle/nope.png)\n\n![Beside it](/posts/bundle/extra.png)\n",
    );
    std::fs::create_dir_all(dir.0.join("site/images")).unwrap();
    dir.write("site/images/here.png", "png");
    let site = dir.0.join("site");
    let (m, warnings) = publish(&dir.0, &["--public", site.to_str().unwrap()]);
    let loaf = std::fs::read_to_string(dir.0.join("out/loaf.md")).unwrap();
    assert!(loaf.contains("![Kept](/images/here.png)"), "{loaf}");
    for gone in ["not-here.png", "gone-raw.png", "gone-lead.png", "image_alt"] {
        assert!(!loaf.contains(gone), "{gone} in {loaf}");
    }
    assert!(
        loaf.contains("Crumb.") && loaf.contains("Next time."),
        "{loaf}"
    );
    let entry = m.posts.iter().find(|p| p.slug == "loaf").unwrap();
    assert_eq!(entry.image, None);
    let bundle = std::fs::read_to_string(dir.0.join("out/bundle.md")).unwrap();
    assert!(bundle.contains("pic.png"), "{bundle}");
    let site = site.display();
    for want in [
        format!("posts/loaf.md:4: warning: image /images/gone-lead.png does not exist and is left out (put it under {site})"),
        format!("posts/loaf.md:11: warning: image /images/not-here.png does not exist and is left out (put it under {site})"),
        format!("posts/loaf.md:13: warning: image /images/gone-raw.png does not exist and is left out (put it under {site})"),
    ] {
        assert!(warnings.contains(&want), "{want}\nnot in\n{warnings}");
    }
    assert!(!warnings.contains("pic.png"), "{warnings}");
    // Another post may show a file published with a bundle.
    let other = std::fs::read_to_string(dir.0.join("out/other.md")).unwrap();
    assert!(
        other.contains("![Borrowed](/posts/bundle/pic.png)"),
        "{other}"
    );
    assert!(
        other.contains("![Beside it](/posts/bundle/extra.png)"),
        "{other}"
    );
    assert!(!other.contains("nope.png"), "{other}");
    assert!(
        warnings.contains("posts/other.md:7: warning: image /posts/bundle/nope.png does not exist and is left out (put it beside the post)"),
        "{warnings}"
    );
}

#[test]
fn publish_reports_broken_posts_and_keeps_drafts_and_future_posts_for_serve_only() {
    let dir = TempDir::new("broken");
    dir.write("ok.md", "---\ntitle: Ok\ndate: 2025-01-01\n---\n");
    dir.write(
        "draft.md",
        "---\ntitle: Draft\ndate: 2025-01-02\ndraft: true\n---\n",
    );
    dir.write("later.md", "---\ntitle: Later\ndate: 2025-06-02\n---\n");
    dir.write(
        "broken.md",
        "---\ntitle: Broken\ndate: someday\n---\nSecret source.\n",
    );
    // A release build stops on a broken post, saying which and why.
    let out = dir.0.join("out");
    let failed = blogtool(&["publish", "--out", out.to_str().unwrap()], &dir.0);
    assert!(!failed.status.success());
    let message =
        "posts/broken.md:3: date \"someday\" is not a date (expected YYYY-MM-DD or RFC 3339)";
    assert!(
        stderr(&failed).contains(&format!("error: {message}")),
        "{}",
        stderr(&failed)
    );
    assert!(stderr(&failed).contains("--skip-broken"));
    // BLOG_SKIP_BROKEN: the rest is published; readers see neither the list of broken
    // posts nor their source.
    let (m, err) = publish(&dir.0, &["--skip-broken"]);
    assert_eq!(slugs(&m), ["ok"]);
    assert!(m.problems.is_empty(), "{:?}", m.problems);
    assert!(err.contains(&format!("warning: {message}")), "{err}");
    assert!(out.join("ok.md").is_file() && !out.join("broken.md").exists());
    let index = std::fs::read_to_string(out.join("index.json")).unwrap();
    assert!(!index.contains("broken"), "{index}");
    // Only published posts ship: a draft's or a future post's file cannot be fetched.
    assert!(!out.join("draft.md").exists() && !out.join("later.md").exists());

    // While writing (`trunk serve`) the problem is listed and opening the post explains it.
    let (m, _) = publish(
        &dir.0,
        &["--drafts", "--future", "--skip-broken", "--show-problems"],
    );
    assert_eq!(slugs(&m), ["later", "draft", "ok"]);
    assert_eq!(m.problems[0].message, message);
    assert!(out.join("broken.md").is_file());
}

#[test]
fn check_prints_file_line_messages_and_fails_on_errors() {
    let dir = TempDir::new("check");
    dir.write("authors.yaml", "ann:\n  name: Ann\n");
    dir.write(
        "good.md",
        "---\ntitle: Good\ndate: 2025-01-01\nauthor: Ann\n---\nHello.\n",
    );
    let ok = blogtool(&["check"], &dir.0);
    assert!(ok.status.success(), "{}", stdout(&ok));
    assert!(stdout(&ok).contains("checked 1 posts: 0 error(s), 0 warning(s)"));

    dir.write(
        "bad.md",
        "---\ntitle: Bad\ndate: 2025-01-02\nauthor: Anne\n---\nSee [x](missing.md).\n",
    );
    // What a reader would miss is a warning: the post still publishes.
    let out = blogtool(&["check"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "posts/bad.md:4: warning: author \"Anne\" is not in posts/authors.yaml; did you mean \"Ann\" (ann)?"
        ),
        "{text}"
    );
    assert!(
        text.contains("posts/bad.md:6: warning: link to \"missing.md\" points to no post"),
        "{text}"
    );
    assert!(
        text.contains("checked 2 posts: 0 error(s), 2 warning(s)"),
        "{text}"
    );
    // What stops a post from publishing is an error, and every problem is reported.
    dir.write(
        "worse.md",
        "---\ntitle: Worse\ndate: 2025-13-45\n---\n![x](/images/none.png)\n",
    );
    let out = blogtool(&["check"], &dir.0);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("posts/worse.md:3: error: date \"2025-13-45\" is not a date"),
        "{text}"
    );
    assert!(
        text.contains("checked 3 posts: 1 error(s), 2 warning(s)"),
        "{text}"
    );
}

#[test]
fn new_writes_a_dated_draft_that_parses_and_never_overwrites() {
    let dir = TempDir::new("new");
    let args = ["new", "Hello, Wörld: a first post", "--author", "Ann"];
    let out = blogtool(&args, &dir.0);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = "hello-world-a-first-post.md";
    let text = std::fs::read_to_string(dir.0.join(file)).unwrap();
    let post = Post::parse(file, &text).unwrap();
    assert_eq!(post.meta.title, "Hello, Wörld: a first post");
    assert_eq!(post.meta.date.iso(), "2025-06-01");
    assert_eq!(post.meta.authors, ["Ann"]);
    assert!(post.meta.draft);

    // The same title again gets its own file and address; the first is left alone.
    let again = blogtool(&args, &dir.0);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("hello-world-a-first-post-2.md"));
    assert_eq!(std::fs::read_to_string(dir.0.join(file)).unwrap(), text);
    // Any script gives a usable name, unique against the addresses posts already claim.
    dir.write(
        "taken.md",
        "---\ntitle: T\ndate: 2025-01-01\nslug: ni-hao-shi-jie\n---\n",
    );
    let chinese = blogtool(&["new", "你好世界"], &dir.0);
    assert!(chinese.status.success(), "{}", stderr(&chinese));
    assert!(
        stdout(&chinese).contains("ni-hao-shi-jie-2.md"),
        "{}",
        stdout(&chinese)
    );
}

#[test]
fn fails_clearly_on_a_missing_folder_or_unknown_command() {
    let out = blogtool(
        &["publish", "--out", "/tmp/unused"],
        Path::new("/no/such/folder"),
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("cannot read /no/such/folder"));
    // Usage mistakes exit with 2, and say what is wrong.
    let out = blogtool(&["publish"], Path::new("posts"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--out <DIR>"), "{}", stderr(&out));
    let out = blogtool(&["deploy"], Path::new("posts"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unrecognized subcommand 'deploy'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn one_broken_post_among_a_hundred() {
    let dir = TempDir::new("hundred");
    for i in 0..100 {
        let date = if i == 42 {
            "42/42/2025".to_string()
        } else {
            format!("2024-01-01 {:02}:{:02}", i / 60, i % 60)
        };
        dir.write(
            &format!("post-{i:03}.md"),
            &format!("---\ntitle: Post {i}\ndate: {date}\n---\nBody {i}.\n"),
        );
    }
    let message =
        "posts/post-042.md:3: date \"42/42/2025\" is not a date (expected YYYY-MM-DD or RFC 3339)";
    let out = dir.0.join("out");
    let failed = blogtool(&["publish", "--out", out.to_str().unwrap()], &dir.0);
    assert!(!failed.status.success());
    assert!(stderr(&failed).contains(message), "{}", stderr(&failed));

    let (m, _) = publish(&dir.0, &["--skip-broken", "--show-problems"]);
    assert_eq!(m.posts.len(), 99);
    assert_eq!(m.problems.len(), 1);
    assert_eq!(m.problems[0].message, message);

    let check = blogtool(&["check"], &dir.0);
    assert_eq!(check.status.code(), Some(1));
    let reported = message.replacen(": date", ": error: date", 1);
    assert!(stdout(&check).contains(&reported), "{}", stdout(&check));
    assert!(stdout(&check).contains("checked 100 posts: 1 error(s)"));
}

#[test]
fn publish_follows_site_yaml_and_writes_the_search_index() {
    use blog_core::search::{evaluate, parse_query, SearchMeta, Shard};
    let dir = TempDir::new("settings");
    dir.write("site.yaml", "title: Field Notes\ndefault_author: ada\n");
    dir.write(
        "hello.md",
        "---\ntitle: Hello\ndate: 2025-03-15\n---\nMy résumé, written in 東京.\n",
    );
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_blogtool"))
            .args(args)
            .current_dir(&dir.0)
            .env("BLOG_NOW", "2025-06-01T12:00")
            .output()
            .unwrap()
    };
    let result = run(&["publish", "--posts", ".", "--out", "out"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let read = |file: &str| std::fs::read_to_string(dir.0.join("out").join(file)).unwrap();

    // The default author is credited on a post that names none.
    let manifest: PostIndex = serde_json::from_str(&read("index.json")).unwrap();
    assert_eq!(manifest.posts[0].authors, ["ada"]);
    // Each post's context, for pages opened in the app.
    assert!(read("context/hello.json").contains("\"slug\":\"hello\""));
    // The settings the app needs when a page does not embed them.
    assert!(read("site.json").contains("\"title\":\"Field Notes\""));

    // The index answers accented and Japanese queries.
    let meta: SearchMeta = serde_json::from_str(&read("search/meta.json")).unwrap();
    assert_eq!(meta.docs, 1);
    let shards: Vec<Shard> = (0..meta.shards.len())
        .map(|i| Shard::parse(&read(&format!("search/{}", meta.shard_path(i)))).unwrap())
        .collect();
    for query in ["resume", "東京", "hello"] {
        let hits = evaluate(&meta, &parse_query(query), |i| shards.get(i));
        assert_eq!(hits.len(), 1, "{query}");
    }
    assert!(read(&format!("search/{}", meta.doc_path(0).0)).contains("\"slug\":\"hello\""));

    // A mistake in site.yaml is reported by check, with the fix.
    dir.write("site.yaml", "title: Notes\npage_size: 0\n");
    let out = run(&["check", "--posts", "."]);
    assert!(!out.status.success());
    assert!(
        stdout(&out)
            .contains("site.yaml:2: error: page_size \"0\" must be a whole number from 1 to 1000"),
        "{}",
        stdout(&out)
    );

    // A misspelt setting or profile field would do nothing: check and publish say so, with
    // what it likely means, and still publish.
    dir.write("site.yaml", "title: Notes\npage-size: 5\n");
    dir.write("authors.yaml", "ada:\n  name: Ada\n  avatr: /ada.png\n");
    let out = run(&["check", "--posts", "."]);
    assert!(out.status.success(), "{}", stdout(&out));
    for expected in [
        "site.yaml:2: warning: unknown key `page-size`; did you mean `page_size`? (it is ignored)",
        "posts/authors.yaml:3: warning: ada: unknown key `avatr`; did you mean `avatar`? (it is ignored)",
    ] {
        assert!(stdout(&out).contains(expected), "{}", stdout(&out));
    }
    let result = run(&["publish", "--posts", ".", "--out", "out"]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("site.yaml:2: warning: unknown key `page-size`"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn check_on_the_migration_fixtures_says_only_what_their_readme_expects() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/migration");
    let out = Command::new(env!("CARGO_BIN_EXE_blogtool"))
        .args(["check", "--posts"])
        .arg(&fixtures)
        .arg("--public")
        .arg(&fixtures)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let expected = [
        "posts/02-mdx-component.mdx:11: warning: MDX component <OvenChart> is left out",
        "posts/06-docsify-heading-title.md: warning: no date: dated ",
        "posts/08-windows-1252.md:2: warning: file is not UTF-8",
        "posts/37-liquid-include.md:8: warning: `{% include note.html %}` is dropped",
        "posts/46-missing-image.md:8: warning: image /images/not-here.png does not exist",
        // Removed raw HTML is reported where it was written.
        "posts/56-inline-script-excerpt.md:6: warning: <script> is left out",
        "checked 59 posts: 0 error(s), 6 warning(s)",
    ];
    assert_eq!(lines.len(), expected.len(), "{text}");
    for (line, want) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(want),
            "{line:?} should start with {want:?}"
        );
    }
}

// The publishing pass is native only (the crate's wasm32 build has no `build`).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn what_publishing_returns_in_memory_is_what_it_wrote() {
    // The release build prerenders every page from what `build::publish` returns, and the
    // app fetches the files it wrote: the two must be the same data, and the post rendered
    // once must be the post the app renders from the file.
    use blog_core::index::ListPage;
    use blog_site::output::Output;
    use blog_site::publish::{publish, PublishOptions};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = TempDir::new("in-memory");
    let output = Output::new(&out.0, false).unwrap();
    let published = publish(&PublishOptions {
        posts: &root.join("posts"),
        pages: &root.join("pages"),
        output: &output,
        out: &out.0,
        public: &root.join("public"),
        base: "/blog/",
        include_drafts: false,
        include_future: false,
        skip_broken: false,
        show_problems: false,
        diagram_cache: None,
        // As a folder without site.yaml (the crate's, where tests run) reads.
        settings: &blog_core::config::Settings::default(),
        cache: None,
        changed: &[],
    })
    .unwrap();
    let read = |file: &str| {
        std::fs::read_to_string(out.0.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    assert!(published.index.posts.len() >= 5, "the shipped posts");
    let index: PostIndex = serde_json::from_str(&read("index.json")).unwrap();
    assert_eq!(published.index, index);
    assert_eq!(published.sources.len(), index.posts.len());
    assert_eq!(published.posts.len(), index.posts.len());
    assert_eq!(published.contexts.len(), index.posts.len());
    for (((meta, (file, text)), rendered), context) in index
        .posts
        .iter()
        .zip(&published.sources)
        .zip(&published.posts)
        .zip(&published.contexts)
    {
        assert_eq!(*file, meta.file);
        assert_eq!(*text, read(file));
        // The one render of the post is what reading the written file gives, under the
        // base path it was published for.
        let again = Post::parse_at(file, &read(file), "/blog/").unwrap();
        assert_eq!(rendered.html, again.html, "{file}");
        assert_eq!(rendered.meta.file, meta.file);
        assert!(rendered.html.contains("/blog/") || !again.html.contains("href=\"/"));
        let written: PostIndex =
            serde_json::from_str(&read(&format!("context/{}.json", meta.slug))).unwrap();
        assert_eq!(*context, written);
        assert!(context.posts.iter().any(|p| p.slug == meta.slug));
    }
    assert!(!published.list_pages.is_empty());
    for page in &published.list_pages {
        let written: ListPage =
            serde_json::from_str(&read(&format!("pages/{}.json", page.number))).unwrap();
        assert_eq!(*page, written);
    }
    assert!(!out
        .0
        .join(format!("pages/{}.json", published.list_pages.len() + 1))
        .exists());
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn pages_written_while_the_search_index_is_written_are_kept_and_their_errors_reported() {
    // The prerender writes every page (`posts/<slug>/index.html`) while publishing writes
    // the search index (`posts/search/`): a post called `search` shares that folder.
    use blog_site::output::Output;
    use blog_site::publish::{publish_then, PublishOptions};
    let posts = TempDir::new("search-slug-posts");
    std::fs::write(
        posts.0.join("search.md"),
        "---\ntitle: How to search\ndate: 2024-01-01\n---\nUse the search box.\n",
    )
    .unwrap();
    let out = TempDir::new("search-slug-out");
    let output = Output::new(&out.0, false).unwrap();
    let options = PublishOptions {
        posts: &posts.0,
        pages: &posts.0.join("no-pages"),
        output: &output,
        out: &out.0,
        public: &posts.0,
        base: "/",
        include_drafts: false,
        include_future: false,
        skip_broken: false,
        show_problems: false,
        diagram_cache: None,
        // As a folder without site.yaml (the crate's, where tests run) reads.
        settings: &blog_core::config::Settings::default(),
        cache: None,
        changed: &[],
    };
    let page = out.0.join("search/index.html");
    let (published, written) = publish_then(&options, |published| {
        std::fs::create_dir_all(page.parent().unwrap())?;
        std::fs::write(&page, "<h1>How to search</h1>")?;
        Ok(published.index.posts.len())
    })
    .unwrap();
    assert_eq!(
        (published.index.posts[0].slug.as_str(), written),
        ("search", 1)
    );
    assert!(page.is_file(), "the post's page was deleted");
    assert!(out.0.join("search/meta.json").is_file(), "no search index");
    let failed = publish_then(&options, |_| -> anyhow::Result<()> {
        anyhow::bail!("cannot write posts/search/index.html")
    });
    let message = format!("{:#}", failed.expect_err("the pages' error"));
    assert!(
        message.contains("cannot write posts/search/index.html"),
        "{message}"
    );
}
