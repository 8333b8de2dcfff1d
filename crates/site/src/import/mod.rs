//! Import: turns a post written for any engine (Jekyll, Hugo, Zola, Astro, Next.js,
//! docsify) into this blog's own form, so it publishes unchanged.
//!
//! Runs natively when publishing and checking: `blogtool publish` writes each post as
//! [`Imported::text`], UTF-8 with YAML front matter under the canonical field names, and the
//! browser reads only that form. Everything another engine allows and this blog does not
//! show as written (TOML or JSON front matter, field aliases, file-name dates, a first
//! `# Heading` as title, MDX lines, template tags) is converted here, and what cannot be
//! carried over is reported as a [`Note`] with its line in the author's file.
//!
//! Pure like the rest of the core: the caller reads the files and passes their bytes.

mod admonitions;
pub mod authors;
mod body;
mod code;
mod dates;
mod diagrams;
mod files;
mod formats;
mod javascript;
mod kramdown;
mod maths;
mod mdx;
mod missing_images;
mod obsidian;
mod page_kind;
mod prose;
mod pymdown;

use std::collections::{HashMap, HashSet};

use blog_core::author::Author;
use blog_core::error::{ErrorKind, PostError};
use blog_core::front_matter::{self, FieldKind, FIELDS};
use blog_core::routes;
use blog_core::slug::is_valid_slug;
use blog_core::yaml::{Node, Value};

pub use diagrams::{diagrams, with_diagrams, Diagram};
pub use files::{is_post_file, url_slug, PostPath};
pub use missing_images::{leave_out_missing_images, missing_site_file, LeftOut};
pub use page_kind::SECTION_FILE;

/// One file under `posts/`, as read from disk.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path under `posts/` with `/` separators: `hello.md`, `2023/notes.md`,
    /// `my-trip/index.md`.
    pub path: String,
    /// The file's bytes, in whatever encoding it was saved.
    pub bytes: Vec<u8>,
    /// Last modification time in seconds since the Unix epoch, for posts without a date.
    pub modified: Option<u64>,
}

/// Something the author should know about an imported post; it still publishes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// 1-based line in the author's file, when there is one.
    pub line: Option<usize>,
    /// What happened and what to do about it.
    pub message: String,
}

/// A post in this blog's own form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// Path under `posts/` of the file it came from.
    pub path: String,
    /// Its address: `/posts/<slug>`.
    pub slug: String,
    /// The post as published: canonical YAML front matter, then the body.
    pub text: String,
    /// Warnings for the author, with lines in the original file.
    pub notes: Vec<Note>,
    /// Lines of front matter at the top of [`Imported::text`].
    pub head_lines: usize,
    /// For each body line of `text`, the author's line in the original file.
    pub body_lines: Vec<usize>,
    /// Files the post refers to by relative path, published with it: (path under `posts/`,
    /// path under `/posts/<slug>/`).
    pub resources: Vec<(String, String)>,
    /// For a page bundle (`posts/<name>/index.md`), its folder under `posts/`: the files
    /// beside the post are published with it at `/posts/<slug>/`.
    pub bundle: Option<String>,
    /// The front matter's own slug, when it set one (these must be unique; derived ones are
    /// made unique).
    pub explicit_slug: bool,
    /// The post's language, from its front matter or its file name (`index.zh.md`).
    pub lang: Option<String>,
    /// Authors the post describes as objects (`{name, picture, url}`, Next.js and Astro),
    /// for bylines of authors missing from `authors.yaml`.
    pub profiles: Vec<Author>,
    /// Other names of the note (Obsidian's `aliases:` that are names, not paths), which
    /// `[[wikilinks]]` may use.
    pub link_names: Vec<String>,
    /// The post's title, as published.
    pub title: String,
    /// Why its engine published this file as a page of the blog, not a post (`` `layout:
    /// page` ``, see [`page_kind`]): it is published as one.
    pub page: Option<String>,
    /// Its entry in the header's menu, when its front matter asks for one (`menu: main`):
    /// its own label, if any, and its weight.
    pub menu: Option<(Option<String>, i64)>,
    /// A link in it shows another post's title (Hexo's `post_link` without text), which
    /// the first pass over a blog does not know yet.
    pub wants_titles: bool,
}

