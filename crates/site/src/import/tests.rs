//! The migration and bug fixtures (`tests/fixtures/`), imported as `blogtool publish` does,
//! checked against what their READMEs say a reader must see.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::*;
use blog_core::post::Post;

fn fixtures(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(folder)
}

/// Every file under `dir`, as paths relative to it.
fn walk(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}{name}");
        if entry.file_type().unwrap().is_dir() {
            walk(&entry.path(), &format!("{path}/"), out);
        } else {
            out.insert(path);
        }
    }
}

struct Blog {
    posts: Vec<Imported>,
    errors: Vec<PostError>,
}

impl Blog {
    fn load(folder: &str) -> Blog {
        let root = fixtures(folder);
        let mut all = BTreeSet::new();
        walk(&root, "", &mut all);
        let files: Vec<SourceFile> = all
            .iter()
            .filter(|p| is_post_file(p) && *p != "README.md" && *p != "LOG.md")
            .map(|p| SourceFile {
                path: p.clone(),
                bytes: std::fs::read(root.join(p)).unwrap(),
                modified: Some(1_700_000_000),
            })
            .collect();
        let mut blog = Blog {
            posts: Vec::new(),
            errors: Vec::new(),
        };
        for result in import_all(&files, &|p| all.contains(p)) {
            match result {
                Ok(post) => blog.posts.push(post),
                Err(e) => blog.errors.push(e),
            }
        }
        blog
    }

    fn post(&self, path: &str) -> (&Imported, Post) {
        let imported = self
            .posts
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("{path} was not imported: {:?}", self.errors));
        let post = Post::parse(path, &imported.text).unwrap_or_else(|e| {
            panic!("{path} does not parse after import: {e}\n{}", imported.text)
        });
        (imported, post)
    }
}

#[test]
fn every_migration_fixture_imports() {
    let blog = Blog::load("migration");
    assert_eq!(blog.errors, Vec::<PostError>::new());
    assert_eq!(blog.posts.len(), 59);
    let slugs: BTreeSet<&str> = blog.posts.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs.len(), 59, "addresses are unique");
}

#[test]
fn files_give_addresses_dates_and_titles() {
    let blog = Blog::load("migration");
    // (path, slug, title, date as stored)
    let cases = [
        (
            "01-markdown-extension.markdown",
            "01-markdown-extension",
            "Notes on sourdough",
            "2018-04-02",
        ),
        (
            "02-mdx-component.mdx",
            "02-mdx-component",
            "A chart of oven temperatures",
            "2023-02-20",
        ),
        (
            "03-bundle-post/index.md",
            "03-bundle-post",
            "Notes on a new bread tin",
            "2022-10-10",
        ),
        (
            "2023/04-nested-notes.md",
            "04-nested-notes",
            "Notes from March",
            "2023-03-30",
        ),
        (
            "2021-05-04-my-title.md",
            "my-title",
            "First notes on bread",
            "2021-05-04",
        ),
        (
            "06-docsify-heading-title.md",
            "06-docsify-heading-title",
            "Keeping a starter alive",
            "2023-11-14T22:13Z",
        ),
        (
            "07-Release-Notes.v2.md",
            "07-release-notes-v2",
            "Release notes for a small tool, version 2",
            "2023-06-01",
        ),
        (
            "08-windows-1252.md",
            "08-windows-1252",
            "Café notes — a baker’s week",
            "2019-02-14",
        ),
        (
            "09-toml-hugo.md",
            "09-toml-hugo",
            "Release notes for a small tool, version 1.4",
            "2023-03-14T09:30+01:00",
        ),
        (
            "10-toml-zola.md",
            "10-toml-zola",
            "Notes on a rye starter",
            "2022-11-05",
        ),
        (
            "11-json-front-matter.md",
            "11-json-front-matter",
            "Tuning a bicycle chain",
            "2021-08-09T07:00Z",
        ),
        (
            "12-astro-pubdate.md",
            "12-astro-pubdate",
            "Notes on window boxes",
            "2022-07-01",
        ),
        (
            "13-astro-publishdate-img.md",
            "13-astro-publishdate-img",
            "A tidy workbench",
            "2019-12-01T00:00",
        ),
        (
            "14-astropaper.md",
            "14-astropaper",
            "Release notes for a small tool, version 3",
            "2022-09-23T15:22Z",
        ),
        (
            "21-date-unpadded.md",
            "21-date-unpadded",
            "New year, new notebook",
            "2020-01-01",
        ),
        (
            "22-date-offset.md",
            "22-date-offset",
            "Late-night proofing",
            "2024-11-30T23:30-05:00",
        ),
        (
            "57-slug-target.md",
            "sourdough-basics",
            "Sourdough basics",
            "2023-05-09",
        ),
    ];
    for (path, slug, title, date) in cases {
        let (imported, post) = blog.post(path);
        assert_eq!(imported.slug, slug, "{path}");
        assert_eq!(post.meta.slug, slug, "{path}");
        assert_eq!(post.meta.title, title, "{path}");
        assert_eq!(post.meta.date.stored(), date, "{path}");
    }
}

#[test]
fn front_matter_fields_of_every_engine_are_read() {
    let blog = Blog::load("migration");
    let (_, p) = blog.post("09-toml-hugo.md");
    assert_eq!(p.meta.updated.map(|d| d.iso()), Some("2023-03-20".into()));
    assert_eq!(
        p.meta.description,
        "What changed in version 1.4 of a small command-line tool."
    );
    assert_eq!(p.meta.tags, ["release", "cli"]);
    assert_eq!(p.meta.categories, ["tools"]);
    let (_, p) = blog.post("10-toml-zola.md");
    assert_eq!(p.meta.updated.map(|d| d.iso()), Some("2022-11-12".into()));
    assert_eq!(p.meta.tags, ["baking", "rye"]);
    let (_, p) = blog.post("11-json-front-matter.md");
    assert_eq!(p.meta.tags, ["bikes", "repair"]);
    assert!(!p.html.contains("\"title\""), "{}", p.html);
    let (_, p) = blog.post("12-astro-pubdate.md");
    assert_eq!(p.meta.updated.map(|d| d.iso()), Some("2022-07-15".into()));
    assert_eq!(p.meta.image.as_deref(), Some("/images/hero.png"));
    let (_, p) = blog.post("13-astro-publishdate-img.md");
    assert_eq!(p.meta.image.as_deref(), Some("/images/workbench.png"));
    assert_eq!(
        p.meta.image_alt.as_deref(),
        Some("Hand tools hung on a pegboard above a bench")
    );
    assert_eq!(
        p.meta.description,
        "Three changes that made a small workbench easier to keep clear."
    );
    assert_eq!(p.meta.tags, ["Workshop", "Tools"]);
    let (_, p) = blog.post("14-astropaper.md");
    assert_eq!(p.meta.authors, ["Teodor Quill"]);
    assert_eq!(p.meta.updated.map(|d| d.iso()), Some("2023-12-21".into()));
    assert_eq!(p.meta.og_image.as_deref(), Some("/images/og-card.png"));
    assert!(p.meta.featured);
    let (imported, p) = blog.post("15-nextjs-author-object.md");
    assert_eq!(p.meta.authors, ["Juno Fairbairn"]);
    assert_eq!(
        imported.profiles[0].avatar.as_deref(),
        Some("/images/avatar.png")
    );
    assert_eq!(
        p.meta.description,
        "A week of practice on a cheap stone, and what finally worked."
    );
    assert_eq!(p.meta.image.as_deref(), Some("/images/cover.png"));
    assert_eq!(p.meta.og_image.as_deref(), Some("/images/cover-og.png"));
    let (_, p) = blog.post("16-astro-image-object.md");
    assert_eq!(p.meta.image.as_deref(), Some("/images/loaf.png"));
    assert_eq!(
        p.meta.image_alt.as_deref(),
        Some("A dark rye loaf cooling on a wire rack")
    );
    let (_, p) = blog.post("17-papermod-cover.md");
    assert_eq!(
        p.meta.description,
        "Which herbs survived a windy balcony, and which did not."
    );
    assert_eq!(p.meta.image.as_deref(), Some("/images/papermod-cover.png"));
    assert_eq!(
        p.meta.image_caption.as_deref(),
        Some("The railing in late August")
    );
    assert_eq!(p.meta.toc, Some(true));
    let (_, p) = blog.post("18-jekyll-categories-permalink.md");
    assert_eq!(p.meta.tags, ["bread", "starter"]);
    assert_eq!(p.meta.categories, ["notes", "baking"]);
    assert_eq!(
        p.meta.aliases,
        ["/notes/starter/", "/baking/starter-schedule/"]
    );
    let (_, p) = blog.post("19-hugo-aliases-series.md");
    assert!(p.meta.tags.is_empty());
    assert_eq!(p.meta.categories, ["Woodwork"]);
    assert_eq!(p.meta.series.as_deref(), Some("Building a shelf"));
    assert_eq!(p.meta.aliases, ["/2019/10/shelf-brackets/"]);
    let (_, p) = blog.post("20-hugo-expired.md");
    assert_eq!(p.meta.expires.map(|d| d.iso()), Some("2020-04-01".into()));
    let (_, p) = blog.post("23-tags-comma-string.md");
    assert_eq!(p.meta.tags, ["static sites", "rust"]);
    let (_, p) = blog.post("25-more-separator.md");
    assert_eq!(
        p.meta.description,
        "Discard crackers use the starter you would otherwise throw away. They keep for a week in a tin."
    );
    assert!(!p.html.contains("<!--more-->"), "{}", p.html);
}

