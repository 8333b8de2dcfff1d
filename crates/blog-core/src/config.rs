//! The site's settings file (`site.yaml`): its name and language, where it is published, how
//! many posts a list page shows, the default author, social links and theme colours. Read by
//! the build tools; the pages they write (and `posts/site.json`) carry what the app needs.

use serde::{Deserialize, Serialize};

use crate::author::ProfileLink;
use crate::url::{is_allowed_url, UrlUse};
use crate::yaml::{self, Value};

/// Posts per list page when `site.yaml` does not say.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// Posts in each feed unless `site.yaml` says otherwise (`feed_limit`): the newest twenty,
/// as most engines and hosts do (WordPress and Jekyll's feed plugin 10, Ghost 15). A feed
/// is polled again and again by every subscriber; carrying every post's full text, a large
/// blog's would be tens of megabytes (36 MB at 10,000 posts), which feed readers refuse.
pub const DEFAULT_FEED_LIMIT: usize = 20;

/// The site's identity, which every page shows: its name, tagline, description, language,
/// default author and links. The part of [`Settings`] the app needs too (`posts/site.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteIdentity {
    /// The blog's name, shown in the header and every document title.
    pub title: String,
    /// One line under the title.
    pub tagline: String,
    /// Description for pages that have none of their own, and for the feeds.
    pub description: String,
    /// The language of the site's text (`<html lang>`, feeds), a BCP 47 tag.
    pub language: String,
    /// The author of posts that name none (an id in `authors.yaml`, or a name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_author: Option<String>,
    /// Links to the blog elsewhere, shown in the footer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub social: Vec<ProfileLink>,
    /// The blog's pages (`pages/`), found by the build, not written in `site.yaml`: every
    /// page embeds them, so the app knows at once which addresses are pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageLink>,
    /// The header's picture beside the title (`logo:`), a site path under `public/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The footer's line (`footer:`, Markdown) rendered for the site's base path; the
    /// engine's own line without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer_html: Option<String>,
    /// The header's menu: `site.yaml`'s `menu:` and the pages that ask to be in it
    /// (`menu: main`, Hugo's form), in order of weight, ties in written order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub menu: Vec<MenuLink>,
    /// Who shows the posts' comments (`comments: provider:`), when they are on: the post
    /// pages' facade names it. The rest of the settings stay with the build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<crate::services::CommentsProvider>,
    /// The interface's words in the site's language, resolved by the build from the
    /// engine's tables and the blog's `i18n/` overrides.
    #[serde(default)]
    pub strings: crate::i18n::Strings,
}

/// One entry of the header's menu.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuLink {
    /// What the link says.
    pub label: String,
    /// A site path (`/about/`, put under the base path where shown) or a full URL.
    pub url: String,
    /// Its place: lighter first (Hugo's `weight`); 0 unless given.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub weight: i64,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// Puts menu entries in order: by weight, ties in the order given (a stable sort).
pub fn sort_menu(menu: &mut [MenuLink]) {
    menu.sort_by_key(|link| link.weight);
}

/// One of the blog's pages (`pages/about.md`), as the app needs it before fetching it: its
/// address, and what its document head says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLink {
    /// Site path, ending in `/`: `/about/` (see [`crate::routes::page`]).
    pub path: String,
    /// The page's title.
    pub title: String,
    /// Its description, for the head.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Its lead image, for link previews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

impl Default for SiteIdentity {
    fn default() -> Self {
        SiteIdentity {
            title: "Rustblog".into(),
            tagline: "Notes on building for the web, in Rust and elsewhere.".into(),
            description: "A blog whose posts are Markdown files, rendered in your browser by \
                          Rust and WebAssembly."
                .into(),
            language: "en".into(),
            default_author: None,
            social: Vec::new(),
            pages: Vec::new(),
            logo: None,
            footer_html: None,
            menu: Vec::new(),
            comments: None,
            strings: crate::i18n::Strings::default(),
        }
    }
}