/// How the note on a post dated by its file's time begins (pages, which have no date,
/// leave it out).
pub const UNDATED_NOTE: &str = "no date:";

/// Imports every post of a blog. `exists` answers whether a path under `posts/` is a file
/// (bundle resources, links by file name). Each result is the imported post or the error
/// that stops it from publishing. Derived addresses that collide get `-2`, `-3`…;
/// translations (`index.zh.md` beside `index.md`) get their own address and link to each
/// other.
pub fn import_all(
    files: &[SourceFile],
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Result<Imported, PostError>> {
    import_all_with(files, exists, &NoMemo)
}

/// Remembers single files' imports between two [`import_all_with`] of the same blog (while
/// `blogtool serve` runs), so that a file as it was is not imported again.
pub trait ImportMemo: Sync {
    /// The import of `file` made earlier with the same addresses (`addresses`: an id of the
    /// map of every post's address, which links between posts are resolved with), if the
    /// file is as it was then.
    fn get(&self, file: &SourceFile, addresses: u64) -> Option<Result<Imported, PostError>>;
    /// Keeps a new import of `file` made with `addresses`.
    fn put(&self, file: &SourceFile, addresses: u64, result: &Result<Imported, PostError>);
}

/// Remembers nothing.
struct NoMemo;

impl ImportMemo for NoMemo {
    fn get(&self, _: &SourceFile, _: u64) -> Option<Result<Imported, PostError>> {
        None
    }
    fn put(&self, _: &SourceFile, _: u64, _: &Result<Imported, PostError>) {}
}

/// An id of an address map: equal maps have equal ids.
fn map_id(map: &HashMap<String, String>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_unstable();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    entries.hash(&mut hasher);
    hasher.finish()
}

/// [`import_all`], taking from `memo` the imports of files as they were and giving it the
/// new ones. `exists` must answer as it did when the remembered imports were made (the
/// caller forgets them when the folder's files change).
pub fn import_all_with(
    files: &[SourceFile],
    exists: &(dyn Fn(&str) -> bool + Sync),
    memo: &dyn ImportMemo,
) -> Vec<Result<Imported, PostError>> {
    use rayon::prelude::*;
    let import_all_by = |map: &HashMap<String, String>,
                         titles: &HashMap<String, String>|
     -> Vec<Result<Imported, PostError>> {
        // Without titles (the first pass, and blogs that never ask) the id is the map's.
        let id = if titles.is_empty() {
            map_id(map)
        } else {
            map_id(map) ^ map_id(titles).rotate_left(1)
        };
        files
            .par_iter()
            .map(|file| {
                memo.get(file, id).unwrap_or_else(|| {
                    let result = import(file, exists, map, titles);
                    memo.put(file, id, &result);
                    result
                })
            })
            .collect()
    };
    // Links between posts name files; they must lead to each post's final address, which
    // its front matter may set: a first pass learns the addresses, the second uses them.
    // Each file is imported on its own, so all cores share the work.
    let names = file_slugs(files);
    let no_titles = HashMap::new();
    let mut first = import_all_by(&names, &no_titles);
    make_unique(&mut first);
    let mut slugs = address_map(
        first
            .iter()
            .flatten()
            .map(|post| (post.path.clone(), post.slug.clone())),
    );
    for (key, slug) in &names {
        slugs.entry(key.clone()).or_insert(slug.clone());
    }
    // Obsidian's `aliases` name a note too (`[[Alias]]`): as if a file had that name,
    // unless a file has it or two notes share it.
    let mut by_alias: HashMap<String, Option<String>> = HashMap::new();
    for post in first.iter().flatten() {
        for name in &post.link_names {
            by_alias
                .entry(format!("{name}.md"))
                .and_modify(|taken| *taken = None)
                .or_insert(Some(post.slug.clone()));
        }
    }
    for (key, slug) in by_alias {
        if let Some(slug) = slug {
            slugs.entry(key).or_insert(slug);
        }
    }
    // Hexo's `post_link` without text shows the post's title: known after the first pass.
    let titles: HashMap<String, String> = if first.iter().flatten().any(|p| p.wants_titles) {
        first
            .iter()
            .flatten()
            .map(|p| (p.slug.clone(), p.title.clone()))
            .collect()
    } else {
        HashMap::new()
    };
    // When every post lives where its file name says, the first pass already linked right.
    let mut results = if slugs == names && titles.is_empty() {
        first
    } else {
        let mut again = import_all_by(&slugs, &titles);
        make_unique(&mut again);
        again
    };
    link_translations(&mut results);
    results
}

/// The address each post file gets from its name alone: what links by file name
/// (`other.md`, `{% post_url %}`, Hugo's `ref`) resolve to when the post sets no `slug:`.
/// Keyed by path under `posts/` and by bare file name.
fn file_slugs(files: &[SourceFile]) -> HashMap<String, String> {
    address_map(files.iter().map(|file| {
        let parsed = PostPath::parse(&file.path);
        (file.path.clone(), parsed.slug)
    }))
}

/// Addresses keyed by path under `posts/`, and by bare file name where only one post has
/// that name (`notes.md` in two folders names neither: a link must say which).
fn address_map(posts: impl Iterator<Item = (String, String)>) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let mut names: HashMap<String, Option<String>> = HashMap::new();
    for (path, slug) in posts {
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        names
            .entry(name)
            .and_modify(|taken| *taken = None)
            .or_insert(Some(slug.clone()));
        map.insert(path, slug);
    }
    for (name, slug) in names {
        if let Some(slug) = slug {
            map.entry(name).or_insert(slug);
        }
    }
    map
}