#[test]
fn bodies_lose_other_engines_syntax() {
    let blog = Blog::load("migration");
    let raw = [
        "{{<",
        "{{%",
        "{%",
        "{{ site",
        "import OvenChart",
        "<OvenChart",
        "[!NOTE] Measuring",
    ];
    for post in &blog.posts {
        let parsed = Post::parse(&post.path, &post.text).unwrap();
        for syntax in raw {
            if post.path.starts_with("34-") && syntax == "{%" {
                continue; // The raw block's code shows Liquid on purpose.
            }
            assert!(
                !parsed.html.contains(syntax),
                "{}: {syntax} in {}",
                post.path,
                parsed.html
            );
        }
    }
    let html = |path: &str| blog.post(path).1.html;
    assert!(
        html("26-hugo-youtube.md").contains("href=\"https://www.youtube.com/watch?v=a1B2c3D4e5F\"")
    );
    assert!(html("27-hugo-vimeo.md").contains("href=\"https://vimeo.com/987654321\""));
    let figure = html("28-hugo-figure.md");
    assert!(
        figure.contains("alt=\"A proofing basket dusted with flour\""),
        "{figure}"
    );
    assert!(
        figure.contains("<figcaption>Rice flour stops the dough from sticking.</figcaption>"),
        "{figure}"
    );
    let code = html("29-hugo-highlight.md");
    assert!(
        code.contains("proofSeconds") && code.contains("\ttotal"),
        "{code}"
    );
    assert!(html("30-hugo-ref.md").contains("href=\"/posts/21-date-unpadded\""));
    assert!(html("31-hugo-x-post.md")
        .contains("https://x.com/examplebakery/status/1234567890123456789"));
    assert!(html("32-hugo-notice.md").contains("<strong>a lot</strong>"));
    let ruby = html("33-liquid-highlight.md");
    assert!(
        ruby.contains("<pre") && !ruby.contains("endhighlight"),
        "{ruby}"
    );
    let raw = html("34-liquid-raw.md");
    assert!(raw.contains("<code>{{ page.title }}</code>"), "{raw}");
    assert!(
        raw.contains("{% for post in site.posts %}") && !raw.contains("endraw"),
        "{raw}"
    );
    assert!(html("35-liquid-post-url.md").contains("href=\"/posts/my-title\""));
    assert!(html("36-liquid-baseurl.md").contains("src=\"/images/x.png\""));
    assert!(html("45-http-image.md").contains("src=\"https://images.example.org/old-tin.png\""));
    assert!(html("58-link-md-to-slug.md").contains("href=\"/posts/sourdough-basics#salt\""));
    let (bundle, p) = blog.post("03-bundle-post/index.md");
    assert!(
        p.html.contains("src=\"/posts/03-bundle-post/photo.png\""),
        "{}",
        p.html
    );
    assert_eq!(bundle.bundle.as_deref(), Some("03-bundle-post"));
    let (_, p) = blog.post("06-docsify-heading-title.md");
    assert!(
        !p.html.contains("Keeping a starter alive"),
        "title shown twice: {}",
        p.html
    );
    let (_, p) = blog.post("02-mdx-component.mdx");
    assert!(p.html.contains("back to 228 °C"), "{}", p.html);
}

#[test]
fn what_cannot_be_carried_over_is_reported_at_its_line() {
    let blog = Blog::load("migration");
    let notes: Vec<String> = blog
        .posts
        .iter()
        .flat_map(|p| {
            p.notes
                .iter()
                .map(move |n| format!("{}:{}: {}", p.path, n.line.unwrap_or(0), n.message))
        })
        .collect();
    let expected = [
        "02-mdx-component.mdx:11: MDX component <OvenChart>",
        "06-docsify-heading-title.md:0: no date",
        "08-windows-1252.md:2: file is not UTF-8",
        "37-liquid-include.md:8: `{% include note.html %}` is dropped",
    ];
    assert_eq!(notes.len(), expected.len(), "{notes:#?}");
    for (note, want) in notes.iter().zip(expected) {
        assert!(note.starts_with(want), "{note} should start with {want}");
    }
}

#[test]
fn bug_fixtures_import_as_their_log_says() {
    let blog = Blog::load("bugs");
    let (_, p) = blog.post("05-tags-as-comma-string.md");
    assert_eq!(p.meta.tags, ["static sites", "rust", "web performance"]);
    let (_, p) = blog.post("06-date-with-negative-offset.md");
    assert_eq!(p.meta.date.human(), "November 30, 2024");
    assert_eq!(p.meta.date.to_utc().iso_with_time(), "2024-12-01T04:30");
    let (imported, p) = blog.post("11-windows-1252-file.md");
    assert_eq!(p.meta.title, "Café notes — déjà vu");
    assert!(
        p.html.contains("It’s a file") && p.html.contains("naïve, crème brûlée"),
        "{}",
        p.html
    );
    assert!(!imported.text.contains('\u{fffd}'));
    let (imported, _) = blog.post("14-你好世界.md");
    assert_eq!(imported.slug, "14-ni-hao-shi-jie");
    let (_, p) = blog.post("26-correct-text-taken-for-mojibake.md");
    assert_eq!(p.meta.title, "Spaß—ohne Ende");
    assert!(p.html.contains("CAFÉ…"), "{}", p.html);
    let (_, p) = blog.post("17-excerpt-with-inline-script.md");
    assert!(
        !p.meta.description.contains("startCounter"),
        "{}",
        p.meta.description
    );
    let error = blog
        .errors
        .iter()
        .find(|e| e.file.ends_with("04-title-starting-with-brackets.md"))
        .expect("an unquoted title starting with [ is an error");
    assert_eq!(error.line, Some(2));
    assert!(error.to_string().contains("quote"), "{error}");
}

#[test]
fn translations_get_their_own_address_and_link_to_each_other() {
    let files = [
        (
            "trip/index.md",
            "---\ntitle: A trip\ndate: 2024-01-01\nslug: trip\n---\nHello.\n",
        ),
        (
            "trip/index.zh.md",
            "---\ntitle: 旅行\ndate: 2024-01-01\nslug: trip\n---\n你好。\n",
        ),
        (
            "walk/index.de.md",
            "---\ntitle: Ein Spaziergang\ndate: 2024-01-01\n---\nHallo.\n",
        ),
        (
            "walk/index.md",
            "---\ntitle: A walk\ndate: 2024-01-01\n---\nHello.\n",
        ),
        ("notes.md", "---\ntitle: N\ndate: 2024-01-01\n---\nx\n"),
        (
            "2024/notes.md",
            "---\ntitle: N2\ndate: 2024-01-02\n---\ny\n",
        ),
    ];
    let posts = import_many(&files, &|_| false);
    let slugs: Vec<&str> = posts.iter().map(|p| p.slug.as_str()).collect();
    // The German file sorts first, yet the original keeps the address.
    assert_eq!(
        slugs,
        ["trip", "trip-zh", "walk-de", "walk", "notes", "notes-2"]
    );
    let original = Post::parse("trip/index.md", &posts[0].text).unwrap();
    assert_eq!(
        original.meta.translations,
        [("zh".to_string(), "trip-zh".to_string())]
    );
    let translation = Post::parse("trip/index.zh.md", &posts[1].text).unwrap();
    assert_eq!(translation.meta.lang.as_deref(), Some("zh"));
    assert_eq!(
        translation.meta.translations,
        [("und".to_string(), "trip".to_string())]
    );
}

#[test]
fn imported_text_reads_back_the_same_and_keeps_author_lines() {
    let blog = Blog::load("migration");
    for post in &blog.posts {
        let once = Post::parse(&post.path, &post.text).unwrap();
        // Publishing the imported text again changes nothing.
        let again = import_all(
            &[SourceFile {
                path: format!("{}.md", post.slug),
                bytes: post.text.as_bytes().to_vec(),
                modified: None,
            }],
            &|_| false,
        )
        .remove(0)
        .unwrap();
        let twice = Post::parse(&post.path, &again.text).unwrap();
        assert_eq!(once.meta, twice.meta, "{}", post.path);
    }
    let (imported, _) = blog.post("46-missing-image.md");
    let line = imported
        .text
        .lines()
        .position(|l| l.contains("not-here.png"))
        .unwrap()
        + 1;
    assert_eq!(imported.original_line(line), Some(8));
}