impl SiteIdentity {
    /// The page at site path `path` (`/about/`, or `/about` as a router may give it).
    pub fn page(&self, path: &str) -> Option<&PageLink> {
        let wanted = path.trim_end_matches('/');
        self.pages
            .iter()
            .find(|p| p.path.trim_end_matches('/') == wanted && !wanted.is_empty())
    }

    /// A page's document title: the page's own title, then the site's.
    pub fn document_title(&self, page: &str) -> String {
        if page.is_empty() {
            self.title.clone()
        } else {
            format!("{page} · {}", self.title)
        }
    }
}

/// The theme's accent colour, for light and dark, as `#rrggbb`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Theme {
    /// Accent (links, focus rings, buttons) on the light background.
    pub accent: Option<String>,
    /// Accent on the dark background.
    pub accent_dark: Option<String>,
}

/// The theme's darkest light and lightest dark background (code blocks, `--code-bg` in
/// `public/style.css`): an accent readable there is readable on every background.
const LIGHT_BACKGROUND: (u8, u8, u8) = (0xf3, 0xf1, 0xec);
const DARK_BACKGROUND: (u8, u8, u8) = (0x22, 0x26, 0x2d);

/// The stylesheet's colours a theme builds on, as `(custom property, light, dark)`: the
/// values `public/style.css` declares (a test reads them there), which a theme that sets
/// only one of `accent` / `accent_dark` keeps for the other.
pub const STYLESHEET_COLOURS: [(&str, &str, &str); 3] = [
    ("--accent", "#b7410e", "#f08a5d"),
    ("--accent-text", "#9a360b", "#f4a27e"),
    ("--code-bg", "#f3f1ec", "#22262d"),
];

impl Theme {
    /// CSS overriding the stylesheet's accent colours; empty when the theme is the default.
    pub fn css(&self) -> String {
        if self.accent.is_none() && self.accent_dark.is_none() {
            return String::new();
        }
        let mut rules = String::new();
        for (name, light, dark) in STYLESHEET_COLOURS
            .into_iter()
            .filter(|(name, ..)| name.starts_with("--accent"))
        {
            let light = self.accent.as_deref().unwrap_or(light);
            let dark = self.accent_dark.as_deref().unwrap_or(dark);
            rules.push_str(&format!("{name}:light-dark({light},{dark});"));
        }
        format!(":root{{{rules}}}")
    }
}

/// Checks the accent colours a blog's own stylesheet (`public/custom.css`, named `file` in
/// messages) sets, as the theme's are checked: each `--accent` or `--accent-text`
/// declaration's colour (`#rgb`/`#rrggbb`, or `light-dark(light, dark)` of them) must be
/// readable as link text (4.5:1) on the backgrounds it is shown on — the dark one for a
/// declaration in a block about the dark theme (`@media (prefers-color-scheme: dark)`,
/// `[data-theme=dark]`), the light one otherwise, and the dark one too when no such block
/// sets that property again. Values of other forms (`var(…)`, names) are not checked.
///
/// # Errors
/// `file:LINE: --accent #ffcc00 is hard to read on the light background (…)`, for the
/// first that is not.
pub fn check_accent_css(file: &str, css: &str) -> Result<(), String> {
    // Comments out first (a colour in one is no rule), lines kept for messages.
    let mut plain = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("/*") {
        plain.push_str(&rest[..at]);
        let end = rest[at..].find("*/").map_or(rest.len(), |e| at + e + 2);
        plain.extend(rest[at..end].chars().filter(|&c| c == '\n'));
        rest = &rest[end..];
    }
    plain.push_str(rest);
    let css = plain.as_str();
    // (name, value, line, inside a block about the dark theme)
    let mut found: Vec<(&str, &str, usize, bool)> = Vec::new();
    let mut blocks: Vec<&str> = Vec::new();
    let mut start = 0;
    for (at, c) in css.char_indices() {
        match c {
            '{' => {
                blocks.push(&css[start..at]);
                start = at + 1;
            }
            '}' | ';' => {
                if let Some((name, value)) = css[start..at].split_once(':') {
                    let name = name.trim();
                    if name == "--accent" || name == "--accent-text" {
                        // The line its name is on.
                        let text = &css[start..at];
                        let lead = text.len() - text.trim_start().len();
                        let line = css[..start + lead].matches('\n').count() + 1;
                        // `:not([data-theme=dark])` is about the light theme.
                        let dark = blocks
                            .iter()
                            .any(|b| b.contains("dark") && !b.contains("not([data-theme=dark"));
                        found.push((name, value.trim(), line, dark));
                    }
                }
                if c == '}' {
                    blocks.pop();
                }
                start = at + 1;
            }
            _ => {}
        }
    }
    for &(name, value, line, dark) in &found {
        let pair = value
            .strip_prefix("light-dark(")
            .and_then(|v| v.strip_suffix(')'))
            .and_then(|pair| pair.split_once(','));
        let dark_set_again = found.iter().any(|&(n, _, _, d)| n == name && d);
        let checks: Vec<(&str, (u8, u8, u8), &str)> = match pair {
            Some((light, dark)) => vec![
                (light.trim(), LIGHT_BACKGROUND, "light"),
                (dark.trim(), DARK_BACKGROUND, "dark"),
            ],
            None if dark => vec![(value, DARK_BACKGROUND, "dark")],
            None if dark_set_again => vec![(value, LIGHT_BACKGROUND, "light")],
            None => vec![
                (value, LIGHT_BACKGROUND, "light"),
                (value, DARK_BACKGROUND, "dark"),
            ],
        };
        for (colour, background, which) in checks {
            let Some(rgb) = parse_colour(colour) else {
                continue;
            };
            let ratio = contrast(rgb, background);
            if ratio < 4.5 {
                return Err(format!(
                    "{file}:{line}: {name} {colour} is hard to read on the {which} background \
                     (contrast {ratio:.1}:1; links need at least 4.5:1)"
                ));
            }
        }
    }
    Ok(())
}

