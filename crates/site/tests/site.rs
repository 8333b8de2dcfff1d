//! `blogtool init` and `blogtool build` on blog folders, natively: with a small stand-in for
//! the app (`--app`), so these run before any app is built (the browser tests use the real
//! one, inside the installed blogtool).
// Native only: blogtool reads and writes files (the workspace is linted for wasm32 too).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::{Command, Output};

mod common;

use common::{stand_in_app, TempDir};

fn blogtool(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_blogtool"));
    command
        .args(args)
        .current_dir(cwd)
        .env("BLOG_NOW", "2026-06-01T12:00");
    for name in [
        "BLOG_BASE",
        "BLOG_SITE_URL",
        "BLOG_POSTS",
        "BLOG_PUBLIC",
        "BLOG_SITE_CONFIG",
        "BLOG_SKIP_BROKEN",
    ] {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn init_makes_a_blog_that_builds_and_refuses_a_folder_in_use() {
    let dir = TempDir::new("site-init");
    let app = stand_in_app(&dir);
    let made = blogtool(&["init", "tide-notes"], &dir.0, &[]);
    assert!(made.status.success(), "{}", stderr(&made));
    let blog = TempDir(dir.0.join("tide-notes"));
    assert!(blog.read("site.yaml").contains("title: Tide Notes"));
    assert!(blog
        .read("posts/hello-world.md")
        .contains("date: 2026-06-01"));
    let workflow = blog.read(".github/workflows/pages.yml");
    assert!(
        workflow.contains(&format!(
            "/v{}/blogtool-x86_64-unknown-linux-gnu.tar.gz",
            env!("CARGO_PKG_VERSION")
        )),
        "{workflow}"
    );
    assert!(!workflow.contains("cargo") && !workflow.contains("trunk"));
    for engine in ["Cargo.toml", "src", "index.html", "Trunk.toml", "scripts"] {
        assert!(!blog.0.join(engine).exists(), "{engine}");
    }

    // Not empty: refused, and nothing written over.
    std::fs::write(blog.0.join("posts/hello-world.md"), "mine").unwrap();
    let again = blogtool(&["init", "tide-notes"], &dir.0, &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("is not empty"),
        "{}",
        stderr(&again)
    );
    assert_eq!(blog.read("posts/hello-world.md"), "mine");
    let forced = blogtool(&["init", "tide-notes", "--force"], &dir.0, &[]);
    assert!(forced.status.success(), "{}", stderr(&forced));

    let built = blogtool(&["build", "--app", app.to_str().unwrap()], &blog.0, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = blog.read("dist/posts/hello-world/index.html");
    assert!(page.contains("<title>Hello, world"), "{page}");
    assert!(blog
        .read("dist/feed.xml")
        .contains("https://example.com/posts/hello-world<"));
    // Its About page: a page at /about/, in the menu, not in the feed.
    let about = blog.read("dist/about/index.html");
    assert!(about.contains("<title>About · Tide Notes"), "{about}");
    assert!(
        about.contains("\"menu\":[{\"label\":\"About\",\"url\":\"/about/\"}]"),
        "{about}"
    );
    assert!(!blog.read("dist/feed.xml").contains("/about/"));
}

#[test]
fn build_names_the_app_under_the_base_path_and_the_blogs_files_win() {
    let dir = TempDir::new("site-base");
    let app = stand_in_app(&dir);
    dir.write(
        "blog/site.yaml",
        "title: Sub Path\nurl: https://x.example/notes/\n",
    );
    dir.write(
        "blog/posts/a.md",
        "---\ntitle: A\ndate: 2026-01-01\n---\nText.\n",
    );
    dir.write("blog/public/favicon.svg", "<svg>mine</svg>");
    dir.write("blog/public/images/p.png", "png");
    let blog = dir.0.join("blog");
    let app_arg = app.to_str().unwrap();

    // The path of `url:` is the base path.
    let built = blogtool(&["build", "--app", app_arg], &blog, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let home = dir.read("blog/dist/index.html");
    assert!(home.contains("import('/notes/rustblog-1.js')"), "{home}");
    assert!(!home.contains("__blogtool_base__"));
    assert!(home.contains("href=\"/notes/posts/a\""), "{home}");
    // The blog's own file replaces the app's of the same name; its images come along.
    assert_eq!(dir.read("blog/dist/favicon.svg"), "<svg>mine</svg>");
    assert_eq!(dir.read("blog/dist/images/p.png"), "png");
    assert!(dir.0.join("blog/dist/sw.js").is_file());

    // BLOG_BASE beats site.yaml, and --base beats BLOG_BASE; --url beats BLOG_SITE_URL,
    // which beats site.yaml; --out is relative to where blogtool runs.
    // Flags, one variable, the file to read, what it must say.
    type Case<'a> = (&'a [&'a str], (&'a str, &'a str), &'a str, &'a str);
    let cases: [Case; 4] = [
        (
            &[],
            ("BLOG_BASE", "/from-env/"),
            "index.html",
            "import('/from-env/rustblog-1.js')",
        ),
        (
            &["--base", "/flag/"],
            ("BLOG_BASE", "/from-env/"),
            "index.html",
            "import('/flag/rustblog-1.js')",
        ),
        (
            &["--base", "/"],
            ("BLOG_SITE_URL", "https://env.example"),
            "feed.xml",
            "https://env.example/posts/a<",
        ),
        (
            &["--base", "/", "--url", "https://flag.example"],
            ("BLOG_SITE_URL", "https://env.example"),
            "feed.xml",
            "https://flag.example/posts/a<",
        ),
    ];
    for (flags, variable, file, expected) in cases {
        let mut args = vec!["build", "blog", "--app", app_arg, "--out", "site"];
        args.extend_from_slice(flags);
        let built = blogtool(&args, &dir.0, &[variable]);
        assert!(built.status.success(), "{flags:?}: {}", stderr(&built));
        let text = dir.read(&format!("site/{file}"));
        assert!(
            text.contains(expected),
            "{flags:?} {variable:?}: no {expected} in {file}"
        );
    }
    // Each build replaced the one before, whose files were deleted, not left beside it.
    let left: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn build_stops_on_a_broken_post_with_its_line_unless_told_to_skip_it() {
    let dir = TempDir::new("site-broken");
    let app = stand_in_app(&dir);
    dir.write("blog/site.yaml", "url: https://x.example\n");
    dir.write(
        "blog/posts/good.md",
        "---\ntitle: Good\ndate: 2026-01-01\n---\nText.\n",
    );
    dir.write(
        "blog/posts/bad.md",
        "---\ntitle: [unclosed\ndate: 2026-01-02\n---\nText.\n",
    );
    let blog = dir.0.join("blog");
    let app_arg = app.to_str().unwrap();
    let failed = blogtool(&["build", "--app", app_arg], &blog, &[]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("bad.md:2"), "{}", stderr(&failed));
    let skipped = blogtool(&["build", "--app", app_arg, "--skip-broken"], &blog, &[]);
    assert!(skipped.status.success(), "{}", stderr(&skipped));
    assert!(dir.0.join("blog/dist/posts/good/index.html").is_file());
    assert!(!dir.0.join("blog/dist/posts/bad").exists());
    let skipped = blogtool(
        &["build", "--app", app_arg],
        &blog,
        &[("BLOG_SKIP_BROKEN", "1")],
    );
    assert!(skipped.status.success(), "{}", stderr(&skipped));
}

#[test]
fn build_never_empties_the_blog_itself_and_names_a_missing_app() {
    let dir = TempDir::new("site-refuse");
    let app = stand_in_app(&dir);
    dir.write("blog/site.yaml", "url: https://x.example\n");
    dir.write(
        "blog/posts/a.md",
        "---\ntitle: A\ndate: 2026-01-01\n---\nText.\n",
    );
    let blog = dir.0.join("blog");
    let app_arg = app.to_str().unwrap();
    dir.write("elsewhere/notes.txt", "keep me");
    for out in [".", "..", "posts", "../blog/posts/..", "../elsewhere"] {
        let refused = blogtool(&["build", "--app", app_arg, "--out", out], &blog, &[]);
        assert_eq!(refused.status.code(), Some(1), "{out}");
        let said = stderr(&refused);
        assert!(
            said.contains("holds the blog itself") || said.contains("blogtool did not build"),
            "{out}: {said}"
        );
    }
    assert!(blog.join("posts/a.md").is_file());
    assert_eq!(dir.read("elsewhere/notes.txt"), "keep me");
    let missing = blogtool(&["build", "--app", "/no/such/app"], &blog, &[]);
    assert!(
        stderr(&missing).contains("is not a built app"),
        "{}",
        stderr(&missing)
    );
    assert!(
        stderr(&missing).contains("scripts/install.sh"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn blog_folders_written_by_earlier_versions_keep_building() {
    // Each is what `blogtool init` of that version wrote (BLOG_NOW=2026-06-01T12:00), kept
    // as it was: upgrading the engine must never break a blog.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/blogs");
    let dir = TempDir::new("site-versions");
    let app = stand_in_app(&dir);
    let mut built = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let blog = entry.unwrap().path();
        let out = dir.0.join(blog.file_name().unwrap());
        let result = blogtool(
            &[
                "build",
                blog.to_str().unwrap(),
                "--app",
                app.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
            &dir.0,
            &[],
        );
        assert!(
            result.status.success(),
            "{}: {}",
            blog.display(),
            stderr(&result)
        );
        assert!(
            out.join("posts/hello-world/index.html").is_file(),
            "{}",
            blog.display()
        );
        let check = blogtool(&["check", "--dir", blog.to_str().unwrap()], &dir.0, &[]);
        assert!(
            check.status.success(),
            "{}: {}",
            blog.display(),
            String::from_utf8_lossy(&check.stdout)
        );
        built += 1;
    }
    assert!(built >= 1, "no blog folders in {}", fixtures.display());
}

/// Other engines' files beside the posts: Docusaurus' `authors.yml` joins the registry
/// (`posts/authors.yaml` wins an id both have, with a warning), and a Pelican `.rst` post,
/// which is not read, is named by `check` rather than missing unseen.
#[test]
fn check_and_build_read_other_engines_registries_and_name_rst_posts() {
    let dir = TempDir::new("site-engines");
    let app = stand_in_app(&dir);
    let made = blogtool(&["init", "moved"], &dir.0, &[]);
    assert!(made.status.success(), "{}", stderr(&made));
    let blog = TempDir(dir.0.join("moved"));
    let registry = blog.read("posts/authors.yaml");
    let first_id = registry
        .lines()
        .find(|l| !l.starts_with('#') && l.ends_with(':'))
        .unwrap()
        .trim_end_matches(':')
        .to_string();
    blog.write(
        "posts/blog/authors.yml",
        &format!("{first_id}:\n  name: Someone Else\nlena:\n  name: Lena Quist\n  title: Tide researcher\n  socials:\n    github: lenaq\n"),
    );
    blog.write(
        "posts/blog/2024-02-03-tides/index.md",
        "---\ntitle: Tides\nauthors: [lena]\n---\n\nHigh and low.\n",
    );
    blog.write("posts/old/notes.rst", "Notes\n=====\n\nText.\n");
    let check = blogtool(&["check", "--dir", blog.0.to_str().unwrap()], &dir.0, &[]);
    let said = String::from_utf8_lossy(&check.stdout).into_owned() + &stderr(&check);
    assert!(
        said.contains(&format!(
            "posts/blog/authors.yml:1: warning: author `{first_id}` is also in posts/authors.yaml, which is used"
        )),
        "{said}"
    );
    assert!(
        said.contains("posts/old/notes.rst: warning: reStructuredText is not read here"),
        "{said}"
    );
    let out = dir.0.join("out");
    let built = blogtool(
        &[
            "build",
            blog.0.to_str().unwrap(),
            "--app",
            app.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &dir.0,
        &[],
    );
    assert!(built.status.success(), "{}", stderr(&built));
    let page = std::fs::read_to_string(out.join("posts/tides/index.html")).unwrap();
    assert!(
        page.contains("Lena Quist") && page.contains("Tide researcher"),
        "{page}"
    );
    assert!(page.contains("https://github.com/lenaq"), "{page}");
}

#[test]
fn pages_are_published_at_their_address_and_nowhere_a_post_is() {
    let dir = TempDir::new("site-pages");
    let app = stand_in_app(&dir);
    dir.write("blog/site.yaml", "url: https://x.example\n");
    dir.write(
        "blog/posts/tides.md",
        "---\ntitle: On tides\ndate: 2026-01-01\ntags: [sea]\n---\nSee [me](/about/).\n",
    );
    dir.write(
        "blog/pages/about.md",
        "---\ntitle: About me\ndescription: Who writes here.\n---\nI watch the sea.\n",
    );
    dir.write(
        "blog/pages/projects/index.md",
        "# Projects\n\n![A boat](boat.png)\n",
    );
    dir.write("blog/pages/projects/boat.png", "png");
    // Written for Jekyll and Hugo: pages there, pages here.
    dir.write(
        "blog/posts/colophon.md",
        "---\nlayout: page\ntitle: Colophon\npermalink: /colophon/\n---\nMade with care.\n",
    );
    dir.write(
        "blog/posts/now.md",
        "---\ntitle: Now\nmenu: main\n---\nWhat I do now.\n",
    );
    let blog = dir.0.join("blog");
    let app_arg = app.to_str().unwrap();
    let built = blogtool(&["build", "--app", app_arg, "--base", "/b/"], &blog, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let warnings = stderr(&built);
    assert!(
        warnings.contains(
            "posts/colophon.md: warning: `layout: page` makes this a page, published at /colophon/"
        ),
        "{warnings}"
    );
    assert!(
        warnings.contains(
            "posts/now.md: warning: its `menu:` entry makes this a page, published at /now/"
        ),
        "{warnings}"
    );
    assert!(!warnings.contains("no date"), "{warnings}");
    let site = TempDir(blog.join("dist"));
    for (path, title) in [
        ("about", "About me"),
        ("projects", "Projects"),
        ("colophon", "Colophon"),
        ("now", "Now"),
    ] {
        let page = site.read(&format!("{path}/index.html"));
        assert!(page.contains(&format!("<title>{title} · ")), "{page}");
        assert!(site.0.join(format!("{path}/index.md")).is_file(), "{path}");
    }
    assert!(site.read("about/index.html").contains("I watch the sea."));
    assert!(site.read("projects/index.md").contains("![A boat]("));
    // Never in the post index, lists, feeds or tags; in the sitemap; known to the app.
    for file in [
        "posts/index.json",
        "posts/pages/1.json",
        "feed.xml",
        "rss.xml",
    ] {
        let text = site.read(file);
        for title in ["About me", "Colophon", "Projects"] {
            assert!(
                !text.contains(&format!("\"title\":\"{title}\"")),
                "{file}: {title}"
            );
            assert!(
                !text.contains(&format!("<title>{title}</title>")),
                "{file}: {title}"
            );
        }
    }
    let sitemap = site.read("sitemap.xml");
    for path in ["/b/about/", "/b/projects/", "/b/colophon/", "/b/now/"] {
        assert!(
            sitemap.contains(&format!("https://x.example{path}<")),
            "{sitemap}"
        );
    }
    let info = site.read("posts/site.json");
    assert!(
        info.contains("\"path\":\"/about/\",\"title\":\"About me\""),
        "{info}"
    );
    assert!(site.read("tags/sea/index.html").contains("/about/"));
    // Searched like posts, their entry naming their address.
    let search: String = std::fs::read_dir(site.0.join("posts/search"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for path in ["/about/", "/projects/", "/colophon/", "/now/"] {
        assert!(
            search.contains(&format!("\"slug\":\"{path}\"")),
            "{path}: {search}"
        );
    }

    // `check` says the same of them.
    let checked = blogtool(&["check"], &blog, &[]);
    let said = String::from_utf8_lossy(&checked.stdout);
    assert!(
        said.contains("posts/colophon.md: warning: `layout: page` makes this a page"),
        "{said}"
    );
}

#[test]
fn a_page_whose_address_is_taken_stops_the_build_naming_both_files() {
    let dir = TempDir::new("site-pages-taken");
    let app = stand_in_app(&dir);
    dir.write("blog/site.yaml", "url: https://x.example\n");
    dir.write(
        "blog/posts/old.md",
        "---\ntitle: Old\ndate: 2026-01-01\naliases: [/about/]\n---\nText.\n",
    );
    dir.write("blog/pages/about.md", "# About\n");
    dir.write("blog/pages/search.md", "# Search me\n");
    let blog = dir.0.join("blog");
    let app_arg = app.to_str().unwrap();
    let failed = blogtool(&["build", "--app", app_arg], &blog, &[]);
    assert_eq!(failed.status.code(), Some(1));
    let said = stderr(&failed);
    assert!(
        said.contains("pages/about.md: the address /about/ is also an old address of posts/old.md"),
        "{said}"
    );
    assert!(
        said.contains("pages/search.md: the address /search/ is the site's own"),
        "{said}"
    );
    let checked = blogtool(&["check"], &blog, &[]);
    assert_eq!(checked.status.code(), Some(1));
}

#[test]
fn every_feed_is_written_and_linked_from_its_page() {
    let dir = TempDir::new("site-feeds");
    let app = stand_in_app(&dir);
    dir.write("blog/site.yaml", "url: https://x.example\nfeed_limit: 2\n");
    dir.write("blog/posts/authors.yaml", "ada:\n  name: Ada\n");
    for (n, tags) in [
        (1, "[sea, tides]"),
        (2, "[sea]"),
        (3, "[sea]"),
        (4, "[moon]"),
    ] {
        dir.write(
            &format!("blog/posts/p{n}.md"),
            &format!("---\ntitle: Post {n}\ndate: 2026-01-0{n}\ntags: {tags}\ncategories: [notes]\nauthor: ada\n---\nBody {n}.\n"),
        );
    }
    let blog = dir.0.join("blog");
    let built = blogtool(&["build", "--app", app.to_str().unwrap()], &blog, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let site = TempDir(blog.join("dist"));
    // JSON Feed 1.1 beside Atom and RSS: the newest `feed_limit` posts, full text.
    let json = site.read("feed.json");
    assert!(
        json.contains("\"version\": \"https://jsonfeed.org/version/1.1\""),
        "{json}"
    );
    assert!(
        json.contains("\"title\": \"Post 4\"") && json.contains("\"title\": \"Post 3\""),
        "{json}"
    );
    assert!(!json.contains("\"title\": \"Post 2\""), "{json}");
    assert!(json.contains("<p>Body 4.</p>"), "{json}");
    // A feed per tag, category and author: their newest posts, linked from their page.
    let sea = site.read("tags/sea/feed.xml");
    assert!(
        sea.contains("<title>Post 3</title>") && sea.contains("<title>Post 2</title>"),
        "{sea}"
    );
    assert!(
        !sea.contains("<title>Post 1</title>") && !sea.contains("Post 4"),
        "{sea}"
    );
    assert!(
        sea.contains("href=\"https://x.example/tags/sea/feed.xml\""),
        "{sea}"
    );
    let tides = site.read("tags/tides/feed.xml");
    assert!(tides.contains("<title>Post 1</title>"), "{tides}");
    assert!(site
        .read("categories/notes/feed.xml")
        .contains("<title>Post 4</title>"));
    assert!(site
        .read("authors/ada/feed.xml")
        .contains("<title>Post 4</title>"));
    let page = site.read("tags/sea/index.html");
    assert!(
        page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Rustblog · Posts tagged #sea\" href=\"https://x.example/tags/sea/feed.xml\">"),
        "{page}"
    );
    assert!(site
        .read("index.html")
        .contains("type=\"application/feed+json\""));
}

#[test]
fn the_logo_favicon_and_footer_are_the_blogs() {
    let dir = TempDir::new("site-look");
    let app = stand_in_app(&dir);
    dir.write(
        "blog/site.yaml",
        "url: https://x.example/b/\nlogo: /images/logo.svg\nfavicon: /images/missing.png\nfooter: \"© Ada · [About](/about/)\"\n",
    );
    dir.write(
        "blog/public/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    dir.write(
        "blog/posts/p.md",
        "---\ntitle: P\ndate: 2026-01-01\n---\nBody.\n",
    );
    let blog = dir.0.join("blog");
    let built = blogtool(&["build", "--app", app.to_str().unwrap()], &blog, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        stderr(&built).contains(
            "site.yaml: warning: favicon /images/missing.png is not a file under public/"
        ),
        "{}",
        stderr(&built)
    );
    let page = TempDir(blog.join("dist")).read("posts/p/index.html");
    assert!(page.contains("class=\"site-logo\""), "{page}");
    assert!(page.contains("src=\"/b/images/logo.svg\""), "{page}");
    assert!(
        page.contains("<link rel=\"icon\" href=\"/b/images/missing.png\">"),
        "{page}"
    );
    assert!(page.contains("<a href=\"/b/about/\">About</a>"), "{page}");
    // The engine's own line is not shown (it is in the site's words the page carries).
    assert!(
        !page.contains("<p>Written in Markdown, rendered in your browser"),
        "{page}"
    );
}

#[test]
fn the_blogs_own_stylesheet_follows_the_engines_and_keeps_accents_readable() {
    let dir = TempDir::new("site-custom-css");
    let app = stand_in_app(&dir);
    dir.write("blog/site.yaml", "url: https://x.example/b/\n");
    dir.write("blog/posts/authors.yaml", "ada:\n  name: Ada\n");
    dir.write(
        "blog/posts/p.md",
        "---\ntitle: P\ndate: 2026-01-01\nauthor: ada\n---\nBody.\n",
    );
    dir.write(
        "blog/public/custom.css",
        ":root { --accent: light-dark(#1d4ed8, #93c5fd); --radius: 3px; }\n",
    );
    let blog = dir.0.join("blog");
    let app_arg = app.to_str().unwrap();
    let built = blogtool(&["build", "--app", app_arg], &blog, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let site = TempDir(blog.join("dist"));
    let page = site.read("posts/p/index.html");
    let (engine, own) = (
        page.find("</style>").unwrap(),
        page.find("<link rel=\"stylesheet\" href=\"/b/custom.css\">")
            .unwrap(),
    );
    assert!(own > engine, "{page}");
    assert!(site
        .read("embed/authors/ada/index.html")
        .contains("<link rel=\"stylesheet\" href=\"/b/custom.css\">"));
    assert!(site.read("custom.css").contains("--radius: 3px"));

    // An accent no one can read stops the build, as theme: does.
    dir.write(
        "blog/public/custom.css",
        ":root {\n  --accent: #ffee00;\n}\n",
    );
    let refused = blogtool(&["build", "--app", app_arg], &blog, &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains(
            "public/custom.css:2: --accent #ffee00 is hard to read on the light background"
        ),
        "{}",
        stderr(&refused)
    );
}

/// The `content` of a page's policy meta element.
fn meta_policy(page: &str) -> &str {
    let at = page
        .find("http-equiv=\"Content-Security-Policy\" content=\"")
        .expect("a policy");
    let rest = &page[at + "http-equiv=\"Content-Security-Policy\" content=\"".len()..];
    &rest[..rest.find('"').unwrap()]
}

#[test]
fn comments_and_analytics_reach_only_the_pages_and_policies_that_need_them() {
    let dir = TempDir::new("site-services");
    let app = stand_in_app(&dir);
    let app_arg = app.to_str().unwrap();
    dir.write(
        "blog/site.yaml",
        "url: https://x.example/b/\ncomments:\n  provider: giscus\n  repo: ada/notes\n  repo-id: R_kgDO1\n  category: Announcements\n  category-id: DIC_kwDO2\nanalytics:\n  provider: plausible\n  domain: x.example\n",
    );
    dir.write(
        "blog/posts/open.md",
        "---\ntitle: Open\ndate: 2026-01-01\n---\n## Comments\n\nA heading of that name keeps its own id.\n",
    );
    dir.write(
        "blog/posts/quiet.md",
        "---\ntitle: Quiet\ndate: 2026-01-02\ncomments: false\n---\nNo comments here.\n",
    );
    dir.write("blog/pages/about.md", "---\ntitle: About\n---\nHello.\n");
    let blog = dir.0.join("blog");
    let built = blogtool(&["build", "--app", app_arg], &blog, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let site = TempDir(blog.join("dist"));

    let open = site.read("posts/open/index.html");
    assert!(
        open.contains(
            "<section id=\"comments\" aria-labelledby=\"comments-title\" data-unavailable=\"The comments could not be loaded. Try again later.\""
        ),
        "{open}"
    );
    assert!(
        open.contains(
            "href=\"/b/posts/open?comments#comments\" rel=\"external\" class=\"show-comments\">Show comments</a>"
        ),
        "{open}"
    );
    assert!(
        open.contains("Comments are loaded from giscus.app when you ask for them."),
        "{open}"
    );
    assert!(open.contains("<h2 id=\"comments-1\">"), "{open}");
    assert!(
        open.contains("<script src=\"/b/comments.js\" defer data-provider=\"giscus\""),
        "{open}"
    );
    assert!(
        open.contains("&quot;data-repo&quot;:&quot;ada/notes&quot;"),
        "{open}"
    );
    // No mapping given: the script names the thread by the post's address.
    assert!(!open.contains("data-mapping"), "{open}");
    assert!(
        open.contains("data-script=\"https://giscus.app/client.js\""),
        "{open}"
    );
    // The comments script before the analytics snippet (it takes a sign-in's session out
    // of the address before anything reports it), both last in the head.
    let (comments_at, analytics_at, head_end) = (
        open.find("/b/comments.js").unwrap(),
        open.find("https://plausible.io/js/script.js\" defer")
            .unwrap(),
        open.find("</head>").unwrap(),
    );
    assert!(
        comments_at < analytics_at && analytics_at < head_end,
        "{open}"
    );
    let policy = meta_policy(&open);
    assert!(
        policy.contains(" https://giscus.app/client.js;"),
        "{policy}"
    );
    assert!(policy.contains("frame-src https://giscus.app;"), "{policy}");
    assert!(
        policy.contains(" https://giscus.app/default.css;"),
        "{policy}"
    );
    assert!(
        policy.contains("connect-src 'self' https://plausible.io/api/event;"),
        "{policy}"
    );
    // No request leaves before the click: the page names no provider's file but the
    // analytics snippet.
    assert!(!open.contains("src=\"https://giscus.app"), "{open}");
    assert!(open.contains("<script src=\"https://plausible.io/js/script.js\" defer data-domain=\"x.example\"></script>"), "{open}");

    for quiet in [
        site.read("posts/quiet/index.html"),
        site.read("index.html"),
        site.read("about/index.html"),
        site.read("404.html"),
    ] {
        assert!(!quiet.contains("class=\"comments\""), "{quiet}");
        assert!(!quiet.contains("comments.js"), "{quiet}");
        let policy = meta_policy(&quiet);
        assert!(!policy.contains("giscus"), "{policy}");
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval' "),
            "{policy}"
        );
        assert!(
            policy.contains(" https://plausible.io/js/script.js;"),
            "{policy}"
        );
        assert!(quiet.contains("data-domain=\"x.example\""), "{quiet}");
    }
    assert!(site.read("comments.js").contains("Show comments"));
    let headers = site.read("_headers");
    let (all, posts) = headers.split_once("\n/b/posts/*\n").expect(&headers);
    assert!(
        all.contains("/*\n  Content-Security-Policy: default-src 'self'"),
        "{headers}"
    );
    assert!(!all.contains("giscus"), "{headers}");
    assert!(
        posts.starts_with("  ! Content-Security-Policy\n  Content-Security-Policy: "),
        "{headers}"
    );
    assert!(posts.contains("frame-src https://giscus.app;"), "{headers}");
    assert!(
        posts.contains("https://plausible.io/api/event"),
        "{headers}"
    );

    // Mastodon: only posts announced there, each page allowing its own server alone; the
    // hosts' header allows every post's. GoatCounter counts the app's navigations by its
    // documented call, allowed by its hash.
    dir.write(
        "blog/site.yaml",
        "url: https://x.example/b/\ncomments:\n  provider: mastodon\nanalytics:\n  provider: goatcounter\n  code: ada\n",
    );
    dir.write(
        "blog/posts/open.md",
        "---\ntitle: Open\ndate: 2026-01-01\nmastodon: https://mastodon.example/@ada/1100\n---\nBody.\n",
    );
    dir.write(
        "blog/posts/elsewhere.md",
        "---\ntitle: Elsewhere\ndate: 2026-01-03\ncomments:\n  host: toot.example\n  username: ada\n  id: 2200\n---\nBody.\n",
    );
    let built = blogtool(&["build", "--app", app_arg], &blog, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let open = site.read("posts/open/index.html");
    assert!(
        open.contains("Comments are loaded from mastodon.example when you ask for them."),
        "{open}"
    );
    assert!(open.contains("<a href=\"https://mastodon.example/@ada/1100\" data-replies=\"https://mastodon.example/api/v1/statuses/1100/context\" class=\"reply-on-mastodon\">Reply on Mastodon</a>"), "{open}");
    assert!(open.contains("data-provider=\"mastodon\""), "{open}");
    assert!(
        open.contains("data-reader=\"/b/parser/blog-parser.js\""),
        "{open}"
    );
    let policy = meta_policy(&open);
    assert!(policy.contains("connect-src 'self' https://ada.goatcounter.com/count https://mastodon.example/api/v1/statuses/;"), "{policy}");
    assert!(!policy.contains("toot.example"), "{policy}");
    assert!(!policy.contains("frame-src"), "{policy}");
    assert!(open.contains("<script src=\"https://gc.zgo.at/count.js\" defer data-goatcounter=\"https://ada.goatcounter.com/count\"></script>"), "{open}");
    assert!(
        open.contains("addEventListener(\"blog:pageshown\""),
        "{open}"
    );
    let elsewhere = site.read("posts/elsewhere/index.html");
    assert!(
        elsewhere.contains("href=\"https://toot.example/@ada/2200\""),
        "{elsewhere}"
    );
    assert!(meta_policy(&elsewhere).contains("https://toot.example/api/v1/statuses/"));
    let quiet = site.read("posts/quiet/index.html");
    assert!(!quiet.contains("class=\"comments\""), "{quiet}");
    assert!(!meta_policy(&quiet).contains("/api/v1/statuses/"));
    let headers = site.read("_headers");
    let (_, posts) = headers.split_once("\n/b/posts/*\n").expect(&headers);
    assert!(
        posts.contains("https://mastodon.example/api/v1/statuses/"),
        "{headers}"
    );
    assert!(
        posts.contains("https://toot.example/api/v1/statuses/"),
        "{headers}"
    );

    // Both off: no comments, no snippet, no third party in any policy, no script.
    dir.write("blog/site.yaml", "url: https://x.example/b/\n");
    let built = blogtool(&["build", "--app", app_arg], &blog, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    for page in ["posts/open/index.html", "index.html", "about/index.html"] {
        let page = site.read(page);
        assert!(!page.contains("class=\"comments\""), "{page}");
        assert!(!page.contains("<script src=\"https://"), "{page}");
        let policy = meta_policy(&page);
        assert!(policy.contains("connect-src 'self';"), "{policy}");
        assert!(!policy.contains("https://"), "{policy}");
    }
    assert!(!site.0.join("comments.js").exists());
    assert!(!site.read("_headers").contains("/posts/*\n  !"));

    // Settings that cannot work stop the build on their line.
    dir.write(
        "blog/site.yaml",
        "url: https://x.example/b/\ncomments:\n  provider: giscus\n  repo: ada/notes\n",
    );
    let refused = blogtool(&["build", "--app", app_arg], &blog, &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("site.yaml:2: comments: giscus needs `repo-id`"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn the_interface_speaks_the_sites_language_with_the_blogs_own_words_over_the_engines() {
    let dir = TempDir::new("site-language");
    let app = stand_in_app(&dir);
    dir.write("blog/site.yaml", "url: https://x.example/\nlanguage: fr\n");
    dir.write(
        "blog/i18n/fr.yaml",
        "older_posts: Plus anciens →\nsearch_hint: 42\nnot_a_key: x\n",
    );
    dir.write(
        "blog/posts/p.md",
        "---\ntitle: P\ndate: 2025-03-15\ntags: [mer]\n---\n```\nx\n```\n",
    );
    let blog = dir.0.join("blog");
    let built = blogtool(&["build", "--app", app.to_str().unwrap()], &blog, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        stderr(&built).contains(
            "i18n/fr.yaml:3: warning: \"not_a_key\" is not a text of the interface; left out"
        ),
        "{}",
        stderr(&built)
    );
    let site = TempDir(blog.join("dist"));
    let post = site.read("posts/p/index.html");
    // The date, the reading time, the copy button and the tag list in French, the
    // machine-readable date as it was.
    for french in [
        "<time datetime=\"2025-03-15\">15 mars 2025</time>",
        "lang=\"fr\"",
        ">Copier</button>",
        "aria-label=\"Étiquettes\"",
    ] {
        assert!(post.contains(french), "{french}\n{post}");
    }
    assert!(
        !post.contains("min read") && !post.contains(">Copy<"),
        "{post}"
    );
    let tag = site.read("tags/mer/index.html");
    assert!(tag.contains("Articles avec l’étiquette #mer"), "{tag}");
    // The blog's own word wins; a number where a text is expected is still a text.
    let words = site.read("posts/site.json");
    assert!(words.contains("Plus anciens →"), "{words}");
    assert!(words.contains("\"42\""), "{words}");
}