#[test]
fn the_readme_lists_every_field_name() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let section = &readme[readme
        .find("### Front matter fields")
        .expect("the README has the field table")..];
    let rows: Vec<(&str, &str)> = section
        .lines()
        .skip_while(|l| !l.starts_with("| `"))
        .take_while(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`'), cells[2])
        })
        .collect();
    let table: Vec<(&str, &str)> = blog_core::front_matter::FIELDS
        .iter()
        .map(|(key, field, _)| (*key, *field))
        .collect();
    assert_eq!(rows, table, "README's field table and FIELDS differ");
}

#[test]
fn bodies_render_as_their_authors_wrote_them() {
    let blog = Blog::load("migration");
    let html = |path: &str| blog.post(path).1.html;
    let maths = html("38-math.md");
    assert!(maths.matches("<math").count() >= 3, "{maths}");
    assert!(
        maths.contains("<msup><mi>x</mi><mn>2</mn></msup>"),
        "{maths}"
    );
    assert!(
        maths.contains("<mo symmetric=\"false\" stretchy=\"false\">{</mo>"),
        "braces kept: {maths}"
    );
    assert!(
        maths.contains("costs $4 and a large one costs $7."),
        "{maths}"
    );
    assert!(!maths.contains("$x") && !maths.contains("\\("), "{maths}");
    let emoji = html("39-emoji-shortcodes.md");
    assert!(
        emoji.contains("rose 🎉 and the second was fine too 👍"),
        "{emoji}"
    );
    assert!(emoji.contains("<code>:tada:</code>"), "{emoji}");
    let alerts = html("40-github-alerts.md");
    assert!(
        alerts.contains("callout-note") && alerts.contains("callout-warning"),
        "{alerts}"
    );
    assert!(!alerts.contains("[!"), "{alerts}");
    let docsify = html("41-docsify-callouts.md");
    assert!(
        docsify.contains("callout-warning") && docsify.contains("callout-tip"),
        "{docsify}"
    );
    assert!(
        !docsify.contains("!&gt;") && !docsify.contains("?&gt;"),
        "{docsify}"
    );
    let figure = html("42-html-figure-multiline.md");
    assert!(
        figure.contains("<img src=\"/images/y.png\" alt=\"Two jars of starter side by side\""),
        "{figure}"
    );
    assert!(
        figure.contains("<figcaption>Day three: both jars have doubled.</figcaption>"),
        "{figure}"
    );
    assert!(
        !figure.contains("src=&quot;") && !figure.contains("/&gt;"),
        "{figure}"
    );
    let frame = html("43-iframe-youtube-nocookie.md");
    assert!(
        frame.contains("href=\"https://www.youtube.com/watch?v=a1B2c3D4e5F\""),
        "{frame}"
    );
    assert!(
        !frame.contains("width=") && !frame.contains("allowfullscreen"),
        "{frame}"
    );
    let media = html("44-video-audio.md");
    assert!(
        media.contains("<video src=\"https://media.example.com/clips/cooling-loaf.mp4\" controls>"),
        "{media}"
    );
    assert!(
        media.contains("<audio src=\"https://media.example.com/clips/crackling.mp3\" controls>"),
        "{media}"
    );
    let notes = html("49-footnote-mid-article.md");
    assert!(
        notes.find("So a rye dough").unwrap() < notes.find("Its enzymes").unwrap(),
        "{notes}"
    );
    let cjk = html("52-cjk-bold.md");
    assert!(
        cjk.contains("<strong>温度很重要……</strong>")
            && cjk.contains("<strong>「ゆっくり」</strong>"),
        "{cjk}"
    );
    assert!(!cjk.contains("**"), "{cjk}");
    let entities = html("53-html-entities.md");
    assert!(
        entities.contains("Café hours — weekdays only.")
            && entities.contains("© 2023 The Corner Bakery"),
        "{entities}"
    );
    let (_, ids) = blog.post("54-custom-heading-ids.md");
    let ids: Vec<&str> = ids.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["Feeding_Schedule", "Storage-Notes"]);
    let (_, script) = blog.post("56-inline-script-excerpt.md");
    assert_eq!(
        script.meta.description,
        "Preheat the oven to 230 °C. Then let the dough rest."
    );
    assert!(!script.html.contains("console.log"), "{}", script.html);
    assert!(html("59-link-trailing-slash.md").contains("href=\"/posts/sourdough-basics/\""));
}

#[test]
fn raw_html_urls_resolve_like_markdown_ones() {
    let blog = Blog::load("migration");
    let (imported, _) = blog.post("55-raw-html-site-paths.md");
    let page = Post::parse_at("55.md", &imported.text, "/blog/")
        .unwrap()
        .html;
    assert!(
        page.contains("<a href=\"/blog/posts/sourdough-basics\">basics</a>"),
        "internal links get no rel: {page}"
    );
    assert!(page.contains("src=\"/blog/images/y.png\""), "{page}");
    let feed = Post::parse_at("55.md", &imported.text, "https://rustblog.example/blog/")
        .unwrap()
        .html;
    assert!(
        feed.contains("href=\"https://rustblog.example/blog/posts/sourdough-basics\""),
        "{feed}"
    );
    assert!(
        feed.contains("src=\"https://rustblog.example/blog/images/y.png\""),
        "{feed}"
    );
}

#[test]
fn every_bug_fixture_but_the_two_refused_ones_imports() {
    let blog = Blog::load("bugs");
    let refused: Vec<&str> = blog.errors.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(
        refused,
        [
            "posts/04-title-starting-with-brackets.md",
            "posts/24-tab-indented-front-matter.md"
        ]
    );
    let (_, ids) = blog.post("08-explicit-heading-id-case.md");
    let ids: Vec<&str> = ids.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["Setup_Guide", "FAQ"]);
    let (_, fences) = blog.post("20-code-fence-attributes.md");
    for lang in ["python", "rust", "js"] {
        assert!(
            fences.html.contains(&format!("class=\"language-{lang}\"")),
            "{lang}: {}",
            fences.html
        );
    }
    let (_, emoji) = blog.post("21-emoji-shortcodes.md");
    assert!(emoji.html.contains('🎉'), "{}", emoji.html);
}

/// One file imported on its own (as `blogtool` imports a blog of one post), then parsed.
fn import_one(path: &str, text: &str) -> Result<(Imported, Post), PostError> {
    let file = SourceFile {
        path: path.to_string(),
        bytes: text.as_bytes().to_vec(),
        modified: Some(1_700_000_000),
    };
    let imported = import_all(&[file], &|_| false).remove(0)?;
    let post = Post::parse(path, &imported.text)
        .unwrap_or_else(|e| panic!("{path} does not parse after import: {e}\n{}", imported.text));
    Ok((imported, post))
}

/// Several files imported together (as a blog), each must import.
fn import_many(files: &[(&str, &str)], exists: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Imported> {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(path, text)| SourceFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
            modified: None,
        })
        .collect();
    import_all(&files, exists)
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

#[test]
fn a_title_is_never_required() {
    // (engine, file, text, title, whether a note says the title was made up)
    let cases = [
        (
            "any",
            "tides.md",
            "---\ntitle: Spring tides\n---\n# Heading\n",
            "Spring tides",
            false,
        ),
        (
            "docsify",
            "tides.md",
            "# Reading a tide table\n\nLow water first.\n",
            "Reading a tide table",
            false,
        ),
        (
            "GitHub",
            "tides.md",
            "Reading a tide table\n====================\n\nLow water.\n",
            "Reading a tide table",
            false,
        ),
        (
            "Hugo",
            "tides.md",
            "---\ndate: 2024-01-02\n---\nA first paragraph.\n\n# Part one\n\nText.\n",
            "Part one",
            false,
        ),
        (
            "Jekyll",
            "2019-04-02-notes-on-tides.md",
            "---\nlayout: post\n---\nLow water.\n",
            "Notes On Tides",
            false,
        ),
        (
            "Jekyll",
            "2019-04-02-API-notes.md",
            "---\nlayout: post\n---\nText.\n",
            "Api Notes",
            false,
        ),
        (
            "Obsidian",
            "Notes on tides.md",
            "Low water at six.\n",
            "Notes on tides",
            false,
        ),
        (
            "Obsidian",
            "潮汐の記録.md",
            "干潮は六時。\n",
            "潮汐の記録",
            false,
        ),
        (
            "Hugo",
            "notes-on-tides.md",
            "+++\ndate = 2024-01-02\n+++\nText.\n",
            "Notes On Tides",
            false,
        ),
        (
            "Zola",
            "tide_tables/index.md",
            "+++\ndate = 2024-01-02\n+++\nText.\n",
            "Tide Tables",
            false,
        ),
        (
            "Obsidian",
            "2024-01-05.md",
            "- went to the harbour\n",
            "2024-01-05",
            true,
        ),
        // A `#` line inside code is no heading.
        (
            "any",
            "code-notes.md",
            "```sh\n# not a title\n```\n",
            "Code Notes",
            false,
        ),
    ];
    for (engine, file, text, title, made_up) in cases {
        let (imported, post) =
            import_one(file, text).unwrap_or_else(|e| panic!("{engine} {file}: refused: {e}"));
        assert_eq!(post.meta.title, title, "{engine} {file}");
        let noted = imported
            .notes
            .iter()
            .any(|n| n.message.starts_with("no title"));
        assert_eq!(noted, made_up, "{engine} {file}: {:?}", imported.notes);
    }
    // A first heading taken as the title is not shown twice; a later one stays.
    let (_, post) = import_one("t.md", "# Tides\n\nText.\n").unwrap();
    assert!(!post.html.contains("<h1"), "{}", post.html);
    let (_, post) = import_one("t.md", "Intro.\n\n# Tides\n").unwrap();
    assert!(
        post.html.contains("<h1 id=\"tides\">Tides"),
        "{}",
        post.html
    );
}

#[test]
fn pelican_and_multimarkdown_headers_are_front_matter() {
    let text = "Title: Reading tide tables\nDate: 2017-01-12 21:18:33\nModified: 2017-02-01 08:00\nCategory: Coast\nTags: tides, harbour; charts\nSlug: tide-tables\nAuthors: Ann Wren, Bo Lind\nSummary: How to read one,\n    line by line.\nLang: en\n\n# Low water\n\nThe body.\n";
    let (imported, post) = import_one("coast/tides.md", text).unwrap();
    assert_eq!(post.meta.title, "Reading tide tables");
    assert_eq!(post.meta.date.iso(), "2017-01-12");
    assert_eq!(
        post.meta.updated.map(|d| d.iso()),
        Some("2017-02-01".into())
    );
    assert_eq!(post.meta.categories, ["Coast"]);
    // A `;` in the list makes it the separator (Pelican's rule).
    assert_eq!(post.meta.tags, ["tides, harbour", "charts"]);
    assert_eq!(post.meta.slug, "tide-tables");
    assert_eq!(post.meta.description, "How to read one, line by line.");
    assert_eq!(post.meta.lang.as_deref(), Some("en"));
    assert!(!post.html.contains("Title:"), "{}", post.html);
    assert!(post.html.contains("The body."), "{}", post.html);
    // Lines of the body still name the author's lines.
    assert_eq!(imported.original_line(imported.head_lines + 3), Some(14));
    // Authors split at commas when there is no `;`.
    let (_, post) = import_one(
        "a.md",
        "Title: A\nDate: 2020-01-01\nAuthors: Ann Wren, Bo Lind\n\nText.\n",
    )
    .unwrap();
    assert_eq!(post.meta.authors, ["Ann Wren", "Bo Lind"]);
    // Empty values are left out, lowercase keys (MultiMarkdown) read the same, and
    // `Status: draft` is a draft.
    let (_, post) = import_one(
        "b.md",
        "title: B\ndate: 2020-01-01\nTags:\nSlug:\nstatus: draft\n\nText.\n",
    )
    .unwrap();
    assert_eq!(
        (post.meta.title.as_str(), post.meta.slug.as_str()),
        ("B", "b")
    );
    assert!(post.meta.tags.is_empty());
    assert!(post.meta.draft);
    // A first line with a colon is prose unless the block names a title or a date.
    let (_, post) = import_one("note.md", "Note: the harbour closes at six.\n\nMore.\n").unwrap();
    assert!(
        post.html.contains("Note: the harbour closes at six."),
        "{}",
        post.html
    );
    assert_eq!(post.meta.title, "Note");
    let (_, post) = import_one("link.md", "https://example.com/tides\n\nText.\n").unwrap();
    assert!(post.html.contains("example.com/tides"), "{}", post.html);
}

#[test]
fn hexo_front_matter_without_its_opening_fence_is_read() {
    let text = "title: Harbour walls\ndate: 2013/7/13 20:46:25\ntags:\n- harbour\n- stone\n---\nThe walls are old.\n";
    let (_, post) = import_one("harbour-walls.md", text).unwrap();
    assert_eq!(post.meta.title, "Harbour walls");
    assert_eq!(post.meta.date.iso(), "2013-07-13");
    assert_eq!(post.meta.tags, ["harbour", "stone"]);
    assert!(!post.html.contains("title:"), "{}", post.html);
    assert!(post.html.contains("The walls are old."), "{}", post.html);
    // Prose before a thematic break is not front matter.
    let text = "# Walls\n\nBuilt: long ago.\n\n---\n\nMore.\n";
    let (_, post) = import_one("walls.md", text).unwrap();
    assert!(post.html.contains("Built: long ago."), "{}", post.html);
    assert!(post.html.contains("<hr"), "{}", post.html);
}

#[test]
fn values_in_shapes_a_field_does_not_take_are_fitted_with_a_note() {
    // (front matter line(s), what the post reads, the note)
    type Reads = fn(&Post) -> bool;
    let cases: [(&str, Reads, &str); 6] = [
        (
            "toc:\n  - one\n  - two",
            |p| p.meta.toc.is_none(),
            "`toc` is a list, not true or false: left out",
        ),
        (
            "tags:\n  rust: 1\n  web: 2",
            |p| p.meta.tags == ["rust", "web"],
            "`tags` is a map, not a list: its keys are kept (rust, web)",
        ),
        (
            "description:\n  - Low water\n  - high water",
            |p| p.meta.description == "Low water, high water",
            "`description` is a list, not text: kept as \"Low water, high water\"",
        ),
        (
            "draft: someday",
            |p| p.meta.draft,
            "`draft` is neither true nor false: read as true, so the post stays a draft",
        ),
        (
            "featured: [yes]",
            |p| !p.meta.featured,
            "`featured` is a list, not true or false: left out",
        ),
        (
            "categories: [coast, {sub: x}]",
            |p| p.meta.categories == ["coast"],
            "`categories` has items that are not text: kept coast",
        ),
    ];
    for (fields, reads, note) in cases {
        let text = format!("---\ntitle: Tides\ndate: 2020-01-01\n{fields}\n---\nText.\n");
        let (imported, post) =
            import_one("tides.md", &text).unwrap_or_else(|e| panic!("{fields}: refused: {e}"));
        assert!(reads(&post), "{fields}: {:?}", post.meta);
        let notes: Vec<(Option<usize>, &str)> = imported
            .notes
            .iter()
            .map(|n| (n.line, n.message.as_str()))
            .collect();
        assert_eq!(notes, [(Some(4), note)], "{fields}");
    }
    // A list as the title is its items; a title that fits nothing is the file's name.
    let (_, post) = import_one(
        "tide-notes.md",
        "---\ntitle: [Spring, neap]\ndate: 2020-01-01\n---\n",
    )
    .unwrap();
    assert_eq!(post.meta.title, "Spring, neap");
    let (_, post) = import_one(
        "tide-notes.md",
        "---\ntitle: {a: 1}\ndate: 2020-01-01\n---\n",
    )
    .unwrap();
    assert_eq!(post.meta.title, "Tide Notes");
    // What no engine would read stays an error: a date that is no date.
    let error = import_one("t.md", "---\ntitle: T\ndate: someday\n---\n").unwrap_err();
    assert!(error.to_string().contains("posts/t.md:3"), "{error}");
}