/// `#rgb` or `#rrggbb` as red, green and blue.
fn parse_colour(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.strip_prefix('#')?;
    let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
    match hex.len() {
        3 => Some((digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
        6 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        _ => None,
    }
}

/// WCAG contrast ratio of two colours (1 to 21).
fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let luminance = |(r, g, b): (u8, u8, u8)| {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every key `site.yaml` has, for reporting the ones it does not.
const SETTINGS: [&str; 17] = [
    "url",
    "comments",
    "analytics",
    "menu",
    "logo",
    "favicon",
    "footer",
    "title",
    "tagline",
    "description",
    "language",
    "default_author",
    "social",
    "theme",
    "page_size",
    "precompress",
    "feed_limit",
];

/// Every key of `theme:`.
const THEME_SETTINGS: [&str; 2] = ["accent", "accent_dark"];

/// The `label` and `url` of an entry of the list `list` (`social`, `menu`), a mapping;
/// `(what, a_what)` name one entry in messages (`("entry", "an entry")`).
fn labelled_link(
    item: &yaml::Node,
    list: &str,
    (what, a_what): (&str, &str),
) -> Result<(String, String), String> {
    let wrong = |message: &str| at(item.line, format!("{list}: {message}"));
    if !matches!(item.value, Value::Map(_)) {
        return Err(wrong(&format!("each {what} is a `label` and a `url`")));
    }
    let text = |key: &str| {
        item.text(key)
            .map_err(|e| at(e.line, e))?
            .ok_or_else(|| wrong(&format!("{a_what} needs a `{key}`")))
    };
    let (label, url) = (text("label")?, text("url")?);
    if label.trim().is_empty() {
        return Err(wrong(&format!("{a_what}'s `label` must not be empty")));
    }
    if !is_allowed_url(&url, UrlUse::Link) {
        return Err(wrong(&format!(
            "URL \"{url}\" is not a site path (/about/), http(s) or mailto"
        )));
    }
    Ok((label, url))
}

/// The settings section `key` read by `parse` (`None` without one), its warnings added
/// to `warnings`; errors as `site.yaml:LINE: message`.
fn section<T>(
    doc: &yaml::Node,
    key: &str,
    parse: fn(&yaml::Node) -> crate::services::Parsed<T>,
    warnings: &mut Vec<String>,
) -> Result<Option<T>, String> {
    let Some(node) = doc.mapping(key).map_err(|e| at(e.line, e))? else {
        return Ok(None);
    };
    let (value, said) = parse(node).map_err(|(l, m)| at(l, m))?;
    warnings.extend(said.into_iter().map(|(l, m)| at(l, m)));
    Ok(Some(value))
}

/// `site.yaml:LINE: message`.
fn at(line: usize, message: impl std::fmt::Display) -> String {
    format!("site.yaml:{line}: {message}")
}

/// Everything `site.yaml` sets: the [`SiteIdentity`], where the site is published, the
/// list's page size and the theme. Read by the native tools only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Absolute URL the blog is published at (`https://example.com`), for feeds and previews.
    pub url: Option<String>,
    /// Posts per page of the list (`/`, `/page/2/`, …).
    pub page_size: usize,
    /// How many of the newest posts the feeds carry (`feed_limit: 50`), or every post
    /// (`feed_limit: all`, Hugo's and Zola's default); [`DEFAULT_FEED_LIMIT`] when unset.
    pub feed_limit: Option<usize>,
    /// Name, description, language, default author and social links.
    pub info: SiteIdentity,
    /// Accent colours.
    pub theme: Theme,
    /// The tab's icon (`favicon:`), a site path under `public/`; the engine's without one.
    pub favicon: Option<String>,
    /// The footer's line as written (`footer:`, one line of Markdown); see
    /// [`Settings::for_base`].
    pub footer: Option<String>,
    /// Whether the build writes `.br` and `.gz` copies beside every text file, for hosts
    /// that serve them but do not compress themselves (S3, some CDNs). Off by default:
    /// Netlify, Cloudflare Pages and Vercel compress on their own, GitHub Pages ignores `.br`.
    pub precompress: bool,
    /// Comments under posts (`comments:`), off without it.
    pub comments: Option<crate::services::CommentsSettings>,
    /// Page views counted by an analytics service (`analytics:`), off without it.
    pub analytics: Option<crate::services::Analytics>,
    /// What is read but not used, as `site.yaml:LINE: message`: keys no setting has (a
    /// typo such as `page-size:`), each with the setting it most likely means.
    pub warnings: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            url: None,
            page_size: DEFAULT_PAGE_SIZE,
            feed_limit: Some(DEFAULT_FEED_LIMIT),
            info: SiteIdentity::default(),
            theme: Theme::default(),
            favicon: None,
            footer: None,
            precompress: false,
            comments: None,
            analytics: None,
            warnings: Vec::new(),
        }
    }
}

