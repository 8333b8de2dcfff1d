//! What a post's path says: its address, Jekyll's date, a page bundle, a translation.

use blog_core::date::PostDate;
use blog_core::slug::{slugify, MAX_SLUG_LEN};

/// Extensions of post files: Markdown under the names editors and engines use, and MDX.
const EXTENSIONS: [&str; 3] = [".md", ".markdown", ".mdx"];

/// Language codes recognised in file names (`index.zh.md`, `post.pt-br.md`). A list, not a
/// pattern, so `notes.js.md` or `v2.md` are not taken for languages.
const LANGUAGES: [&str; 44] = [
    "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "eo", "es", "et", "fa", "fi", "fr", "he",
    "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "nb", "nl", "no", "pl", "pt", "ro",
    "ru", "sk", "sl", "sr", "sv", "ta", "th", "tr", "uk", "ur", "vi", "zh",
];

/// Whether a file under `posts/` is a post: `.md`, `.markdown` or `.mdx`.
pub fn is_post_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

/// A usable address for any text: transliterated to ASCII (`你好世界` → `ni-hao-shi-jie`,
/// `Ça` → `ca`), lowercased, every run of other characters one hyphen, at most
/// [`MAX_SLUG_LEN`] bytes, cut at a hyphen. `post` when nothing is left. The result always
/// passes [`blog_core::slug::is_valid_slug`].
pub fn url_slug(text: &str) -> String {
    let mut slug = slugify(&deunicode::deunicode_with_tofu(text, "-"));
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        "post".to_string()
    } else {
        slug
    }
}

/// A post file's path, read for what it says about the post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostPath {
    /// The path under `posts/`.
    pub path: String,
    /// The address its name gives (before any front matter `slug:`).
    pub slug: String,
    /// The name the address is made from, as written: the file's name without its
    /// extension, language or Jekyll date (a bundle's folder name for `index.md`).
    pub name: String,
    /// Jekyll's `YYYY-MM-DD-` prefix (days and months may be unpadded).
    pub date: Option<PostDate>,
    /// Language from the name: `index.zh.md`, `post.fr.md`.
    pub lang: Option<String>,
    /// For `name/index.md` (a page bundle), the folder `name` under `posts/`.
    pub bundle: Option<String>,
    /// For a translation, the path of the file it translates (`index.md` beside it).
    pub translation_of: Option<String>,
}

impl PostPath {
    /// Reads a path under `posts/`.
    pub fn parse(path: &str) -> PostPath {
        let (dir, name) = match path.rsplit_once('/') {
            Some((dir, name)) => (dir, name),
            None => ("", path),
        };
        let lower = name.to_ascii_lowercase();
        let stem = EXTENSIONS
            .iter()
            .find(|ext| lower.ends_with(*ext))
            .map_or(name, |ext| &name[..name.len() - ext.len()]);
        let ext = &name[stem.len()..];
        let (stem, lang) = match stem.rsplit_once('.') {
            Some((rest, code)) if is_language(code) => (rest, Some(code.to_ascii_lowercase())),
            _ => (stem, None),
        };
        let translation_of = lang.as_ref().map(|_| join(dir, &format!("{stem}{ext}")));
        let is_index = matches!(stem, "index" | "_index");
        let (bundle, name) = match (is_index, dir.rsplit('/').next()) {
            (true, Some(folder)) if !folder.is_empty() => (Some(dir.to_string()), folder),
            _ => (None, stem),
        };
        let (date, name) = match jekyll_date(name) {
            Some((date, rest)) => (Some(date), rest),
            None => (daily_note_date(name), name),
        };
        PostPath {
            path: path.to_string(),
            slug: url_slug(name),
            name: name.to_string(),
            date,
            lang,
            bundle,
            translation_of,
        }
    }

    /// A title from the file's name, as the engine it was written for shows a post without
    /// one, and whether it had to be made up from a date (a name that is only a date,
    /// Obsidian's daily notes). Jekyll's dated posts titleize their slug, each word
    /// capitalised and the rest lowercased (`2019-04-02-notes-on-tides.md` → "Notes On
    /// Tides", `Jekyll::Utils.titleize_slug`); a name with spaces or letters beyond ASCII
    /// (an Obsidian note) is shown as it is; any other name's words, split at `-` and `_`,
    /// get a capital first letter.
    pub fn title(&self) -> (String, bool) {
        let name = self.name.trim();
        if name.is_empty() || daily_note_date(name).is_some() {
            let date = self.date.map_or_else(|| name.to_string(), |d| d.iso());
            return (date, true);
        }
        let words = name.split(['-', '_']).filter(|w| !w.is_empty());
        let capital = |word: &str, rest_lower: bool| {
            let mut chars = word.chars();
            let first: String = chars
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            let rest: String = chars.collect();
            let rest = if rest_lower {
                rest.to_lowercase()
            } else {
                rest
            };
            format!("{first}{rest}")
        };
        let title = if self.date.is_some() && name.is_ascii() {
            // `titleize_slug` splits at hyphens only.
            name.split('-')
                .filter(|w| !w.is_empty())
                .map(|w| capital(w, true))
                .collect::<Vec<_>>()
                .join(" ")
        } else if name.contains(' ') || !name.is_ascii() {
            name.to_string()
        } else {
            words
                .map(|w| capital(w, false))
                .collect::<Vec<_>>()
                .join(" ")
        };
        if title.is_empty() {
            (name.to_string(), false)
        } else {
            (title, false)
        }
    }