#[test]
fn kramdown_attribute_lists_never_show_and_keep_what_they_mean() {
    // (Jekyll body, what the page must hold, what it must not, notes)
    type Case<'a> = (&'a str, &'a [&'a str], &'a [&'a str], &'a [&'a str]);
    let cases: [Case; 10] = [
        // Chirpy: a prompt class after a quote makes it a callout.
        ("> Check the tide first.\n{: .prompt-tip }\n", &["callout-tip", "Check the tide first."], &["{:", "prompt-tip"], &[]),
        // Minimal Mistakes: a notice class after a paragraph.
        ("Bring a torch.\n{: .notice--warning}\n", &["callout-warning", "Bring a torch."], &["{:", "notice"], &[]),
        // Just the Docs: the list before the paragraph it marks.
        ("Intro.\n\n{: .note }\nThe harbour shuts at six.\n", &["callout-note", "The harbour shuts at six."], &["{:"], &[]),
        // al-folio: block classes on a quote.
        ("> Mind the rocks.\n{: .block-danger }\n", &["callout-caution"], &["{:"], &[]),
        // An image keeps its size, whether the list follows it in the line or below it.
        ("![Chart](/images/chart.png){: width=\"600\" height=\"400\"}\n", &["width=\"600\"", "height=\"400\"", "alt=\"Chart\""], &["{:"], &[]),
        ("![Chart](/images/chart.png)\n{: width=\"320\" .align-center}\n", &["width=\"320\""], &["{:", "align-center"], &[]),
        // A heading keeps its id.
        ("## Low water\n{: #low}\n\nText.\n", &["id=\"low\""], &["{:"], &[]),
        // A link loses its target, and other classes go with a note.
        ("See [the chart](https://example.com){:target=\"_blank\"} and **this**{: .red}.\n", &["the chart", "<strong>this</strong>"], &["{:", "_blank"], &["kramdown class .red is dropped: this blog's stylesheet has no such class"]),
        // Extensions: comments and options go; nomarkdown's inside stays.
        ("{::options parse_block_html=\"true\" /}\nKept.\n{::comment}\nHidden note.\n{:/comment}\nAlso {::comment}gone{:/comment} kept.\n", &["Kept.", "Also  kept."], &["Hidden note", "gone", "{::"], &[]),
        // Code is left alone.
        ("```ruby\nx = {:a => 1}\n{: .not-a-list}\n```\n", &["{:a =&gt; 1}", "{: .not-a-list}"], &[], &[]),
    ];
    for (body, shows, hides, want_notes) in cases {
        let text = format!("---\ntitle: Tides\ndate: 2020-01-01\n---\n{body}");
        let (imported, post) = import_one("tides.md", &text).unwrap();
        for want in shows {
            assert!(
                post.html.contains(want),
                "{body}: no {want} in\n{}",
                post.html
            );
        }
        for unwanted in hides {
            assert!(
                !post.html.contains(unwanted),
                "{body}: {unwanted} in\n{}",
                post.html
            );
        }
        let notes: Vec<&str> = imported.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(notes, want_notes, "{body}");
    }
    // Lists closed with `:}` and chained classes read the same.
    let text = "---\ntitle: Tides\ndate: 2020-01-01\n---\n![Bay](/images/bay.png){: width=\"300\" .mx-auto.d-block :}\n\n> Keep clear.\n{: .box-warning :}\n";
    let (imported, post) = import_one("tides.md", text).unwrap();
    assert!(
        post.html.contains("width=\"300\"") && post.html.contains("callout-warning"),
        "{}",
        post.html
    );
    assert!(
        !post.html.contains("{:") && imported.notes.is_empty(),
        "{}\n{:?}",
        post.html,
        imported.notes
    );
    // `markdown="1"`: what the element holds is Markdown.
    let text = "---\ntitle: Tides\ndate: 2020-01-01\n---\n<div class=\"box\" markdown=\"1\">\n**Spring** tides\n</div>\n";
    let (_, post) = import_one("tides.md", text).unwrap();
    assert!(
        post.html.contains("<strong>Spring</strong> tides"),
        "{}",
        post.html
    );
    assert!(!post.html.contains("markdown="), "{}", post.html);
    // `{:toc}` under a list item is our table of contents.
    let text = "---\ntitle: Tides\ndate: 2020-01-01\n---\n* Contents\n{:toc}\n\n## One\n\n## Two\n";
    let (_, post) = import_one("tides.md", text).unwrap();
    assert_eq!(post.meta.toc, Some(true));
    assert!(
        !post.html.contains("Contents") && !post.html.contains("{:"),
        "{}",
        post.html
    );
}

#[test]
fn excerpt_markers_of_every_engine_end_the_summary() {
    // (engine, file, marker)
    let cases = [
        ("Hugo/Jekyll", "a.md", "<!--more-->"),
        ("Hexo", "a.md", "<!-- more -->"),
        ("MkDocs Material", "a.md", "<!-- MORE -->"),
        ("Docusaurus", "a.md", "<!-- truncate -->"),
        ("Docusaurus MDX", "a.mdx", "{/* truncate */}"),
        ("Pelican", "a.md", "<!-- PELICAN_END_SUMMARY -->"),
    ];
    for (engine, file, marker) in cases {
        let text = format!("---\ntitle: Tides\ndate: 2020-01-01\n---\nThe short part.\n\n{marker}\n\nThe long part.\n");
        let (_, post) = import_one(file, &text).unwrap();
        assert_eq!(post.meta.description, "The short part.", "{engine}");
        assert!(
            post.html.contains("The long part."),
            "{engine}: {}",
            post.html
        );
        assert!(
            !post.html.contains("truncate") && !post.html.contains("more"),
            "{engine}: {}",
            post.html
        );
    }
}

#[test]
fn pelican_links_to_content_and_static_files_resolve() {
    let other = SourceFile {
        path: "coast/harbour-walls.md".to_string(),
        bytes: b"Title: Harbour walls\nDate: 2020-01-02\n\nOld stone.\n".to_vec(),
        modified: None,
    };
    let post = SourceFile {
        path: "coast/tides.md".to_string(),
        bytes: b"Title: Tides\nDate: 2020-01-01\n\nSee [the walls]({filename}/coast/harbour-walls.md), [again](|filename|harbour-walls.md#stone) and ![a chart]({static}/images/chart.png).\n".to_vec(),
        modified: None,
    };
    let imported = import_all(&[other, post], &|_| false);
    let tides = imported[1].as_ref().unwrap();
    let html = Post::parse("tides.md", &tides.text).unwrap().html;
    assert!(html.contains("href=\"/posts/harbour-walls\""), "{html}");
    assert!(
        html.contains("href=\"/posts/harbour-walls#stone\""),
        "{html}"
    );
    assert!(html.contains("src=\"/images/chart.png\""), "{html}");
    assert!(
        !html.contains("{filename}") && !html.contains("{static}"),
        "{html}"
    );
}