impl Settings {
    /// Reads `site.yaml`'s text. Errors are `site.yaml:LINE: message`; keys no setting
    /// has are not errors but [`Settings::warnings`], with the setting they likely mean.
    pub fn parse(text: &str) -> Result<Settings, String> {
        let doc = yaml::parse(text).map_err(|e| at(e.line, e))?;
        let field = |e: yaml::FieldError| at(e.line, e);
        let line_of = |key: &str| doc.field(key).map_or(1, |n| n.line);
        let mut config = Settings {
            warnings: doc
                .unknown_keys(&SETTINGS)
                .into_iter()
                .map(|unknown| at(unknown.line, unknown))
                .collect(),
            ..Settings::default()
        };
        config.url = doc.text("url").map_err(field)?.filter(|u| !u.is_empty());
        let info = &mut config.info;
        for (key, value) in [
            ("title", &mut info.title),
            ("tagline", &mut info.tagline),
            ("description", &mut info.description),
            ("language", &mut info.language),
        ] {
            if let Some(text) = doc.text(key).map_err(field)? {
                *value = text;
            }
        }
        if info.title.is_empty() {
            return Err(at(line_of("title"), "title must not be empty"));
        }
        let language_ok = !info.language.is_empty()
            && info.language.split('-').all(|part| {
                (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if !language_ok {
            return Err(at(
                line_of("language"),
                format!(
                    "language \"{}\" must be a language tag such as en, fr or pt-BR",
                    info.language
                ),
            ));
        }
        info.default_author = doc
            .text("default_author")
            .map_err(field)?
            .filter(|a| !a.is_empty());
        info.social = doc
            .items("social")
            .map_err(field)?
            .iter()
            .map(|item| {
                let (label, url) = labelled_link(item, "social", ("link", "a link"))?;
                Ok(ProfileLink { label, url })
            })
            .collect::<Result<_, String>>()?;
        info.menu = doc
            .items("menu")
            .map_err(field)?
            .iter()
            .map(|item| {
                let (label, url) = labelled_link(item, "menu", ("entry", "an entry"))?;
                let weight = match item.text("weight").map_err(field)? {
                    None => 0,
                    Some(w) => w.parse().map_err(|_| {
                        at(
                            item.line,
                            format!("menu: weight \"{w}\" must be a whole number"),
                        )
                    })?,
                };
                Ok(MenuLink { label, url, weight })
            })
            .collect::<Result<_, String>>()?;
        if let Some(theme) = doc.mapping("theme").map_err(field)? {
            config.warnings.extend(
                theme
                    .unknown_keys(&THEME_SETTINGS)
                    .into_iter()
                    .map(|unknown| at(unknown.line, format!("theme: {unknown}"))),
            );
            for (key, background, value) in [
                ("accent", LIGHT_BACKGROUND, &mut config.theme.accent),
                (
                    "accent_dark",
                    DARK_BACKGROUND,
                    &mut config.theme.accent_dark,
                ),
            ] {
                let Some(colour) = theme.text(key).map_err(field)? else {
                    continue;
                };
                let line = theme.field(key).map_or(theme.line, |n| n.line);
                let rgb = parse_colour(&colour).ok_or_else(|| {
                    at(
                        line,
                        format!("theme.{key} \"{colour}\" must be a colour like #b7410e"),
                    )
                })?;
                // Accents colour link text: they must stay readable (WCAG AA, 4.5:1).
                let ratio = contrast(rgb, background);
                if ratio < 4.5 {
                    return Err(at(
                        line,
                        format!(
                            "theme.{key} {colour} is hard to read on the {} background \
                             (contrast {ratio:.1}:1; links need at least 4.5:1)",
                            if key == "accent" { "light" } else { "dark" }
                        ),
                    ));
                }
                *value = Some(colour);
            }
        }
        for (key, value) in [
            ("logo", &mut config.info.logo),
            ("favicon", &mut config.favicon),
        ] {
            let Some(path) = doc.text(key).map_err(field)?.filter(|p| !p.is_empty()) else {
                continue;
            };
            let site_path = path.starts_with('/')
                && !path.starts_with("//")
                && is_allowed_url(&path, UrlUse::Image);
            if !site_path {
                return Err(at(
                    line_of(key),
                    format!("{key} \"{path}\" must be a picture under public/, named by its site path (/images/{key}.svg)"),
                ));
            }
            *value = Some(path);
        }
        config.footer = doc.text("footer").map_err(field)?.filter(|f| !f.is_empty());
        config.comments = section(
            &doc,
            "comments",
            crate::services::CommentsSettings::parse,
            &mut config.warnings,
        )?;
        config.info.comments = config.comments.as_ref().map(|c| c.provider);
        config.analytics = section(
            &doc,
            "analytics",
            crate::services::Analytics::parse,
            &mut config.warnings,
        )?;
        config.precompress = doc.flag("precompress").map_err(field)?.unwrap_or(false);
        if let Some(size) = doc.text("page_size").map_err(field)? {
            config.page_size = size
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=1000).contains(n))
                .ok_or_else(|| {
                    at(
                        line_of("page_size"),
                        format!("page_size \"{size}\" must be a whole number from 1 to 1000"),
                    )
                })?;
        }
        if let Some(limit) = doc.text("feed_limit").map_err(field)? {
            config.feed_limit = match limit.as_str() {
                "all" => None,
                number => Some(
                    number
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| {
                            at(
                                line_of("feed_limit"),
                                format!(
                                    "feed_limit \"{limit}\" must be a whole number of posts \
                                 (1 or more), or `all`"
                                ),
                            )
                        })?,
                ),
            };
        }
        Ok(config)
    }