/// A file's text as the import reads it: UTF-8, or Windows-1252 when it is not UTF-8.
pub fn decode_text(bytes: &[u8]) -> String {
    formats::decode(bytes, &mut Vec::new())
}

/// Imports one post; `slugs` maps post file names to addresses for links between posts.
fn import(
    file: &SourceFile,
    exists: &dyn Fn(&str) -> bool,
    slugs: &HashMap<String, String>,
    titles: &HashMap<String, String>,
) -> Result<Imported, PostError> {
    let wants_titles = std::cell::Cell::new(false);
    let shown = format!("posts/{}", file.path);
    let fail = |line: Option<usize>, kind: ErrorKind| PostError {
        file: shown.clone(),
        line,
        kind,
    };
    let mut notes = Vec::new();
    let text = formats::decode(&file.bytes, &mut notes);
    let split = formats::split(&text).map_err(|(line, kind)| fail(line, kind))?;
    let mut doc = split.doc;
    notes.extend(split.notes);
    if split.format == formats::Format::Yaml {
        notes.extend(formats::comment_cuts(split.raw, split.first_line));
    }
    let path = PostPath::parse(&file.path);
    let mdx = file.path.ends_with(".mdx");
    let mut body = body::Body::new(split.body, split.body_first_line);
    // Fix dates people write freely to the form the core reads.
    dates::normalise(&mut doc);
    let has = |doc: &Node, field: &str| {
        FIELDS
            .iter()
            .filter(|(_, f, _)| *f == field)
            .any(|(key, _, _)| match doc.get(key).map(|n| &n.value) {
                // `published: true|false` is Jekyll's flag, not a date.
                Some(Value::Scalar(s)) => {
                    let flag = *key == "published" && matches!(s.as_str(), "true" | "false");
                    !s.trim().is_empty() && !flag
                }
                Some(Value::Null) | None => false,
                Some(_) => true,
            })
    };
    // VitePress, MkDocs and docsify pages repeat the title as the body's first heading:
    // the page shows it once.
    if let Some(Node {
        value: Value::Scalar(title),
        ..
    }) = doc.get("title")
    {
        body.drop_leading_title(title);
    }
    // A title is never required: the first heading, else the file's name as its engine
    // shows it.
    if !has(&doc, "title") {
        let title = body.take_title().map(|heading| {
            // The heading's emoji and icon shortcodes, as the body's are.
            let mut unshown = Vec::new();
            let title = prose::shortcodes_in(&heading, &mut unshown);
            for (name, _) in unshown {
                notes.push(Note {
                    line: None,
                    message: format!("`{name}` in the title is left out: it is no text"),
                });
            }
            title.split_whitespace().collect::<Vec<_>>().join(" ")
        });
        let title = title.unwrap_or_else(|| {
            let (title, from_date) = path.title();
            if from_date {
                notes.push(Note {
                    line: None,
                    message: format!(
                        "no title: titled \"{title}\" after the date in its file name; add `title:` to name it"
                    ),
                });
            }
            title
        });
        set(&mut doc, "title", title);
    }
    let menu = page_kind::menu_entry(&doc);
    let page = page_kind::page_signal(
        &doc,
        &file.path,
        has(&doc, "date") || path.date.is_some(),
        exists,
    );
    if !has(&doc, "date") {
        let date = match (path.date, file.modified) {
            (Some(date), _) => date.stored(),
            // A page has no date: the time only fills the form posts share.
            (None, Some(seconds)) if page.is_some() => {
                blog_core::date::PostDate::from_unix(seconds).stored()
            }
            (None, Some(seconds)) => {
                let date = blog_core::date::PostDate::from_unix(seconds);
                notes.push(Note {
                    line: None,
                    message: format!(
                        "{UNDATED_NOTE} dated {} from the file's last change; add `date:` to keep it",
                        date.iso()
                    ),
                });
                date.stored()
            }
            (None, None) => return Err(fail(None, ErrorKind::MissingField("date"))),
        };
        set(&mut doc, "date", date);
    }
    let link_names = obsidian::note_aliases(&mut doc);
    let at = |line: Option<usize>, kind| fail(line.map(|l| l + split.first_line - 1), kind);
    // A value of a shape its field does not take is made to fit (or left out) with a note
    // saying what was kept: another engine published the post with it.
    // Each round fits one key (or fails): a front matter has at most that many keys.
    let mut rounds = 0;
    let mut fm = loop {
        rounds += 1;
        match front_matter::from_node(&doc, &at) {
            Err(error) if rounds <= 64 => {
                let (ErrorKind::BadField { field, .. }, line) = (&error.kind, error.line) else {
                    return Err(error);
                };
                let Some(kept) = fit(&mut doc, field) else {
                    return Err(error);
                };
                notes.push(Note {
                    line,
                    message: format!("`{field}` {kept}"),
                });
                if field_of(field) == "title" && !has(&doc, "title") {
                    set(&mut doc, "title", path.title().0);
                }
            }
            result => break result?,
        }
    };
    let profiles = author_profiles(&doc);
    let explicit_slug = fm.slug.is_some();
    let slug = match fm.slug.take() {
        Some(slug) if is_valid_slug(&slug) => slug,
        Some(written) => {
            let slug = url_slug(&written);
            notes.push(Note {
                line: key_line(&doc, "slug", split.first_line),
                message: format!(
                    "slug \"{written}\" is not usable in a URL; the post is published at {}",
                    blog_core::routes::post(&slug)
                ),
            });
            slug
        }
        None => path.slug.clone(),
    };
    let lang = fm.lang.clone().or(path.lang.clone());
    body.excerpt_markers();
    body.mdx_comments();
    if mdx || mdx::uses_mdx(&body) {
        body.set_mdx();
        body.strip_mdx(&mut notes);
    }
    body.badges();
    let context = body::Context {
        slug: &slug,
        dir: path.dir(),
        bundle: path.bundle.as_deref(),
        exists,
        slugs,
        stem: file_stem(&file.path),
        front_matter: &doc,
        titles,
        wants_titles: &wants_titles,
    };
    body.maths_shortcodes();
    body.mermaid_shortcodes();
    body.codehilite_languages();
    body.code_blocks();
    body.includes(&mut notes);
    body.convert_templates(&context, &mut notes);
    let toc_asked = body.toc_markers();
    if (body.kramdown(&mut notes) || toc_asked) && fm.toc.is_none() {
        fm.toc = Some(true);
    }
    body.content_tabs();
    body.admonitions();
    body.obsidian(&context, &mut notes);
    body.docsify_callouts();
    body.math_blocks();
    body.maths(&mut notes);
    body.emoji_shortcodes(&mut notes);
    body.pymdown_inline();
    body.decode_entities();
    body.cjk_emphasis();
    let mut resources = body.resolve_relative_paths(&context);
    // A lead image beside the post (Gatsby's `featuredImage: ./cover.png`, a bundle's
    // `image: cover.jpg`) is published with it, as body images are.
    for image in [&mut fm.image, &mut fm.og_image].into_iter().flatten() {
        if let Some((source, published)) = body::local_file(&context, image) {
            *image = routes::post_file(&slug, &published);
            if !resources.iter().any(|(s, _)| *s == source) {
                resources.push((source, published));
            }
        }
    }
    fm.slug = Some(slug.clone());
    fm.lang = lang.clone();
    let head = fm.to_yaml();
    let (body, body_lines) = body.finish();
    Ok(Imported {
        path: file.path.clone(),
        slug,
        head_lines: head.matches('\n').count(),
        body_lines,
        text: head + &body,
        notes,
        bundle: path.bundle.clone(),
        resources,
        explicit_slug,
        lang,
        profiles,
        link_names,
        title: fm.title.clone(),
        wants_titles: wants_titles.get(),
        page,
        menu,
    })
}