#[test]
fn admonitions_of_every_dialect_become_callouts() {
    // (engine, body, what the page must hold, what it must not)
    type Case<'a> = (&'a str, &'a str, &'a [&'a str], &'a [&'a str]);
    let cases: [Case; 12] = [
        ("Docusaurus", ":::tip\nCheck the **tide**.\n:::\n", &["callout callout-tip", "<p class=\"callout-title\">Tip</p>", "<strong>tide</strong>"], &[":::"]),
        ("Docusaurus v3", ":::warning[Slippery steps]\nHold the rail.\n:::\n", &["callout callout-warning", ">Slippery steps</p>", "Hold the rail."], &[":::", "[Slippery"]),
        ("Docusaurus v2", ":::danger Rocks ahead\nKeep off.\n:::\n", &["callout-caution", ">Rocks ahead</p>"], &[":::"]),
        ("VitePress", "::: info\nOpen daily.\n:::\n\n::: details Opening hours\nNine to five.\n:::\n", &["callout callout-note\"><p class=\"callout-title\">Info</p>", "<details class=\"callout callout-note\"><summary class=\"callout-title\">Opening hours</summary>", "Nine to five."], &[":::"]),
        ("Docusaurus nested", "::::note\nOuter.\n\n:::tip\nInner.\n:::\n\n::::\n", &["callout-note", "callout-tip", "Outer.", "Inner."], &[":::"]),
        ("MkDocs", "!!! note \"Before you start\"\n    Read the **chart**.\n\n    Twice.\n\nAfter.\n", &["callout callout-note", ">Before you start</p>", "<strong>chart</strong>", "Twice.", "<p>After.</p>"], &["!!!", "<pre"]),
        ("MkDocs plain", "!!! warning\n    Low bridge.\n", &["callout-warning", ">Warning</p>", "Low bridge."], &["!!!"]),
        ("MkDocs folded", "??? question \"Why tides?\"\n    The moon.\n\n???+ success\n    Done.\n", &["<details class=\"callout callout-note\"><summary class=\"callout-title\">Why tides?</summary>", "<details class=\"callout callout-tip\" open=\"\"><summary class=\"callout-title\">Success</summary>", "The moon."], &["???"]),
        ("Obsidian", "> [!tip] Read the chart\n> Low water at six.\n", &["callout callout-tip", ">Read the chart</p>", "Low water at six."], &["[!tip]"]),
        ("Obsidian folded", "> [!faq]- Why?\n> Because.\n", &["<details class=\"callout callout-note\"><summary class=\"callout-title\">Why?</summary>", "Because."], &["[!faq]"]),
        ("Obsidian custom", "> [!recipe]\n> Flour and water.\n", &["callout callout-note", ">Recipe</p>", "Flour and water."], &["[!recipe]"]),
        ("GitHub", "> [!NOTE]\n> Plain alert.\n", &["callout callout-note", "Plain alert."], &["[!NOTE]"]),
    ];
    for (engine, body, shows, hides) in cases {
        let text = format!("---\ntitle: Tides\ndate: 2020-01-01\n---\n{body}");
        let (_, post) = import_one("tides.md", &text).unwrap();
        for want in shows {
            assert!(
                post.html.contains(want),
                "{engine}: no {want} in\n{}",
                post.html
            );
        }
        for unwanted in hides {
            assert!(
                !post.html.contains(unwanted),
                "{engine}: {unwanted} in\n{}",
                post.html
            );
        }
    }
    // Inside code, nothing changes.
    let text =
        "---\ntitle: Tides\ndate: 2020-01-01\n---\n```md\n:::tip\n!!! note\n> [!tip] x\n```\n";
    let (_, post) = import_one("tides.md", text).unwrap();
    assert!(
        post.html.contains(":::tip")
            && post.html.contains("!!! note")
            && !post.html.contains("callout"),
        "{}",
        post.html
    );
}

#[test]
fn obsidian_links_embeds_comments_and_highlights() {
    let note = |path: &str, text: &str| SourceFile {
        path: path.to_string(),
        bytes: text.as_bytes().to_vec(),
        modified: Some(1_700_000_000),
    };
    let files = [
        note("Coast/Harbour walls.md", "Old stone.\n\n## Mortar joints\n\nLime.\n"),
        note("Tide tables.md", "See [[Harbour walls]], [[harbour walls|the walls]], [[Harbour walls#Mortar joints]] and [[Coast/Harbour walls#Mortar joints|joints]].\n\nAlso [[#Low water]] and [[Lighthouse keepers]].\n\n![[Harbour walls]]\n\n![[chart.png|300]] ![[bay view.png]]\n\n## Low water\n\nA ==bright== note%% not for readers %% here; a == b stays.\n\n%%\nA draft paragraph.\n%%\n\n`[[not a link]]` and `==code==`\n"),
    ];
    let imported = import_all(&files, &|_| false);
    let tides = imported[1].as_ref().unwrap();
    let html = Post::parse("x.md", &tides.text).unwrap().html;
    for want in [
        "<a href=\"/posts/harbour-walls\">Harbour walls</a>",
        "<a href=\"/posts/harbour-walls\">the walls</a>",
        "<a href=\"/posts/harbour-walls#mortar-joints\">Harbour walls &gt; Mortar joints</a>",
        "<a href=\"/posts/harbour-walls#mortar-joints\">joints</a>",
        "<a href=\"/posts/tide-tables#low-water\">Low water</a>",
        "and Lighthouse keepers.",
        "width=\"300\"",
        "src=\"/bay%20view.png\"",
        "<mark>bright</mark>",
        "a == b stays",
        "<code>[[not a link]]</code>",
        "<code>==code==</code>",
    ] {
        assert!(html.contains(want), "no {want} in\n{html}");
    }
    for gone in ["[[", "not for readers", "draft paragraph", "%%"] {
        assert!(
            !html
                .replace("<code>[[not a link]]</code>", "")
                .contains(gone),
            "{gone} in\n{html}"
        );
    }
    let notes: Vec<(Option<usize>, &str)> = tides
        .notes
        .iter()
        .filter(|n| !n.message.starts_with("no date"))
        .map(|n| (n.line, n.message.as_str()))
        .collect();
    assert_eq!(
        notes,
        [(
            Some(3),
            "[[Lighthouse keepers]] links to a note that is not in the blog: it shows as text"
        )]
    );
}

#[test]
fn hexo_tags_and_liquid_comments_render_as_their_engines_show_them() {
    let note = |path: &str, text: &str| SourceFile {
        path: path.to_string(),
        bytes: text.as_bytes().to_vec(),
        modified: Some(1_700_000_000),
    };
    let files = [
        note("harbour-walls.md", "---\ntitle: Harbour walls\ndate: 2020-01-02\n---\nStone.\n"),
        note(
            "tides.md",
            "---\ntitle: Tides\ndate: 2020-01-01\n---\n{% codeblock Tide script lang:python %}\nprint({'low': 6})\n{% endcodeblock %}\n\n{% blockquote Ann Wren, Notes on the coast %}\nThe sea keeps time.\n{% endblockquote %}\n\n{% asset_img chart.png 320 \"The chart\" \"Tide chart\" %}\n\n{% asset_img bay.png %}\n\n{% asset_img cove.png The cove, at low tide %}\n\nRead {% post_link harbour-walls %} or {% post_link harbour-walls 'the walls' %}, and {% link the almanac https://example.com/almanac %}.\n\n{% youtube dQw4w9WgXcQ %}\n\nKept {% comment %}an aside\nover two lines{% endcomment %}text.\n",
        ),
    ];
    let exists = |p: &str| ["tides/chart.png", "tides/bay.png", "tides/cove.png"].contains(&p);
    let imported = import_all(&files, &exists);
    let tides = imported[1].as_ref().unwrap();
    let html = Post::parse("tides.md", &tides.text).unwrap().html;
    for want in [
        "language-python",
        "print({",
        "<blockquote>",
        "The sea keeps time.",
        "— Ann Wren, Notes on the coast",
        "src=\"/posts/tides/chart.png\"",
        "width=\"320\"",
        "alt=\"Tide chart\"",
        "src=\"/posts/tides/bay.png\"",
        // Unquoted, every word is the title, which then describes the picture.
        "alt=\"The cove, at low tide\"",
        // Without text, the post's title, as Hexo shows it.
        "<a href=\"/posts/harbour-walls\">Harbour walls</a>",
        "<a href=\"/posts/harbour-walls\">the walls</a>",
        "<a href=\"https://example.com/almanac\" rel=\"noopener noreferrer\">the almanac</a>",
        "youtube.com/watch?v=dQw4w9WgXcQ",
        "<p>Kept",
        "text.</p>",
    ] {
        assert!(html.contains(want), "no {want} in\n{html}");
    }
    for gone in ["{%", "an aside", "over two lines"] {
        assert!(!html.contains(gone), "{gone} in\n{html}");
    }
    let resources: Vec<&str> = tides.resources.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        resources,
        ["tides/chart.png", "tides/bay.png", "tides/cove.png"]
    );
    assert!(tides.notes.is_empty(), "{:?}", tides.notes);
}

#[test]
fn more_shapes_of_other_engines_are_read() {
    // (engine, file, text, date, updated, toc, html holds, html lacks)
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<bool>,
        &'a str,
        &'a str,
    );
    let cases: [Case; 8] = [
        ("Hexo", "a.md", "---\ntitle: A\ndate: 2018-7-24 23:31:06\n---\nText.\n", "2018-07-24", None, None, "Text.", "date"),
        ("Hexo", "a.md", "---\ntitle: A\ndate: 2018/07/24\n---\nText.\n", "2018-07-24", None, None, "Text.", "date"),
        ("Hexo JSON", "a.md", ";;;\n{\"title\": \"A\", \"date\": \"2020-01-01\"}\n;;;\nText.\n", "2020-01-01", None, None, "<p>Text.</p>", ";;;"),
        ("MkDocs Material", "a.md", "---\ntitle: A\ndate:\n  created: 2023-01-31\n  updated: 2023-02-01\n---\nText.\n", "2023-01-31", Some("2023-02-01"), None, "Text.", "created"),
        ("Docusaurus MDX", "a.mdx", "---\ntitle: A\ndate: 2020-01-01\n---\n{/* a note to self */}\nText {/* inline */}here.\n", "2020-01-01", None, None, "Text here.", "note to self"),
        ("VitePress", "a.md", "---\ntitle: A\ndate: 2020-01-01\n---\n[[toc]]\n\n## One\n", "2020-01-01", None, Some(true), "One", "toc"),
        ("Pelican", "a.md", "Title: A\nDate: 2020-01-01\n\n[TOC]\n\n## One\n", "2020-01-01", None, Some(true), "One", "TOC"),
        ("GitHub", "a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nThumbs :+1::-1: but serde::de stays.\n", "2020-01-01", None, None, "Thumbs 👍👎 but serde::de stays.", ":+1:"),
    ];
    for (engine, file, text, date, updated, toc, holds, lacks) in cases {
        let (imported, post) = import_one(file, text).unwrap_or_else(|e| panic!("{engine}: {e}"));
        assert_eq!(post.meta.date.iso(), date, "{engine}");
        assert_eq!(
            post.meta.updated.map(|d| d.iso()).as_deref(),
            updated,
            "{engine}"
        );
        assert_eq!(post.meta.toc, toc, "{engine}");
        assert!(
            post.html.contains(holds),
            "{engine}: no {holds} in {}",
            post.html
        );
        assert!(
            !post.html.contains(lacks),
            "{engine}: {lacks} in {}",
            post.html
        );
        assert!(imported.notes.is_empty(), "{engine}: {:?}", imported.notes);
    }
}

#[test]
fn common_theme_includes_show_what_their_theme_shows() {
    // (theme, include, what the page must hold)
    let cases = [
        ("Minimal Mistakes", "{% include figure image_path=\"/images/bay.png\" alt=\"The bay\" caption=\"The bay at dawn\" %}", &["src=\"/images/bay.png\"", "alt=\"The bay\"", "<figcaption>The bay at dawn</figcaption>"][..]),
        ("al-folio", "{% include figure.liquid loading=\"eager\" path=\"/images/bay.png\" class=\"img-fluid\" %}", &["src=\"/images/bay.png\""][..]),
        ("Minimal Mistakes", "{% include video id=\"abc123\" provider=\"youtube\" %}", &["youtube.com/watch?v=abc123"][..]),
        ("Chirpy", "{% include embed/youtube.html id='abc123' %}", &["youtube.com/watch?v=abc123"][..]),
        ("Chirpy", "{% include embed/video.html src='/media/tide.mp4' %}", &["<video", "src=\"/media/tide.mp4\""][..]),
        ("any", "{% include youtube.html id=\"abc123\" %}", &["youtube.com/watch?v=abc123"][..]),
    ];
    for (theme, include, holds) in cases {
        let text = format!("---\ntitle: Tides\ndate: 2020-01-01\n---\n{include}\n");
        let (imported, post) = import_one("tides.md", &text).unwrap();
        for want in holds {
            assert!(
                post.html.contains(want),
                "{theme} {include}: no {want} in\n{}",
                post.html
            );
        }
        assert!(
            !post.html.contains("{%") && imported.notes.is_empty(),
            "{theme}: {:?}\n{}",
            imported.notes,
            post.html
        );
    }
    let text = "---\ntitle: Tides\ndate: 2020-01-01\n---\n{% include toc %}\n\n## One\n";
    let (_, post) = import_one("tides.md", text).unwrap();
    assert_eq!(post.meta.toc, Some(true));
    // Another include is dropped, with a note.
    let text = "---\ntitle: Tides\ndate: 2020-01-01\n---\n{% include feature_row %}\n";
    let (imported, _) = import_one("tides.md", text).unwrap();
    assert_eq!(imported.notes.len(), 1, "{:?}", imported.notes);
}