    /// These settings for a site published under `base` (`/blog/`): the footer's Markdown
    /// rendered, its links under the base path, its raw HTML through the sanitizer as a
    /// post's is.
    pub fn for_base(&self, base: &str) -> Settings {
        let mut settings = self.clone();
        settings.info.footer_html = self.footer.as_ref().map(|line| {
            let links = crate::markdown::LinkContext::for_page(base, crate::routes::HOME);
            crate::markdown::render_at(line, &links)
                .html
                .trim()
                .to_string()
        });
        settings
    }

    /// `site.yaml` in the current folder, or the file `BLOG_SITE_CONFIG` names (defaults when
    /// there is none), with the environment's overrides for one build: `BLOG_SITE_URL`,
    /// `BLOG_PAGE_SIZE`, `BLOG_FEED_LIMIT` and `BLOG_PRECOMPRESS` (`1` or `0`).
    pub fn load() -> Result<Settings, String> {
        let path = std::env::var("BLOG_SITE_CONFIG").unwrap_or_else(|_| "site.yaml".into());
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => Settings::parse(&text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
            Err(e) => return Err(format!("cannot read {path}: {e}")),
        };
        if let Ok(url) = std::env::var("BLOG_SITE_URL") {
            config.url = Some(url);
        }
        if let Ok(size) = std::env::var("BLOG_PAGE_SIZE") {
            config.page_size = Settings::parse(&format!("page_size: {size}\n"))
                .map_err(|e| e.replace("site.yaml", "BLOG_PAGE_SIZE"))?
                .page_size;
        }
        if let Ok(limit) = std::env::var("BLOG_FEED_LIMIT") {
            config.feed_limit = Settings::parse(&format!("feed_limit: {limit}\n"))
                .map_err(|e| e.replace("site.yaml", "BLOG_FEED_LIMIT"))?
                .feed_limit;
        }
        if let Ok(on) = std::env::var("BLOG_PRECOMPRESS") {
            let on = match on.trim() {
                "1" => "true",
                "0" | "" => "false",
                other => other,
            };
            config.precompress = Settings::parse(&format!("precompress: {on}\n"))
                .map_err(|e| e.replace("site.yaml", "BLOG_PRECOMPRESS"))?
                .precompress;
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn contrast_is_checked_against_the_stylesheets_code_background() {
        let (name, light, dark) = STYLESHEET_COLOURS[2];
        assert_eq!(name, "--code-bg");
        assert_eq!(parse_colour(light), Some(LIGHT_BACKGROUND));
        assert_eq!(parse_colour(dark), Some(DARK_BACKGROUND));
    }

    use super::*;

    #[test]
    fn reads_settings_and_defaults() {
        let config = Settings::parse("# comment\nurl: https://x.example\npage_size: 5\n").unwrap();
        assert_eq!(config.url.as_deref(), Some("https://x.example"));
        assert_eq!(config.page_size, 5);
        assert!(!config.precompress);
        assert!(Settings::parse("precompress: true\n").unwrap().precompress);
        assert_eq!(Settings::parse("").unwrap(), Settings::default());
    }

    #[test]
    fn feed_limit_is_a_number_of_posts_or_all() {
        let limit = |text: &str| Settings::parse(text).map(|c| c.feed_limit);
        assert_eq!(limit(""), Ok(Some(DEFAULT_FEED_LIMIT)));
        assert_eq!(limit("feed_limit: 50\n"), Ok(Some(50)));
        assert_eq!(limit("feed_limit: all\n"), Ok(None));
        for bad in ["0", "-3", "ten", "2.5", "All posts"] {
            assert_eq!(
                limit(&format!("title: x\nfeed_limit: {bad}\n")),
                Err(format!(
                    "site.yaml:2: feed_limit \"{bad}\" must be a whole number of posts (1 or more), or `all`"
                )),
            );
        }
    }

    #[test]
    fn reads_identity_social_links_and_theme() {
        let config = Settings::parse(
            "title: Field Notes\ntagline: Short ones\ndescription: About things.\nlanguage: fr-CA\n\
             default_author: alvison-hunter\nsocial:\n  - label: Mastodon\n    url: https://mastodon.social/@x\n\
             theme:\n  accent: '#1d4ed8'\n  accent_dark: '#93c5fd'\n",
        )
        .unwrap();
        assert_eq!(config.info.title, "Field Notes");
        assert_eq!(config.info.tagline, "Short ones");
        assert_eq!(config.info.description, "About things.");
        assert_eq!(config.info.language, "fr-CA");
        assert_eq!(
            config.info.default_author.as_deref(),
            Some("alvison-hunter")
        );
        assert_eq!(config.info.social[0].label, "Mastodon");
        assert_eq!(
            config.theme.css(),
            ":root{--accent:light-dark(#1d4ed8,#93c5fd);--accent-text:light-dark(#1d4ed8,#93c5fd);}"
        );
        assert_eq!(config.info.document_title("Post"), "Post · Field Notes");
        assert_eq!(Settings::default().theme.css(), "");
    }

    #[test]
    fn unknown_keys_are_reported_with_the_setting_they_likely_mean() {
        let config =
            Settings::parse("title: X\npage-size: 5\nbanner: x.png\ntheme:\n  acent: '#1d4ed8'\n")
                .unwrap();
        assert_eq!(
            config.warnings,
            [
                "site.yaml:2: unknown key `page-size`; did you mean `page_size`? (it is ignored)",
                "site.yaml:3: unknown key `banner` (it is ignored)",
                "site.yaml:5: theme: unknown key `acent`; did you mean `accent`? (it is ignored)",
            ]
        );
        assert_eq!(config.page_size, DEFAULT_PAGE_SIZE);
    }

    #[test]
    fn the_footer_line_is_markdown_under_the_base_and_sanitized() {
        let config = Settings::parse(
            "logo: /images/logo.svg\nfavicon: /images/icon.png\nfooter: \"© 2026 Ada · [About](/about/) · *thanks* <script>alert(1)</script>\"\n",
        )
        .unwrap();
        assert_eq!(config.info.logo.as_deref(), Some("/images/logo.svg"));
        assert_eq!(config.favicon.as_deref(), Some("/images/icon.png"));
        assert_eq!(config.info.footer_html, None);
        let html = config.for_base("/blog/").info.footer_html.unwrap();
        assert!(
            html.contains("<a href=\"/blog/about/\">About</a>"),
            "{html}"
        );
        assert!(html.contains("<em>thanks</em>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(Settings::default().for_base("/").info.footer_html.is_none());
    }

    #[test]
    fn a_blogs_own_stylesheet_keeps_its_accents_readable() {
        let fine = [
            ":root { --accent: #1d4ed8; --radius: 4px; }\n@media (prefers-color-scheme: dark) {\n  :root { --accent: #93c5fd; }\n}",
            ":root { --accent: #1d4ed8 } :root[data-theme=dark] { --accent: #93c5fd }",
            ":root{--accent:light-dark(#1d4ed8,#93c5fd);--accent-text:light-dark(#1e40af, #bfdbfe)}",
            ":root { --accent: var(--brand); --accent-soft: #ffff00; }",
            "/* old:\n --accent: #ffdd00;\n*/ :root { --accent: light-dark(#1d4ed8, #93c5fd) }",
            ":root:not([data-theme=dark]) { --accent: #1d4ed8 } @media (prefers-color-scheme: dark) { :root { --accent: #93c5fd } }",
            "body { color: red; }",
        ];
        for css in fine {
            assert_eq!(check_accent_css("public/custom.css", css), Ok(()), "{css}");
        }
        let bad = [
            (
                ":root {\n  --accent: #ffcc00;\n}",
                "public/custom.css:2: --accent #ffcc00 is hard to read on the light background",
            ),
            (
                ":root { --accent: #1d4ed8; }",
                "public/custom.css:1: --accent #1d4ed8 is hard to read on the dark background",
            ),
            (
                "@media (prefers-color-scheme: dark) {\n  :root {\n    --accent: #1d4ed8;\n  }\n}",
                "public/custom.css:3: --accent #1d4ed8 is hard to read on the dark background",
            ),
            (
                ":root { --accent-text: light-dark(#1d4ed8, #222222) }",
                "public/custom.css:1: --accent-text #222222 is hard to read on the dark background",
            ),
        ];
        for (css, want) in bad {
            let err = check_accent_css("public/custom.css", css).unwrap_err();
            assert!(err.starts_with(want), "{css}: {err}");
        }
    }

    #[test]
    fn reads_the_menu_in_order_of_weight() {
        let config = Settings::parse(
            "menu:\n  - label: Projects\n    url: /projects/\n    weight: 20\n  - label: About\n    url: /about/\n  - label: Code\n    url: https://code.example/me\n  - label: First\n    url: /first/\n    weight: -5\n",
        )
        .unwrap();
        let mut menu = config.info.menu.clone();
        sort_menu(&mut menu);
        let order: Vec<(&str, &str, i64)> = menu
            .iter()
            .map(|l| (l.label.as_str(), l.url.as_str(), l.weight))
            .collect();
        assert_eq!(
            order,
            [
                ("First", "/first/", -5),
                ("About", "/about/", 0),
                ("Code", "https://code.example/me", 0),
                ("Projects", "/projects/", 20),
            ]
        );
    }

    #[test]
    fn bad_settings_say_which_and_why() {
        for (text, want) in [
            (
                "url: x\npage_size: 0\n",
                "site.yaml:2: page_size \"0\" must be a whole number from 1 to 1000",
            ),
            (
                "page_size: ten\n",
                "site.yaml:1: page_size \"ten\" must be a whole number from 1 to 1000",
            ),
            ("url: [a, b]\n", "site.yaml:1: url must be text, found a list"),
            ("url: x\ntitle: ''\n", "site.yaml:2: title must not be empty"),
            ("language: english please\n", "site.yaml:1: language \"english please\" must be a language tag"),
            (
                "social:\n  - label: X\n    url: javascript:alert(1)\n",
                "site.yaml:2: social: URL \"javascript:alert(1)\" is not a site path (/about/), http(s) or mailto",
            ),
            ("social: yes\n", "site.yaml:1: social must be a list, found text"),
            ("social:\n  - x\n", "site.yaml:2: social: each link is a `label` and a `url`"),
            ("menu: about\n", "site.yaml:1: menu must be a list, found text"),
            ("menu:\n  - /about/\n", "site.yaml:2: menu: each entry is a `label` and a `url`"),
            ("menu:\n  - label: About\n", "site.yaml:2: menu: an entry needs a `url`"),
            ("menu:\n  - label: ''\n    url: /x/\n", "site.yaml:2: menu: an entry's `label` must not be empty"),
            (
                "menu:\n  - label: X\n    url: javascript:alert(1)\n",
                "site.yaml:2: menu: URL \"javascript:alert(1)\" is not a site path",
            ),
            (
                "menu:\n  - label: X\n    url: /x/\n    weight: first\n",
                "site.yaml:2: menu: weight \"first\" must be a whole number",
            ),
            ("logo: logo.png\n", "site.yaml:1: logo \"logo.png\" must be a picture under public/"),
            ("logo: https://cdn.example/l.png\n", "site.yaml:1: logo \"https://cdn.example/l.png\" must be a picture"),
            ("favicon: javascript:x\n", "site.yaml:1: favicon \"javascript:x\" must be a picture"),
            ("theme: blue\n", "site.yaml:1: theme must be a mapping, found text"),
            ("theme:\n  accent: red\n", "site.yaml:2: theme.accent \"red\" must be a colour like #b7410e"),
            (
                "theme:\n  accent: '#ffcc00'\n",
                "site.yaml:2: theme.accent #ffcc00 is hard to read on the light background",
            ),
            (
                "theme:\n\n  accent_dark: '#222'\n",
                "site.yaml:3: theme.accent_dark #222 is hard to read on the dark background",
            ),
        ] {
            let err = Settings::parse(text).unwrap_err();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }
}