/// The first of `keys` that holds text under `node`, trimmed; empty text and other kinds of
/// value count as absent. Other engines name one field many ways (`image_url`, `avatar`).
fn first_text(node: &Node, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| node.text(k).ok().flatten().filter(|t| !t.is_empty()))
}

/// Authors written as objects: `author: {name, picture}` or a list of them.
fn author_profiles(doc: &Node) -> Vec<Author> {
    let mut profiles = Vec::new();
    for key in ["author", "authors"] {
        let nodes: Vec<&Node> = match doc.get(key).map(|n| &n.value) {
            Some(Value::Seq(items)) => items.iter().collect(),
            Some(Value::Map(_)) => doc.get(key).into_iter().collect(),
            _ => Vec::new(),
        };
        for node in nodes {
            let text = |keys: &[&str]| first_text(node, keys);
            let Some(name) = text(&["name"]) else {
                continue;
            };
            let mut author = Author::unregistered(&name);
            author.avatar = text(authors::AVATAR_KEYS);
            author.website = text(authors::WEBSITE_KEYS);
            author.bio = text(authors::BIO_KEYS).unwrap_or_default();
            profiles.push(author);
        }
    }
    profiles
}

/// A path's file name without its extension (`2024/a-post.md` → `a-post`).
fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// The field a front matter key fills ([`front_matter::FIELDS`]), or the key itself.
fn field_of(key: &str) -> &str {
    front_matter::field_kind(key).map_or(key, |(name, _)| {
        front_matter::FIELDS
            .iter()
            .find(|(k, _, _)| *k == name)
            .map_or(key, |(_, field, _)| field)
    })
}