#[test]
fn ordinary_posts_are_not_mistaken_for_other_engines_syntax() {
    // (body, what the page must still show)
    let cases = [
        (
            "Use the `%%timeit` magic, and printf needs %% for one %.\n",
            &["<code>%%timeit</code>", "needs %% for one %"][..],
        ),
        (
            "JSX comments look like `{/* x */}` in code.\n",
            &["<code>{/* x */}</code>"][..],
        ),
        (
            "See the source[[1]](#ref1) and run `test` as [[ -f x ]].\n",
            &[
                "See the source<a href=\"/posts/tides#ref1\">[1]</a>",
                "as [[ -f x ]].",
            ][..],
        ),
        ("if a==b and c==d then\n", &["a==b and c==d"][..]),
        ("Format with {:.2f} or {:d}.\n", &["{:.2f} or {:d}"][..]),
        (
            "!!! IMPORTANT: read this\n",
            &["!!! IMPORTANT: read this"][..],
        ),
        ("??? really sure\n", &["??? really sure"][..]),
    ];
    for (body, shows) in cases {
        let text = format!("---\ntitle: Tides\ndate: 2020-01-01\n---\n{body}");
        let (imported, post) = import_one("tides.md", &text).unwrap();
        for want in shows {
            assert!(
                post.html.contains(want),
                "{body}: no {want} in\n{}",
                post.html
            );
        }
        assert!(imported.notes.is_empty(), "{body}: {:?}", imported.notes);
    }
    // A first line with a colon and a date that is no date is prose, as is Dataview's field.
    for body in [
        "Date: Monday, March 3\n\nText.\n",
        "date:: 2024-01-05\n\nText.\n",
    ] {
        let (_, post) = import_one("tides.md", body).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert!(post.html.contains("Text."), "{body}: {}", post.html);
    }
    // Pelican's metadata ends at the first line that is no `Key: value`.
    let (_, post) = import_one("a.md", "Title: A\nDate: 2020-01-01\nThe body starts.\n").unwrap();
    assert_eq!(post.meta.title, "A");
    assert!(post.html.contains("The body starts."), "{}", post.html);
    // An admonition whose code block closes it leaves the rest of the post prose.
    let text = "---\ntitle: T\ndate: 2020-01-01\n---\n!!! tip \"Try\"\n    ```sh\n    make\n    ```\n\nSee :smile: and [[Missing]].\n";
    let (imported, post) = import_one("t.md", text).unwrap();
    assert!(post.html.contains("😄"), "{}", post.html);
    assert_eq!(imported.notes.len(), 1, "{:?}", imported.notes);
}

#[test]
fn engine_details_from_review() {
    // Hexo's JSON front matter is written without its braces.
    let (_, post) = import_one(
        "a.md",
        ";;;\n\"title\": \"Hexo JSON\",\n\"date\": \"2020-01-01\"\n;;;\nText.\n",
    )
    .unwrap();
    assert_eq!(post.meta.title, "Hexo JSON");
    // Pelican: `Status: skip` is never published; `hidden` is (only unlisted there).
    let (_, post) = import_one(
        "a.md",
        "Title: A\nDate: 2020-01-01\nStatus: skip\n\nText.\n",
    )
    .unwrap();
    assert!(post.meta.draft);
    let (_, post) = import_one(
        "a.md",
        "Title: A\nDate: 2020-01-01\nStatus: hidden\n\nText.\n",
    )
    .unwrap();
    assert!(!post.meta.draft);
    // VitePress' code groups are no callouts.
    let (_, post) = import_one(
        "a.md",
        "---\ntitle: A\ndate: 2020-01-01\n---\n::: code-group\n```sh\nnpm i\n```\n:::\n",
    )
    .unwrap();
    assert!(
        !post.html.contains("callout") && post.html.contains("npm i"),
        "{}",
        post.html
    );
    // Hugo's toc shortcode asks for the table of contents.
    let (_, post) = import_one(
        "a.md",
        "---\ntitle: A\ndate: 2020-01-01\n---\n{{< toc >}}\n\n## One\n",
    )
    .unwrap();
    assert_eq!(post.meta.toc, Some(true));
    // A theme's image path is from the site root.
    let (_, post) = import_one("a.md", "---\ntitle: A\ndate: 2020-01-01\n---\n{% include figure.liquid path=\"assets/img/9.jpg\" %}\n").unwrap();
    assert!(
        post.html.contains("src=\"/assets/img/9.jpg\""),
        "{}",
        post.html
    );
    // Jekyll splits a slug into words at hyphens only.
    let (_, post) = import_one(
        "2019-04-02-tide_tables-today.md",
        "---\nlayout: post\n---\nText.\n",
    )
    .unwrap();
    assert_eq!(post.meta.title, "Tide_tables Today");
}

/// Hugo themes' own shortcodes: tab sets (hugo-book, Hextra's `items`, Docsy's
/// `tabpane`), `details` in Hugo's, hugo-book's and Hextra's forms, Blowfish's `button`,
/// and styling-only ones (`lead`, `badge`, `icon`) — shown as the theme shows them, without
/// notes.
#[test]
fn hugo_theme_shortcodes_show_what_their_theme_shows() {
    let text = "---\ntitle: Themes\ndate: 2024-02-03\n---\n\n{{< tabs \"os\" >}}\n{{< tab \"Linux\" >}}\nUse apt.\n{{< /tab >}}\n{{< tab \"macOS\" >}}\nUse brew.\n{{< /tab >}}\n{{< /tabs >}}\n\n{{< tabs items=\"JSON,YAML\" >}}\n{{< tab >}}json here{{< /tab >}}\n{{< tab >}}yaml here{{< /tab >}}\n{{< /tabs >}}\n\n{{< tabpane >}}\n{{< tab header=\"Go\" >}}\ngo text\n{{< /tab >}}\n{{< /tabpane >}}\n\n{{% details \"Why it works\" open %}}\nBecause **reasons**.\n{{% /details %}}\n\n{{< details summary=\"Closed one\" >}}\nHidden text.\n{{< /details >}}\n\n{{< button href=\"https://example.org/start\" >}}Get started{{< /button >}}\n\n{{< lead >}}\nA lead paragraph.\n{{< /lead >}}\n\nA {{< badge >}}new{{< /badge >}} thing {{< icon \"github\" >}} here.\n";
    let (imported, post) = import_one("hugo-themes/shortcodes.md", text).unwrap();
    let html = &post.html;
    for shown in [
        "<p><strong>Linux</strong></p>\n<p>Use apt.</p>",
        "<p><strong>macOS</strong></p>\n<p>Use brew.</p>",
        "<strong>JSON</strong>",
        "<strong>YAML</strong>",
        "<strong>Go</strong>",
        "<details open=\"\"><summary>Why it works</summary>",
        "<p>Because <strong>reasons</strong>.</p>\n</details>",
        "<details><summary>Closed one</summary>",
        "<a href=\"https://example.org/start\" rel=\"noopener noreferrer\">Get started</a>",
        "<p>A lead paragraph.</p>",
        "<p>A new thing  here.</p>",
    ] {
        assert!(html.contains(shown), "{shown} in {html}");
    }
    assert!(!html.contains("{{") && !html.contains("}}"), "{html}");
    assert_eq!(imported.notes, Vec::<Note>::new());
}

/// Eleventy: JavaScript and JSON front matter after `---js`/`---json`, a computed value
/// named in a note, Eleventy Image's `image` shortcode and the `url` filter.
#[test]
fn eleventy_front_matter_languages_and_shortcodes() {
    let js = "---js\n{\n  title: \"Scripted\",\n  date: \"2024-05-06\",\n  tags: [\"notes\"],\n  permalink: (data) => `/x/${data.page.fileSlug}/`,\n}\n---\n\n{% image \"./owl.png\", \"An owl, at night\", [300, 600] %}\n\nSee [the list]({{ '/notes/' | url }}).\n";
    let (imported, post) = import_one("eleventy/scripted.md", js).unwrap();
    assert_eq!(post.meta.title, "Scripted");
    assert_eq!(post.meta.tags, ["notes"]);
    assert!(
        post.html.contains("alt=\"An owl, at night\""),
        "{}",
        post.html
    );
    assert!(
        post.html.contains("<a href=\"/notes/\">the list</a>"),
        "{}",
        post.html
    );
    assert_eq!(imported.notes.len(), 1, "{:?}", imported.notes);
    assert_eq!(imported.notes[0].line, Some(6));
    assert!(imported.notes[0].message.contains("`permalink`"));
    let json = "---json\n{\"title\": \"Plain JSON\", \"date\": \"2024-05-07\"}\n---\n\nBody.\n";
    let (imported, post) = import_one("eleventy/plain.md", json).unwrap();
    assert_eq!(post.meta.title, "Plain JSON");
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    assert!(!post.html.contains("json"), "{}", post.html);
}
/// MkDocs Material's blog posts: content tabs, attribute lists without their colon,
/// `markdown` on HTML blocks, keys, insertions, abbreviations, icons and GitHub pictures.
#[test]
fn mkdocs_material_posts_show_what_material_shows() {
    let text = "---\ndate:\n  created: 2024-06-01\ncategories:\n  - Guides\n---\n\n# Shortcuts :material-keyboard:\n\n=== \"Linux\"\n\n    Press ++ctrl+shift+p++.\n\n=== \"macOS\"\n\n    Press ++cmd+shift+p++.\n\n[Download](https://example.org/get){ .md-button .md-button--primary }\n\n![Palette](palette.png){ width=\"300\" loading=lazy }\n\n<figure markdown>\n![Map](map.png)\n<figcaption>The map</figcaption>\n</figure>\n\nThe CLI is ^^new^^ :octocat:.\n\n*[CLI]: Command-line interface\n";
    let (imported, post) = import_one("mkdocs-material/shortcuts.md", text).unwrap();
    let html = &post.html;
    assert_eq!(post.meta.title, "Shortcuts");
    for shown in [
        "<p><strong>Linux</strong></p>\n<p>Press <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>P</kbd>.</p>",
        "<p><strong>macOS</strong></p>\n<p>Press <kbd>Cmd</kbd>+<kbd>Shift</kbd>+<kbd>P</kbd>.</p>",
        ">Download</a></p>",
        "width=\"300\"",
        "<figcaption>The map</figcaption>",
        "<abbr title=\"Command-line interface\">CLI</abbr> is <ins>new</ins> <span class=\"emoji-name\">octocat</span>.",
    ] {
        assert!(html.contains(shown), "{shown} in {html}");
    }
    for hidden in ["===", "{", "++", "^^", "*[", ":material", ":octocat:"] {
        assert!(!html.contains(hidden), "{hidden} in {html}");
    }
    let notes: Vec<&str> = imported.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].contains(":material-keyboard:"), "{notes:?}");
    assert!(notes[1].contains(":octocat:"), "{notes:?}");
    // A heading's emoji shortcode becomes the emoji in the title.
    let (_, post) = import_one("mkdocs-material/party.md", "# Release :tada:\n\nText.\n").unwrap();
    assert_eq!(post.meta.title, "Release 🎉");
}