    /// The file name without folders.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    /// The folder the file is in, under `posts/` (`""` at the top).
    pub fn dir(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Whether a file-name segment is a language code: `zh`, `pt-br`, `zh-Hans`.
fn is_language(code: &str) -> bool {
    let lower = code.to_ascii_lowercase();
    let (primary, region) = match lower.split_once('-') {
        Some((p, r)) => (p, Some(r)),
        None => (lower.as_str(), None),
    };
    LANGUAGES.contains(&primary)
        && region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// The date a name that is nothing but a date gives (Obsidian's daily notes:
/// `2024-01-05`, `2024_01_05`, `2024.01.05`).
fn daily_note_date(name: &str) -> Option<PostDate> {
    let parts: Vec<&str> = name.split(['-', '_', '.']).collect();
    match parts.as_slice() {
        [y, m, d]
            if y.len() == 4
                && [y, m, d]
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            PostDate::parse(&format!("{y}-{m:0>2}-{d:0>2}"))
        }
        _ => None,
    }
}

/// Jekyll's `2021-05-04-title` (also `2014-3-3-title`): the date and the rest.
fn jekyll_date(name: &str) -> Option<(PostDate, &str)> {
    let mut parts = name.splitn(4, '-');
    let (y, m, d, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    fn number(s: &str, len: std::ops::RangeInclusive<usize>) -> Option<&str> {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
    }
    let text = format!(
        "{}-{:0>2}-{:0>2}",
        number(y, 4..=4)?,
        number(m, 1..=2)?,
        number(d, 1..=2)?
    );
    let date = PostDate::parse(&text)?;
    (!rest.is_empty()).then_some((date, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_usable_unique_addresses() {
        let cases = [
            ("hello-world.md", "hello-world"),
            ("01-markdown-extension.markdown", "01-markdown-extension"),
            ("02-mdx-component.mdx", "02-mdx-component"),
            ("07-Release-Notes.v2.md", "07-release-notes-v2"),
            ("2023/04-nested-notes.md", "04-nested-notes"),
            ("2021-05-04-my-title.md", "my-title"),
            ("2014-3-3-x.md", "x"),
            ("03-bundle-post/index.md", "03-bundle-post"),
            ("trip/index.zh.md", "trip"),
            ("post.fr.md", "post"),
            ("notes.js.md", "notes-js"),
            ("14-你好世界.md", "14-ni-hao-shi-jie"),
            ("Привет мир.md", "privet-mir"),
            ("Ça marche.md", "ca-marche"),
            ("日本語.md", "ri-ben-yu"),
            ("🎉.md", "tada"),
            ("???.md", "post"),
            ("My Post  Title.MD", "my-post-title"),
        ];
        for (path, slug) in cases {
            let parsed = PostPath::parse(path);
            assert_eq!(parsed.slug, slug, "{path}");
            assert!(blog_core::slug::is_valid_slug(&parsed.slug), "{path}");
        }
    }

    #[test]
    fn reads_dates_bundles_and_translations_from_paths() {
        let jekyll = PostPath::parse("2014-3-3-x.md");
        assert_eq!(jekyll.date.map(|d| d.iso()), Some("2014-03-03".into()));
        let bundle = PostPath::parse("a/trip/index.zh.md");
        assert_eq!(bundle.bundle.as_deref(), Some("a/trip"));
        assert_eq!(bundle.lang.as_deref(), Some("zh"));
        assert_eq!(bundle.translation_of.as_deref(), Some("a/trip/index.md"));
        assert_eq!(PostPath::parse("2021-13-01-x.md").date, None);
        // Obsidian's daily notes: the name is the date.
        for name in ["2021-05-04.md", "2021_05_04.md", "2021.05.04.md"] {
            assert_eq!(
                PostPath::parse(name).date.map(|d| d.iso()),
                Some("2021-05-04".into()),
                "{name}"
            );
        }
        assert!(is_post_file("a/B.Markdown") && !is_post_file("a/photo.png"));
    }

    #[test]
    fn long_names_are_cut_at_a_word() {
        let slug = url_slug(&"word ".repeat(60));
        assert!(slug.len() <= MAX_SLUG_LEN && !slug.ends_with('-'), "{slug}");
    }
}