/// Makes the value of `key` (at the top of `doc`, or under Zola's `taxonomies`) fit what
/// its field takes, and says what was kept: text from a list is its items joined with
/// commas; terms from a map are its keys, from a list its plain items; a flag that is not
/// `true` or `false` keeps a draft out of published builds (as Jekyll reads any value as
/// true) and is left out elsewhere; anything else that does not fit is left out. `None`
/// when `key` holds nothing to change (a date that is no date stays an error).
fn fit(doc: &mut Node, key: &str) -> Option<String> {
    use blog_core::front_matter::FieldKind;
    let (_, kind) = front_matter::field_kind(key)?;
    let Value::Map(entries) = &mut doc.value else {
        return None;
    };
    let at = match entries.iter().position(|(k, _)| k == key) {
        Some(at) => at,
        None => {
            let (_, taxonomies) = entries.iter_mut().find(|(k, _)| k == "taxonomies")?;
            return fit(taxonomies, key);
        }
    };
    let node = &mut entries[at].1;
    let plain = |items: &[Node]| -> Vec<String> {
        items
            .iter()
            .filter_map(|n| match &n.value {
                Value::Scalar(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                _ => None,
            })
            .collect()
    };
    let line = node.line;
    let list = |items: Vec<String>| {
        let items = items.into_iter().map(|t| Node {
            value: Value::Scalar(t),
            line,
        });
        Value::Seq(items.collect())
    };
    let shape = match &node.value {
        Value::Seq(_) => "a list",
        Value::Map(_) => "a map",
        _ => "neither true nor false",
    };
    let (value, kept) = match (kind, &node.value) {
        (FieldKind::Date, _) => return None,
        (FieldKind::Text, Value::Seq(items)) if !plain(items).is_empty() => {
            let text = plain(items).join(", ");
            let kept = format!("is {shape}, not text: kept as \"{text}\"");
            (Some(Value::Scalar(text)), kept)
        }
        (FieldKind::Terms, Value::Map(pairs)) if !pairs.is_empty() => {
            let terms: Vec<String> = pairs.iter().map(|(k, _)| k.clone()).collect();
            let kept = format!(
                "is a map, not a list: its keys are kept ({})",
                terms.join(", ")
            );
            (Some(list(terms)), kept)
        }
        (FieldKind::Terms | FieldKind::Names | FieldKind::Paths, Value::Seq(items))
            if !plain(items).is_empty() && plain(items).len() < items.len() =>
        {
            let kept = plain(items);
            let note = format!("has items that are not text: kept {}", kept.join(", "));
            (Some(list(kept)), note)
        }
        (FieldKind::Flag, _) if field_of(key) == "draft" => (
            Some(Value::Scalar("true".into())),
            format!("is {shape}: read as true, so the post stays a draft"),
        ),
        // A flag that is neither says so once.
        (FieldKind::Flag, Value::Scalar(_) | Value::Null) => {
            (None, format!("is {shape}: left out"))
        }
        (kind, _) => (
            None,
            format!("is {shape}, not {}: left out", kind.expected()),
        ),
    };
    match value {
        Some(value) => node.value = value,
        None => {
            entries.remove(at);
        }
    }
    Some(kept)
}

/// Sets a top-level scalar in a front matter document (title from a heading, date from a
/// file name).
fn set(doc: &mut Node, key: &str, value: String) {
    let node = Node {
        value: Value::Scalar(value),
        line: 1,
    };
    match &mut doc.value {
        Value::Map(entries) => {
            entries.retain(|(k, _)| k != key);
            entries.push((key.to_string(), node));
        }
        _ => {
            doc.value = Value::Map(vec![(key.to_string(), node)]);
        }
    }
}

/// Line in the author's file where `key` is written.
fn key_line(doc: &Node, key: &str, first_line: usize) -> Option<usize> {
    doc.get(key).map(|n| n.line + first_line - 1)
}

/// Gives derived addresses (from file names) that collide with an earlier one a numbered
/// suffix, in path order, and a translation that shares its original's address its
/// language (`trip-zh`). A derived address that a front matter `slug:` also claims is left
/// for the duplicate-slug error: renaming either would silently move a page.
fn make_unique(results: &mut [Result<Imported, PostError>]) {
    let explicit: HashSet<String> = results
        .iter()
        .flatten()
        .filter(|p| p.explicit_slug && !is_translation(p))
        .map(|p| p.slug.clone())
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    // Originals first: `index.de.md` sorts before `index.md`, and the original keeps the
    // address a translation would otherwise take.
    let mut order: Vec<&mut Imported> = results.iter_mut().flatten().collect();
    order.sort_by_key(|post| is_translation(post));
    for post in order {
        let translation = is_translation(post);
        if post.explicit_slug && !translation {
            continue;
        }
        let base = post.slug.clone();
        let clashes = |slug: &str| taken.contains(slug) || (translation && explicit.contains(slug));
        let mut slug = base.clone();
        let mut n = 1;
        while clashes(&slug) {
            n += 1;
            slug = match &post.lang {
                Some(lang) if translation && n == 2 => format!("{base}-{}", url_slug(lang)),
                _ => format!("{base}-{n}"),
            };
        }
        if slug != post.slug {
            post.text = post.text.replacen(
                &format!("slug: \"{}\"", post.slug),
                &format!("slug: \"{slug}\""),
                1,
            );
            post.slug = slug.clone();
        }
        taken.insert(slug);
    }
}

/// Whether a post is a translation of another file beside it (`index.zh.md`, `post.fr.md`).
fn is_translation(post: &Imported) -> bool {
    PostPath::parse(&post.path).translation_of.is_some()
}

/// Lets each post and its translations name each other (`translations:` in the front
/// matter), so their pages link to one another.
fn link_translations(results: &mut [Result<Imported, PostError>]) {
    let mut groups: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for post in results.iter().flatten() {
        let parsed = PostPath::parse(&post.path);
        let key = parsed.translation_of.unwrap_or_else(|| post.path.clone());
        let lang = post.lang.clone().unwrap_or_default();
        groups
            .entry(key)
            .or_default()
            .push((lang, post.slug.clone()));
    }
    for post in results.iter_mut().flatten() {
        let parsed = PostPath::parse(&post.path);
        let key = parsed.translation_of.unwrap_or_else(|| post.path.clone());
        let Some(group) = groups.get(&key).filter(|g| g.len() > 1) else {
            continue;
        };
        let others: Vec<String> = group
            .iter()
            .filter(|(_, slug)| *slug != post.slug)
            .map(|(lang, slug)| {
                let lang = if lang.is_empty() {
                    "und"
                } else {
                    lang.as_str()
                };
                blog_core::front_matter::quoted(&format!("{lang}:{slug}"))
            })
            .collect();
        if let Some(end) = post.text[4..].find("\n---\n").map(|i| i + 4) {
            post.text
                .insert_str(end + 1, &format!("translations: [{}]\n", others.join(", ")));
            post.head_lines += 1;
        }
    }
}

impl Imported {
    /// The author's line for line `line` (1-based) of [`Imported::text`]: body lines map
    /// to where they were written; front matter lines to `None`.
    pub fn original_line(&self, line: usize) -> Option<usize> {
        line.checked_sub(self.head_lines + 1)
            .and_then(|i| self.body_lines.get(i).copied())
    }
}

/// The table of field names, for the README and `blogtool fields`: `(key, field, kind)`.
pub fn field_table() -> Vec<(&'static str, &'static str, &'static str)> {
    FIELDS
        .iter()
        .map(|(key, field, kind): &(&str, &str, FieldKind)| (*key, *field, kind.expected()))
        .collect()
}

#[cfg(test)]
mod tests;