/// Code blocks as Docusaurus, Gatsby and VitePress annotate them: titles shown above,
/// line highlights and highlighter comments gone, added/removed lines as a diff.
#[test]
fn code_blocks_of_docusaurus_gatsby_and_vitepress() {
    let text = "---\ntitle: Code\ndate: 2024-06-02\n---\n\n```jsx title=\"src/App.jsx\" showLineNumbers {2}\nfunction App() {\n  // highlight-next-line\n  return <p>Hi</p>;\n}\n```\n\n```js:title=gatsby-config.js\nmodule.exports = {};\n```\n\n```ts [vite.config.ts]\nexport default {\n  base: '/', // [!code --]\n  base: '/blog/', // [!code ++]\n}\n```\n";
    let (_, post) = import_one("docusaurus/code.md", text).unwrap();
    let html = &post.html;
    for shown in [
        "<div class=\"code-title\">src/App.jsx</div>",
        "<div class=\"code-title\">gatsby-config.js</div>",
        "<div class=\"code-title\">vite.config.ts</div>",
        "language-jsx",
        "language-js\"",
        "language-diff",
    ] {
        assert!(html.contains(shown), "{shown} in {html}");
    }
    for hidden in [
        "highlight-next-line",
        "[!code",
        "showLineNumbers",
        ":title=",
    ] {
        assert!(!html.contains(hidden), "{hidden} in {html}");
    }
}

/// Obsidian finds a note by its name in any folder; when two notes share the name, the one
/// beside the linking note wins, and a warning names both.
#[test]
fn obsidian_links_by_name_anywhere_and_shared_names() {
    let posts = import_many(
        &[
            (
                "vault/daily/Log.md",
                "---\ntitle: Daily log\ndate: 2024-01-01\n---\n\nSee [[Ideas]] and [[Recipe]].\n",
            ),
            (
                "vault/work/Recipe.md",
                "---\ntitle: Work recipe\ndate: 2024-01-02\n---\n\nText.\n",
            ),
            (
                "vault/daily/Recipe.md",
                "---\ntitle: Daily recipe\ndate: 2024-01-03\n---\n\nText.\n",
            ),
            (
                "vault/deep/down/Ideas.md",
                "---\ntitle: Ideas\ndate: 2024-01-04\n---\n\nBack to [[log]].\n",
            ),
        ],
        &|_| false,
    );
    let log = posts
        .iter()
        .find(|p| p.path == "vault/daily/Log.md")
        .unwrap();
    let ideas = posts.iter().find(|p| p.path.ends_with("Ideas.md")).unwrap();
    let daily = posts
        .iter()
        .find(|p| p.path == "vault/daily/Recipe.md")
        .unwrap();
    let ideas_address = blog_core::routes::post(&ideas.slug);
    let daily_address = blog_core::routes::post(&daily.slug);
    assert!(
        log.text.contains(&format!("[Ideas]({ideas_address})")),
        "{}",
        log.text
    );
    assert!(
        log.text.contains(&format!("[Recipe]({daily_address})")),
        "{}",
        log.text
    );
    assert_eq!(log.notes.len(), 1, "{:?}", log.notes);
    assert!(
        log.notes[0]
            .message
            .contains("posts/vault/daily/Recipe.md or posts/vault/work/Recipe.md"),
        "{:?}",
        log.notes
    );
    // Any case, as Obsidian finds names.
    let log_address = blog_core::routes::post(&log.slug);
    assert!(
        ideas.text.contains(&format!("[log]({log_address})")),
        "{}",
        ideas.text
    );
}

/// The per-engine folders of `tests/fixtures/engines/` (posts in our own words, one folder
/// per engine, built into the browser tests' migration site as `posts/<engine>/…`): every
/// post publishes, and nothing of its engine's syntax reaches a reader.
#[test]
fn engine_folders_publish_with_nothing_of_their_syntax_shown() {
    let root = fixtures("engines");
    let mut all = BTreeSet::new();
    for engine in std::fs::read_dir(&root).unwrap() {
        let engine = engine.unwrap();
        let posts = engine.path().join("posts");
        if posts.is_dir() {
            let name = engine.file_name().to_string_lossy().into_owned();
            walk(&posts, &format!("{name}/"), &mut all);
        }
    }
    let read = |path: &str| {
        let (engine, rest) = path.split_once('/').unwrap();
        std::fs::read(root.join(engine).join("posts").join(rest)).unwrap()
    };
    let files: Vec<SourceFile> = all
        .iter()
        .filter(|p| is_post_file(p))
        .map(|p| SourceFile {
            path: p.clone(),
            bytes: read(p),
            modified: Some(1_700_000_000),
        })
        .collect();
    assert_eq!(files.len(), 11, "{all:?}");
    let mut shown = String::new();
    for result in import_all(&files, &|p| all.contains(p)) {
        let imported = result.unwrap_or_else(|e| panic!("{e}"));
        let post = Post::parse(&imported.path, &imported.text)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", imported.path, imported.text));
        let html = &post.html;
        for syntax in [
            "{:",
            ":::",
            "!!!",
            "???",
            "[[",
            "]]",
            "{{",
            "}}",
            "{%",
            "%}",
            "%%",
            "$$",
            "\\(",
            "\\[",
            "\\eqref",
            "\\label",
            "[!NOTE]",
            "[!warning]",
            "highlight-next-line",
            "[!code",
            "===",
            "++",
            "^^",
            "*[",
            "<Tabs",
            "TabItem",
            "import ",
            "---",
            "<!--",
            ":material",
            ":tada:",
            "Title:",
            "[TOC]",
            "{filename}",
            "{static}",
            "<Badge",
            "<YouTube",
        ] {
            assert!(
                !html.contains(syntax) && !post.meta.title.contains(syntax),
                "{}: `{syntax}` shown:\n{html}",
                imported.path
            );
        }
        shown.push_str(&format!("{}\n{html}\n", post.meta.title));
    }
    for expected in [
        // Jekyll: the title from the file name, kramdown callouts, the theme's figure.
        "Kiln Firing Log",
        "callout-tip",
        "Shelves stacked for the bisque.",
        "<td>Bisque</td>",
        // Hugo themes: alert, tabs, maths numbered and referenced, details, mermaid.
        "Wear a mask",
        "<strong>Tenmoku</strong>",
        "<mtext>(2)</mtext>",
        "<summary>Why the order of weighing matters</summary>",
        "language-mermaid",
        // Eleventy, Gatsby, Docusaurus, Hexo.
        "The slatted drying shelf",
        "Centre the clay before opening it",
        "throw-log.js",
        "Start small",
        "<strong>Cone 10</strong>",
        "Melts at about 1300 °C.",
        "Buy the clay you can reclaim.",
        "the kiln notes",
        // Pelican, MkDocs Material, Obsidian, VitePress.
        "Trimming a foot ring",
        "language-python",
        "<kbd>Ctrl</kbd>+<kbd>R</kbd>",
        "<strong>Bisque</strong>",
        "<mark>runny ones</mark>",
        "Glaze tests",
        "A banding wheel",
        "language-diff",
        "<mark>new</mark>",
    ] {
        assert!(shown.contains(expected), "`{expected}` not shown:\n{shown}");
    }
}

/// kramdown's attribute list definitions never show; MkDocs admonitions nest.
#[test]
fn kramdown_definitions_and_nested_mkdocs_admonitions() {
    let text = "---\ntitle: Nested\ndate: 2024-01-05\n---\n\n{:wide: .full-width style=\"x\"}\n\nA paragraph.\n{: wide}\n\n!!! note \"Outer\"\n\n    Outer text.\n\n    !!! warning \"Inner\"\n\n        Inner text.\n\nAfter.\n";
    let (_, post) = import_one("mkdocs/nested.md", text).unwrap();
    let html = &post.html;
    assert!(!html.contains("{:"), "{html}");
    assert!(
        html.contains("Outer text.") && html.contains("Inner text."),
        "{html}"
    );
    assert!(!html.contains("!!!") && !html.contains("<pre"), "{html}");
    assert_eq!(html.matches("callout-title").count(), 2, "{html}");
    assert!(html.contains("<p>After.</p>"), "{html}");
}

/// Docusaurus' inline author objects keep their picture (`image_url`) and title.
#[test]
fn docusaurus_inline_authors_keep_their_profile() {
    let text = "---\ntitle: Inline\ndate: 2024-01-06\nauthors:\n  - name: Joel Example\n    title: Co-creator\n    url: https://example.org/joel\n    image_url: https://example.org/joel.png\n  - mira\n---\n\nText.\n";
    let (imported, _) = import_one("docusaurus/inline.md", text).unwrap();
    let joel = &imported.profiles[0];
    assert_eq!(joel.name, "Joel Example");
    assert_eq!(joel.bio, "Co-creator");
    assert_eq!(joel.avatar.as_deref(), Some("https://example.org/joel.png"));
    assert_eq!(joel.website.as_deref(), Some("https://example.org/joel"));
}

/// Obsidian's attachments other than pictures, and the alias bar escaped inside a table;
/// Hexo's `post_link` with several words of text.
#[test]
fn obsidian_attachments_and_table_aliases_hexo_post_link_words() {
    let text = "---\ndate: 2024-01-07\n---\n\n![[talk.mp3]]\n\n![[demo clip.mp4]]\n\n![[paper.pdf]]\n\n| Note | Link |\n| --- | --- |\n| a | [[Other note\\|the other one]] |\n";
    let exists =
        |p: &str| ["vault/talk.mp3", "vault/demo clip.mp4", "vault/paper.pdf"].contains(&p);
    let posts = import_many(
        &[
        ("vault/Attachments.md", text),
        ("vault/Other note.md", "---\ndate: 2024-01-08\n---\n\nHello.\n"),
        ("hexo/linking.md", "title: Linking\ndate: 2024-01-09\n---\nSee {% post_link Attachments the attachments note true %}.\n"),
        ],
        &exists,
    );
    let post = Post::parse("vault/Attachments.md", &posts[0].text).unwrap();
    let html = &post.html;
    assert!(
        html.contains("<audio src=\"/posts/attachments/talk.mp3\""),
        "{html}"
    );
    assert!(
        html.contains("<video src=\"/posts/attachments/demo clip.mp4\""),
        "{html}"
    );
    assert!(html.contains(">paper.pdf</a>"), "{html}");
    assert!(html.contains(">the other one</a></td>"), "{html}");
    assert!(!html.contains("[["), "{html}");
    let hexo = posts.iter().find(|p| p.path == "hexo/linking.md").unwrap();
    assert!(
        hexo.text
            .contains("[the attachments note](/posts/attachments)"),
        "{}",
        hexo.text
    );
}

/// Docusaurus' heading ids written as MDX comments.
#[test]
fn docusaurus_heading_ids_in_mdx_comments() {
    let text = "---\ntitle: Ids\ndate: 2024-01-10\n---\n\n## Getting set up {/* #setup */}\n\nSee [setup](#setup).\n\n## Plain {/* a note */}\n";
    let (_, post) = import_one("docusaurus/ids.mdx", text).unwrap();
    assert!(
        post.html.contains("<h2 id=\"setup\">Getting set up"),
        "{}",
        post.html
    );
    assert!(
        !post.html.contains("/*") && !post.html.contains("a note"),
        "{}",
        post.html
    );
}

/// Obsidian finds an embedded attachment by name: in the note's folder, or in an
/// attachments folder beside it or above it.
#[test]
fn obsidian_attachments_are_found_where_obsidian_keeps_them() {
    let files = [SourceFile {
        path: "vault/daily/Today.md".to_string(),
        bytes: b"---\ndate: 2024-01-11\n---\n\n![[kiln.png]]\n\n![[notes.pdf]]\n\n![[here.png]]\n"
            .to_vec(),
        modified: None,
    }];
    let exists = |p: &str| {
        [
            "vault/attachments/kiln.png",
            "vault/notes.pdf",
            "vault/daily/here.png",
        ]
        .contains(&p)
    };
    let imported = import_all(&files, &exists).remove(0).unwrap();
    let post = Post::parse(&imported.path, &imported.text).unwrap();
    for shown in [
        "src=\"/posts/today/kiln.png\"",
        "href=\"/posts/today/notes.pdf\"",
        "src=\"/posts/today/here.png\"",
    ] {
        assert!(post.html.contains(shown), "{shown}: {}", post.html);
    }
    // Each is published beside the post, from where it is.
    let published: Vec<&str> = imported
        .resources
        .iter()
        .map(|(from, _)| from.as_str())
        .collect();
    for file in [
        "vault/attachments/kiln.png",
        "vault/notes.pdf",
        "vault/daily/here.png",
    ] {
        assert!(published.contains(&file), "{file}: {published:?}");
    }
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
}

/// An indented code block (CommonMark's four spaces after a blank line) is code: nothing
/// in it is rewritten. Text indented under a list item, a footnote or an MkDocs
/// admonition is prose.
#[test]
fn indented_code_blocks_are_left_as_written() {
    let text = "---\ntitle: Indented\ndate: 2024-01-12\n---\n\nA template:\n\n    <p>{{ page.title }} costs $5 and $6 :tada: [[not a link]] ==no==</p>\n    {% if x %}y{% endif %}\n\nAfter :tada:.\n\n- An item\n\n    with more text :tada:\n\n[^1]: A note\n\n    that goes on :tada:\n\n!!! tip\n\n    Inside :tada:\n";
    let (imported, post) = import_one("jekyll/indented.md", text).unwrap();
    let html = &post.html;
    assert!(
        html.contains("<pre tabindex=\"0\"><code>&lt;p&gt;{{ page.title }} costs $5 and $6 :tada: [[not a link]] ==no==&lt;/p&gt;\n{% if x %}y{% endif %}"),
        "{html}"
    );
    assert!(html.contains("After 🎉."), "{html}");
    assert!(html.contains("with more text 🎉"), "{html}");
    assert!(html.contains("that goes on 🎉"), "{html}");
    assert!(html.contains("Inside 🎉"), "{html}");
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
}

/// Eleventy's `date: Last Modified` (and its git forms) is the file's date, never an error.
#[test]
fn eleventy_file_dates() {
    for value in [
        "Last Modified",
        "git Last Modified",
        "Created",
        "git Created",
    ] {
        let text = format!("---\ntitle: Dated by the file\ndate: {value}\n---\n\nText.\n");
        let (imported, post) = import_one("eleventy/2023-04-05-dated.md", &text).unwrap();
        assert_eq!(post.meta.date.iso(), "2023-04-05", "{value}");
        assert!(imported.notes.is_empty(), "{value}: {:?}", imported.notes);
    }
}

/// Gatsby's `featuredImage: ./cover.png` beside the post is its lead image, published
/// with it.
#[test]
fn gatsby_lead_image_beside_the_post() {
    let files = [SourceFile {
        path: "gatsby/first/index.md".to_string(),
        bytes: b"---\ntitle: First\ndate: 2020-01-02\nfeaturedImage: ./cover.png\n---\n\nText.\n"
            .to_vec(),
        modified: None,
    }];
    let imported = import_all(&files, &|p| p == "gatsby/first/cover.png")
        .remove(0)
        .unwrap();
    let post = Post::parse(&imported.path, &imported.text).unwrap();
    assert_eq!(post.meta.image.as_deref(), Some("/posts/first/cover.png"));
    assert_eq!(
        imported.resources,
        [(
            "gatsby/first/cover.png".to_string(),
            "cover.png".to_string()
        )]
    );
}

/// TeX's groups after `_` and `^` are no attribute lists.
#[test]
fn tex_groups_are_not_attribute_lists() {
    let text = "---\ntitle: Sums\ndate: 2024-01-13\n---\n\n$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$\n\nAnd $x_{k=2}$ inline.\n";
    let (imported, post) = import_one("jekyll/sums.md", text).unwrap();
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    assert!(!post.html.contains("math-error"), "{}", post.html);
    assert!(post.html.contains("<mo>=</mo><mn>1</mn>"), "{}", post.html);
}

/// A body that opens by repeating its front matter title as a heading (VitePress, MkDocs)
/// shows the title once; a different first heading stays.
#[test]
fn a_title_repeated_as_the_first_heading_shows_once() {
    let (_, post) = import_one(
        "vitepress/a.md",
        "---\ntitle: Tools for a home pottery\n---\n\n# Tools for a Home Pottery\n\nText.\n",
    )
    .unwrap();
    assert!(!post.html.contains("<h1"), "{}", post.html);
    let (_, post) = import_one(
        "vitepress/b.md",
        "---\ntitle: Short\n---\n\n# A longer heading\n\nText.\n",
    )
    .unwrap();
    assert!(post.html.contains("<h1"), "{}", post.html);
}

/// Gists as Hugo (`user id`), Jekyll (`user/id file`) and Hexo (`id`) name them.
#[test]
fn gists_of_every_engine_link_to_the_gist() {
    let text = "---\ntitle: Gists\ndate: 2024-01-14\n---\n\n{{< gist ann 1a2b >}}\n\n{% gist ann/3c4d tide.py %}\n\n{% gist 5e6f %}\n";
    let (imported, post) = import_one("jekyll/gists.md", text).unwrap();
    for href in [
        "https://gist.github.com/ann/1a2b",
        "https://gist.github.com/ann/3c4d",
        "https://gist.github.com/5e6f",
    ] {
        assert!(
            post.html.contains(&format!("href=\"{href}\"")),
            "{href}: {}",
            post.html
        );
    }
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
}

/// Obsidian's `aliases` are other names of a note: `[[Alias]]` links to it, and no
/// redirect page is made for them; Hugo's, with a `/`, stay old addresses.
#[test]
fn obsidian_aliases_name_the_note_hugo_aliases_are_addresses() {
    let posts = import_many(
        &[
        ("vault/Kiln log.md", "---\ndate: 2024-01-15\naliases: [Firing diary, kiln notes]\n---\n\nText.\n"),
        ("vault/Today.md", "---\ndate: 2024-01-16\naliases: Daily, Today's page\n---\n\nSee [[Firing diary]] and [[Kiln notes|the notes]].\n"),
        ("hugo/moved.md", "---\ntitle: Moved\ndate: 2024-01-17\naliases: [/old/moved/, old-name.html]\n---\n\nText.\n"),
        ],
        &|_| false,
    );
    let log = posts
        .iter()
        .find(|p| p.path == "vault/Kiln log.md")
        .unwrap();
    let today = posts.iter().find(|p| p.path == "vault/Today.md").unwrap();
    let moved = posts.iter().find(|p| p.path == "hugo/moved.md").unwrap();
    assert_eq!(log.link_names, ["Firing diary", "kiln notes"]);
    assert_eq!(today.link_names, ["Daily", "Today's page"]);
    let address = blog_core::routes::post(&log.slug);
    assert!(
        today.text.contains(&format!("[Firing diary]({address})")),
        "{}",
        today.text
    );
    assert!(
        today.text.contains(&format!("[the notes]({address})")),
        "{}",
        today.text
    );
    assert!(today.notes.is_empty(), "{:?}", today.notes);
    let meta = |p: &Imported| Post::parse(&p.path, &p.text).unwrap().meta;
    assert!(meta(log).aliases.is_empty());
    assert_eq!(meta(moved).aliases, ["/old/moved/", "old-name.html"]);
}

/// The title heading is found past what shows nothing (MDX imports, a lone tag, a comment),
/// and never in code made by a template tag.
#[test]
fn the_title_heading_past_imports_and_never_in_tag_code() {
    let (_, post) = import_one(
        "docusaurus/imports.mdx",
        "import Tabs from '@theme/Tabs';\n\n# Glazes in tabs\n\nText.\n",
    )
    .unwrap();
    assert_eq!(post.meta.title, "Glazes in tabs");
    assert!(!post.html.contains("<h1"), "{}", post.html);
    let (_, post) = import_one(
        "jekyll/2024-01-18-code-first.md",
        "{% highlight python %}\n# not a title\nprint(1)\n{% endhighlight %}\n\nText.\n",
    )
    .unwrap();
    assert_eq!(post.meta.title, "Code First");
    assert!(post.html.contains("# not a title"), "{}", post.html);
}

/// A post that opens with template syntax has no JSON front matter.
#[test]
fn a_post_opening_with_template_syntax_is_no_json_front_matter() {
    for text in [
        "{% include toc.html %}\n\nText.\n",
        "{{< youtube abc >}}\n\nText.\n",
        "{/* draft */}\n\nText.\n",
        "{: .lead}\nText.\n",
    ] {
        let (_, post) = import_one("jekyll/2024-01-19-opens-with-a-tag.md", text)
            .unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(post.html.contains("Text."), "{text}: {}", post.html);
    }
}

/// Templates printing the post's own front matter show its value: Jekyll's `page.x`,
/// VitePress' `$frontmatter.x`.
#[test]
fn templates_print_the_posts_own_front_matter() {
    let text = "---\ntitle: Kiln *notes*\ndate: 2024-01-20\nglaze: celadon\n---\n\nThis is {{ page.title }}, glazed in {{ $frontmatter.glaze }}; {{ page.missing }} goes.\n";
    let (imported, post) = import_one("vitepress/printed.md", text).unwrap();
    assert!(
        post.html
            .contains("This is Kiln *notes*, glazed in celadon;  goes."),
        "{}",
        post.html
    );
    assert_eq!(imported.notes.len(), 1, "{:?}", imported.notes);
}

/// Minimal Mistakes' gallery include shows the pictures its front matter lists.
#[test]
fn jekyll_gallery_include_shows_the_front_matter_pictures() {
    let text = "---\ntitle: Pots\ndate: 2024-01-21\ngallery:\n  - url: /images/big-1.png\n    image_path: /images/small-1.png\n    alt: A bowl\n  - image_path: images/small-2.png\n    title: A jug\n---\n\n{% include gallery caption=\"Two pots from the spring firing.\" %}\n";
    let (imported, post) = import_one("jekyll/2024-01-21-pots.md", text).unwrap();
    let html = &post.html;
    assert!(
        html.contains(
            "<a href=\"/images/big-1.png\"><img src=\"/images/small-1.png\" alt=\"A bowl\""
        ),
        "{html}"
    );
    assert!(
        html.contains("src=\"/images/small-2.png\" alt=\"A jug\""),
        "{html}"
    );
    assert!(
        html.contains("<figcaption>Two pots from the spring firing.</figcaption>"),
        "{html}"
    );
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
}
