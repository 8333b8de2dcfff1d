//! The words of the blog's interface in the site's language: every text a reader sees or
//! hears around the posts, looked up by key in the site's [`Strings`].
//!
//! The tables (one YAML file per language, `crates/site/i18n/<lang>.yaml`, overridden by a
//! blog's `i18n/<lang>.yaml`) are read by the build, which hands the app, the prerender and
//! the embed the site's one table inside its settings ([`crate::config::SiteIdentity`]):
//! the browser carries only the site's words, never every language, and no plural or
//! number data of its own. Plural categories follow CLDR
//! (<https://cldr.unicode.org/index/cldr-spec/plural-rules>); the build asks ICU4X for them
//! and hands over the answers as a short table ([`PluralTable`]).

use serde::{Deserialize, Serialize};

use crate::yaml::{self, Value};

/// Declares the keys of one kind: an enum, its YAML names and the list of all of them.
macro_rules! keys {
    ($(#[$doc:meta])* $kind:ident { $($(#[$vdoc:meta])* $name:ident = $key:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $kind {
            $($(#[$vdoc])* $name,)*
        }

        impl $kind {
            /// Every key, in the order the site's table stores them.
            pub const ALL: &'static [$kind] = &[$($kind::$name,)*];

            /// The key's name in the tables (`skip_to_content`).
            pub fn key(self) -> &'static str {
                match self {
                    $($kind::$name => $key,)*
                }
            }
        }
    };
}

keys! {
    /// A text of the interface. Placeholders in braces (`{name}`) are filled by
    /// [`Strings::fill`]; the English table says what each is.
    Text {
        /// The language's own name (`Français`), for language switchers.
        LanguageName = "language_name",
        /// The first link of every page, to the main content.
        SkipToContent = "skip_to_content",
        /// The footer's line when the blog gives none.
        FooterDefault = "footer_default",
        /// The footer's list of the blog's links elsewhere (`aria-label`).
        Elsewhere = "elsewhere",
        /// The footer's link to the Atom feed.
        AtomFeed = "atom_feed",
        /// The header's light/dark switch.
        DarkTheme = "dark_theme",
        /// The header's link to search and the search page's title.
        Search = "search",
        /// The header's menu (`aria-label`, and its button on narrow screens).
        Menu = "menu",
        /// Shown while the post list loads.
        LoadingPosts = "loading_posts",
        /// Shown while a post loads.
        LoadingPost = "loading_post",
        /// Shown while a page loads.
        LoadingPage = "loading_page",
        /// Shown while the app looks for an address.
        LookingForPage = "looking_for_page",
        /// Heading: the post list could not be loaded.
        PostsUnavailable = "posts_unavailable",
        /// Heading and title: a post was loaded but cannot be read.
        PostUnreadable = "post_unreadable",
        /// Heading and title: a post could not be loaded.
        PostUnavailable = "post_unavailable",
        /// Heading: a page was loaded but cannot be read.
        PageUnreadable = "page_unreadable",
        /// Heading: a page could not be loaded.
        PageUnavailable = "page_unavailable",
        /// The button that loads again.
        TryAgain = "try_again",
        /// The link home from errors and "not found".
        BackToPosts = "back_to_posts",
        /// The link home above a post.
        AllPostsLink = "all_posts_link",
        /// A draft's badge.
        Draft = "draft",
        /// A post dated later than the build's badge.
        Scheduled = "scheduled",
        /// Before a post's update date: `Updated {date}`.
        Updated = "updated",
        /// An expired post's note: `{date}`.
        Expired = "expired",
        /// A post's authors after its date: `by {names}`.
        Byline = "byline",
        /// The last two items of a list: `{a} and {b}`.
        ListPair = "list_pair",
        /// Other items of a list: `{a}, {b}`.
        ListMiddle = "list_middle",
        /// A name in quotation marks: `“{name}”`.
        Quoted = "quoted",
        /// The heading of a post's tags.
        Tags = "tags",
        /// The heading of a post's categories.
        Categories = "categories",
        /// The comments' heading.
        Comments = "comments",
        /// The link that loads the comments.
        ShowComments = "show_comments",
        /// The link to a post's Mastodon thread.
        ReplyOnMastodon = "reply_on_mastodon",
        /// Where comments come from: `{host}`.
        CommentsFrom = "comments_from",
        /// A code block's copy button.
        Copy = "copy",
        /// The copy button after copying.
        Copied = "copied",
        /// The copy button when copying failed.
        CopyFailed = "copy_failed",
        /// A done task's checkbox in a post (`aria-label`).
        TaskDone = "task_done",
        /// An open task's checkbox in a post (`aria-label`).
        TaskOpen = "task_open",
        /// Comments that failed to load.
        CommentsUnavailable = "comments_unavailable",
        /// While Mastodon replies load: `{host}`.
        LoadingReplies = "loading_replies",
        /// A Mastodon thread without replies.
        NoReplies = "no_replies",
        /// Mastodon replies that failed to load.
        RepliesUnavailable = "replies_unavailable",
        /// A page that needs the app, which could not start.
        AppUnavailable = "app_unavailable",
        /// The list's heading of the home page.
        AllPosts = "all_posts",
        /// The list's heading on later pages: `{number}`, `{pages}`.
        AllPostsPage = "all_posts_page",
        /// A list page's place: `{number}`, `{pages}`.
        PageOf = "page_of",
        /// The link to older posts.
        OlderPosts = "older_posts",
        /// The link to newer posts.
        NewerPosts = "newer_posts",
        /// The list's pagination (`aria-label`).
        PagesOfPosts = "pages_of_posts",
        /// The list of unreadable posts (`aria-label`).
        UnreadablePosts = "unreadable_posts",
        /// A blog without posts.
        NoPostsYet = "no_posts_yet",
        /// The featured posts' heading.
        Featured = "featured",
        /// A list page beyond the last.
        NoSuchListPage = "no_such_list_page",
        /// The link to the previous post.
        PreviousPost = "previous_post",
        /// The link to the next post.
        NextPost = "next_post",
        /// Previous and next posts (`aria-label`).
        MorePosts = "more_posts",
        /// The related posts' heading.
        RelatedPosts = "related_posts",
        /// The table of contents' heading.
        Contents = "contents",
        /// A post's translations (`aria-label`).
        OtherLanguages = "other_languages",
        /// The author card's label under a post.
        AboutTheAuthor = "about_the_author",
        /// An author card (`aria-label`): `{name}`.
        AboutName = "about_name",
        /// An author's picture (`alt`): `{name}`.
        PortraitOf = "portrait_of",
        /// An author's profile link (`aria-label`): `{name}`, `{site}`.
        ProfileLink = "profile_link",
        /// An author page's heading: `{name}`.
        PostsBy = "posts_by",
        /// An author page's description without a bio: `{name}`.
        PostsByDescription = "posts_by_description",
        /// An author without posts.
        NoPostsByAuthor = "no_posts_by_author",
        /// The embed section's heading on an author page.
        EmbedTitle = "embed_title",
        /// The embed section: the script snippet's introduction.
        EmbedScript = "embed_script",
        /// The embed section: the element snippet's introduction.
        EmbedElement = "embed_element",
        /// The embed section: the iframe snippet's introduction.
        EmbedIframe = "embed_iframe",
        /// A tag page's title: `{name}`.
        PostsTagged = "posts_tagged",
        /// A category page's title: `{name}`.
        PostsInCategory = "posts_in_category",
        /// A series page's title: `{name}`.
        SeriesTitle = "series_title",
        /// An unknown tag: `{name}`.
        NoSuchTag = "no_such_tag",
        /// An unknown category: `{name}`.
        NoSuchCategory = "no_such_category",
        /// An unknown series: `{name}`.
        NoSuchSeries = "no_such_series",
        /// An unknown author: `{name}`.
        NoSuchAuthor = "no_such_author",
        /// An unknown post: `{name}`.
        NoSuchPost = "no_such_post",
        /// An unknown address.
        NoSuchPage = "no_such_page",
        /// The "not found" page's heading.
        PageNotFound = "page_not_found",
        /// The "not found" page's document title.
        NotFound = "not_found",
        /// The search page's title with a query: `{query}`.
        SearchFor = "search_for",
        /// The search page's description.
        SearchDescription = "search_description",
        /// The search field's label.
        SearchPosts = "search_posts",
        /// The search page before typing.
        SearchHint = "search_hint",
        /// While searching.
        Searching = "searching",
        /// A query of punctuation only.
        SearchPunctuation = "search_punctuation",
        /// A query matching nothing: `{query}`.
        SearchNothing = "search_nothing",
        /// Search failed: `{error}`.
        SearchUnavailable = "search_unavailable",
        /// The button showing more results.
        ShowMoreResults = "show_more_results",
        /// Without JavaScript, on the search page.
        SearchNeedsScript = "search_needs_script",
        /// The keyboard hint's words after each key.
        KeySearch = "key_search",
        /// The keyboard hint: arrows.
        KeyMove = "key_move",
        /// The keyboard hint: Enter.
        KeyOpen = "key_open",
        /// The keyboard hint: Escape.
        KeyClose = "key_close",
        /// The Enter key's name.
        KeyEnter = "key_enter",
        /// The Escape key's name.
        KeyEscape = "key_escape",
        /// A network failure: `{what}`, `{reason}`.
        ErrorNetwork = "error_network",
        /// No answer in time: `{what}`, `{seconds}`.
        ErrorTimeout = "error_timeout",
        /// Offline: `{what}`.
        ErrorOffline = "error_offline",
        /// An HTTP error: `{what}`, `{status}`.
        ErrorStatus = "error_status",
        /// A post that cannot be read: `{error}`.
        ErrorInvalid = "error_invalid",
        /// The site changed under the open page.
        ErrorOutdated = "error_outdated",
        /// A web page where data was expected: `{what}`, `{file}`.
        ErrorNotData = "error_not_data",
        /// A damaged data file: `{what}`, `{file}`, `{reason}`.
        ErrorBadData = "error_bad_data",
        /// A damaged search index: `{file}`, `{reason}`.
        ErrorBadSearchIndex = "error_bad_search_index",
        /// What could not load: the site's settings.
        WhatSettings = "what_settings",
        /// What could not load: the post list.
        WhatPostList = "what_post_list",
        /// What could not load: the posts around a post.
        WhatContext = "what_context",
        /// What could not load: the search index.
        WhatSearchIndex = "what_search_index",
        /// What could not load: the post reader.
        WhatReader = "what_reader",
        /// What could not load: a post, `{name}`.
        WhatPost = "what_post",
        /// What could not load: a page, `{name}`.
        WhatPage = "what_page",
    }
}

keys! {
    /// A text about a number, in the plural form the number takes (`1 min read`, `3 min
    /// read`); `{n}` is the number in the language's digits.
    Count {
        /// A post's reading time in minutes.
        ReadingTime = "reading_time",
        /// Search results: `{query}` too.
        SearchMatches = "search_matches",
        /// A post's place in its series: `{index}` too (the part's number).
        SeriesPart = "series_part",
        /// The note above the posts a list could not read.
        UnreadableCount = "unreadable_count",
        /// Mastodon replies shown under a post.
        Replies = "replies",
        /// A tag or category page's description: `{name}` too.
        TermDescription = "term_description",
        /// A series page's description: `{name}` too.
        SeriesDescription = "series_description",
    }
}

/// CLDR's plural categories, in the order a table stores a count's forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PluralCategory {
    /// `zero` (Arabic 0, Latvian…).
    Zero,
    /// `one`.
    One,
    /// `two`.
    Two,
    /// `few`.
    Few,
    /// `many`.
    Many,
    /// `other`: every language has it; a form left out falls back to it.
    Other,
}

impl PluralCategory {
    /// All six, in table order.
    pub const ALL: [PluralCategory; 6] = [
        PluralCategory::Zero,
        PluralCategory::One,
        PluralCategory::Two,
        PluralCategory::Few,
        PluralCategory::Many,
        PluralCategory::Other,
    ];

    /// The name CLDR gives it (`one`), as the tables write it.
    pub fn name(self) -> &'static str {
        ["zero", "one", "two", "few", "many", "other"][self as usize]
    }

    fn letter(self) -> char {
        ['z', 'o', 't', 'f', 'm', 'x'][self as usize]
    }

    fn from_letter(letter: u8) -> PluralCategory {
        match letter {
            b'z' => PluralCategory::Zero,
            b'o' => PluralCategory::One,
            b't' => PluralCategory::Two,
            b'f' => PluralCategory::Few,
            b'm' => PluralCategory::Many,
            _ => PluralCategory::Other,
        }
    }
}

/// The plural category of every whole number, for one language, as letters (`z o t f m x`
/// for zero…other): the categories of 0–199, then that of exact millions.
///
/// Why this is enough: for whole numbers CLDR's rules test `n`, `i`, `n % 10`, `n % 100`
/// and ranges below 200, and French, Spanish, Italian and Portuguese `many` tests
/// `i % 1000000 = 0`; so any number from 200 up falls in the category of `100 + n % 100`,
/// unless it is a whole number of millions. The build fills it from ICU4X, and a test
/// compares it with ICU4X for every shipped language on millions of numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PluralTable(pub String);

/// How many numbers [`PluralTable`] lists one by one.
pub const PLURAL_TABLE_SIZE: u64 = 200;

impl PluralTable {
    /// A table from a language's rule (`category(n)` for whole numbers).
    pub fn from_rule(category: impl Fn(u64) -> PluralCategory) -> PluralTable {
        let mut letters: String = (0..PLURAL_TABLE_SIZE)
            .map(|n| category(n).letter())
            .collect();
        letters.push(category(1_000_000).letter());
        PluralTable(letters)
    }

    /// The category of `n`; `other` for every number when the table is empty or short.
    pub fn category(&self, n: u64) -> PluralCategory {
        let letters = self.0.as_bytes();
        let at = if n < PLURAL_TABLE_SIZE {
            n as usize
        } else if n % 1_000_000 == 0 {
            PLURAL_TABLE_SIZE as usize
        } else {
            (100 + n % 100) as usize
        };
        letters
            .get(at)
            .map_or(PluralCategory::Other, |&l| PluralCategory::from_letter(l))
    }
}

/// The site's interface texts in its language: what the build resolved from the tables and
/// the blog's overrides, carried to the app and the embed inside the site's settings.
///
/// Stored by position (`texts[Text as usize]`), not by name: the app then needs neither
/// the names nor a map to read them. A table from another version of the engine (shorter)
/// gives empty texts, never a panic.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strings {
    /// The texts, in [`Text::ALL`] order.
    #[serde(default)]
    pub texts: Vec<String>,
    /// Six forms per count, in [`Count::ALL`] order and [`PluralCategory::ALL`] order
    /// within; an empty form means `other`'s.
    #[serde(default)]
    pub counts: Vec<String>,
    /// The language's plural categories.
    #[serde(default)]
    pub plurals: PluralTable,
    /// The digits zero to nine of the language's default numbering system (CLDR), when
    /// they are not ASCII's (`٠١٢٣٤٥٦٧٨٩` in Arabic, `۰۱۲۳۴۵۶۷۸۹` in Persian).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub digits: String,
    /// How a date reads (`{month} {d}, {y}`, `{y}年{M}月{d}日`): `{y}`, `{M}` (the month's
    /// number), `{month}` (its name from `months`) and `{d}`, digits in `digits`. Worked
    /// out by the build from ICU4X's long Gregorian date for the language.
    #[serde(default)]
    pub date: String,
    /// The months' names as a date writes them (January first); empty when dates write
    /// the month's number.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<String>,
}

impl Strings {
    /// The text for `key` as the table has it, placeholders unfilled.
    pub fn text(&self, key: Text) -> &str {
        self.texts.get(key as usize).map_or("", String::as_str)
    }

    /// The text for `key` with each `{name}` of `args` replaced by its value.
    pub fn fill(&self, key: Text, args: &[(&str, &str)]) -> String {
        fill(self.text(key), args)
    }

    /// The text for `key` split around its placeholder `{name}`: what comes before and
    /// after it, for wrapping an element rather than text (`by {names}` around links).
    pub fn around(&self, key: Text, name: &str) -> (String, String) {
        let text = self.text(key);
        let mark = format!("{{{name}}}");
        match text.split_once(&mark) {
            Some((before, after)) => (before.to_string(), after.to_string()),
            None => (text.to_string(), String::new()),
        }
    }

    /// The words that join `count` items into a list (`A, B and C`): the separator put
    /// before each item after the first, from `list_pair` (`{a} and {b}`) for the last and
    /// `list_middle` (`{a}, {b}`) for the others.
    pub fn list_separators(&self, count: usize) -> Vec<String> {
        let between = |key: Text| {
            let text = self.text(key);
            let start = text.find("{a}").map_or(0, |i| i + 3);
            let end = text.rfind("{b}").unwrap_or(text.len()).max(start);
            text[start..end].to_string()
        };
        (0..count)
            .map(|i| match i {
                0 => String::new(),
                i if i + 1 == count => between(Text::ListPair),
                _ => between(Text::ListMiddle),
            })
            .collect()
    }

    /// The form of `key` for the number `n`, `{n}` written in the language's digits and the
    /// other placeholders from `args`.
    pub fn count(&self, key: Count, n: u64, args: &[(&str, &str)]) -> String {
        let forms = (key as usize) * 6;
        let form = |category: PluralCategory| {
            self.counts
                .get(forms + category as usize)
                .map_or("", String::as_str)
        };
        let chosen = match form(self.plurals.category(n)) {
            "" => form(PluralCategory::Other),
            text => text,
        };
        let number = self.number(n);
        let mut all = vec![("n", number.as_str())];
        all.extend_from_slice(args);
        fill(chosen, &all)
    }

    /// `n` in the language's digits (no grouping: the interface's numbers are small).
    pub fn number(&self, n: u64) -> String {
        self.digits_of(&n.to_string())
    }

    /// `date` as the language writes it (`15 mars 2025`); ISO 8601 (`2025-03-15`) when the
    /// table has no date pattern.
    pub fn date(&self, date: &crate::date::PostDate) -> String {
        let (y, m, d) = (date.year, date.month, date.day);
        if self.date.is_empty() {
            return self.digits_of(&format!("{y:04}-{m:02}-{d:02}"));
        }
        let month = self
            .months
            .get(usize::from(m).saturating_sub(1))
            .map_or("", String::as_str);
        let (y, number, d) = (
            self.number(y.into()),
            self.number(m.into()),
            self.number(d.into()),
        );
        fill(
            &self.date,
            &[("y", &y), ("M", &number), ("month", month), ("d", &d)],
        )
    }

    /// A post's or page's rendered HTML with the interface words inside it (a code block's
    /// copy button and its answers, task list checkboxes) in the site's language. The
    /// HTML as rendered when the table is empty.
    pub fn localize_body(&self, html: &str) -> String {
        use crate::markdown::{COPY_BUTTON, TASK_DONE, TASK_OPEN};
        if self.texts.is_empty()
            || !html.contains("<button type=\"button\" class=\"copy-code\">")
                && !html.contains("<input type=\"checkbox\" disabled")
        {
            return html.to_string();
        }
        let attribute = |key: Text| crate::html::escape(self.text(key));
        let copy = format!(
            "<button type=\"button\" class=\"copy-code\" data-copied-text=\"{}\" data-failed-text=\"{}\">{}</button>",
            attribute(Text::Copied),
            attribute(Text::CopyFailed),
            crate::html::escape(self.text(Text::Copy))
        );
        let done = TASK_DONE.replace("\"Done\"", &format!("\"{}\"", attribute(Text::TaskDone)));
        let open = TASK_OPEN.replace(
            "\"Not done\"",
            &format!("\"{}\"", attribute(Text::TaskOpen)),
        );
        html.replace(COPY_BUTTON, &copy)
            .replace(TASK_DONE, &done)
            .replace(TASK_OPEN, &open)
    }

    /// `text` with its ASCII digits written in the language's.
    pub fn digits_of(&self, text: &str) -> String {
        let digits: Vec<char> = self.digits.chars().collect();
        if digits.len() != 10 {
            return text.to_string();
        }
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => digits[d as usize],
                _ => c,
            })
            .collect()
    }
}

/// The author card's words, which go with it to other websites (`embed/authors.json`
/// carries them with each author): templates with `{name}` (and `{site}` for a profile
/// link), filled by [`fill`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardWords {
    /// The card's label (`aria-label`): `About {name}`.
    pub about: String,
    /// The portrait's `alt`: `Portrait of {name}`.
    pub portrait: String,
    /// A profile link's `aria-label`: `{name} on {site} (opens in a new tab)`.
    pub link: String,
}

impl CardWords {
    /// The card's words from the site's table.
    pub fn of(strings: &Strings) -> CardWords {
        CardWords {
            about: strings.text(Text::AboutName).to_string(),
            portrait: strings.text(Text::PortraitOf).to_string(),
            link: strings.text(Text::ProfileLink).to_string(),
        }
    }
}

/// `template` with each `{name}` of `args` replaced by its value, in one pass (a value that
/// itself contains `{name}` is left as it is). Unknown placeholders stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A table as read from its YAML: each key's text, or a count's forms by category.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub texts: std::collections::HashMap<Text, String>,
    pub counts: std::collections::HashMap<Count, [Option<String>; 6]>,
}

impl Table {
    /// Puts `other`'s entries over these (a count's forms as a whole: a language's forms
    /// are not mixed with another's).
    pub fn overlay(&mut self, other: Table) {
        self.texts.extend(other.texts);
        self.counts.extend(other.counts);
    }

    /// The keys this table has and `other` has not.
    pub fn missing_from(&self, other: &Table) -> Vec<&'static str> {
        let texts = Text::ALL
            .iter()
            .filter(|k| self.texts.contains_key(k) && !other.texts.contains_key(k))
            .map(|k| k.key());
        let counts = Count::ALL
            .iter()
            .filter(|k| self.counts.contains_key(k) && !other.counts.contains_key(k))
            .map(|k| k.key());
        texts.chain(counts).collect()
    }

    /// The table in the form pages carry (plural rules, digits and dates left empty).
    pub fn strings(&self) -> Strings {
        Strings {
            texts: Text::ALL
                .iter()
                .map(|k| self.texts.get(k).cloned().unwrap_or_default())
                .collect(),
            counts: Count::ALL
                .iter()
                .flat_map(|k| {
                    self.counts
                        .get(k)
                        .cloned()
                        .unwrap_or_default()
                        .map(Option::unwrap_or_default)
                })
                .collect(),
            ..Strings::default()
        }
    }
}

/// Reads one table's YAML into `table`; what cannot be used is a warning naming `name` and
/// the line, never an error (a blog's mistake keeps the engine's words).
pub fn read_table(name: &str, text: &str, table: &mut Table, warnings: &mut Vec<String>) {
    let doc = match yaml::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            warnings.push(format!(
                "{name}:{}: {}: the file is left out",
                e.line, e.problem
            ));
            return;
        }
    };
    let entries = match &doc.value {
        Value::Map(entries) => entries,
        Value::Null => return,
        _ => {
            warnings.push(format!(
                "{name}:{}: a table is key: text lines; left out",
                doc.line
            ));
            return;
        }
    };
    for (key, node) in entries {
        let text_key = Text::ALL.iter().find(|k| k.key() == key);
        let count_key = Count::ALL.iter().find(|k| k.key() == key);
        match (text_key, count_key, &node.value) {
            (Some(k), _, Value::Scalar(text)) => {
                table.texts.insert(*k, text.clone());
            }
            (_, Some(k), Value::Scalar(text)) => {
                let mut forms: [Option<String>; 6] = Default::default();
                forms[PluralCategory::Other as usize] = Some(text.clone());
                table.counts.insert(*k, forms);
            }
            (_, Some(k), Value::Map(forms_written)) => {
                let mut forms: [Option<String>; 6] = Default::default();
                for (category, form) in forms_written {
                    let at = PluralCategory::ALL.iter().find(|c| c.name() == category);
                    match (at, &form.value) {
                        (Some(c), Value::Scalar(text)) => forms[*c as usize] = Some(text.clone()),
                        _ => warnings.push(format!(
                            "{name}:{}: {key}: \"{category}\" is not a plural form (zero, one, two, few, many, other) with a text; left out",
                            form.line
                        )),
                    }
                }
                if forms[PluralCategory::Other as usize].is_none() {
                    warnings.push(format!(
                        "{name}:{}: {key} has no `other` form, which every language needs; left out",
                        node.line
                    ));
                } else {
                    table.counts.insert(*k, forms);
                }
            }
            (None, None, _) => warnings.push(format!(
                "{name}:{}: \"{key}\" is not a text of the interface; left out",
                node.line
            )),
            _ => warnings.push(format!(
                "{name}:{}: {key} holds {}, not a text; left out",
                node.line,
                node.kind()
            )),
        }
    }
}

/// The pseudo-language's words: `⟦key {placeholder}…⟧` for every text and count, the
/// `english` table's placeholders kept so their values show.
pub fn pseudo(english: &Table) -> Strings {
    let marked = |key: &str, template: &str| {
        let mut out = format!("⟦{key}");
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            out.push(' ');
            out.push_str(&rest[open..open + close + 1]);
            rest = &rest[open + close + 1..];
        }
        out.push('⟧');
        out
    };
    let mut table = Table::default();
    for key in Text::ALL {
        let english = english.texts.get(key).map_or("", String::as_str);
        table.texts.insert(*key, marked(key.key(), english));
    }
    for key in Count::ALL {
        let other = english
            .counts
            .get(key)
            .and_then(|f| f[5].clone())
            .unwrap_or_default();
        let mut forms: [Option<String>; 6] = Default::default();
        forms[PluralCategory::Other as usize] = Some(marked(key.key(), &other));
        table.counts.insert(*key, forms);
    }
    Strings {
        date: "⟦date {y}-{M}-{d}⟧".into(),
        ..table.strings()
    }
}

/// The engine's English table, for tests of what pages say.
#[cfg(test)]
pub(crate) fn english() -> Strings {
    let mut table = Table::default();
    let mut warnings = Vec::new();
    read_table(
        "en.yaml",
        include_str!("../../site/i18n/en.yaml"),
        &mut table,
        &mut warnings,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    table.strings()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_once_and_keeps_unknown_ones() {
        let cases = [
            ("Posts by {name}", &[("name", "Ada")][..], "Posts by Ada"),
            ("{a}{b}", &[("a", "{b}"), ("b", "x")][..], "{b}x"),
            ("{unknown} {", &[][..], "{unknown} {"),
            ("«{name}»", &[("name", "é")][..], "«é»"),
        ];
        for (template, args, want) in cases {
            assert_eq!(fill(template, args), want, "{template}");
        }
    }

    #[test]
    fn chooses_the_plural_form_and_the_digits() {
        // A Russian-like rule: one (1, 21, …), few (2–4, 22–24, …), many otherwise.
        let rule = |n: u64| match (n % 10, n % 100) {
            (1, r) if r != 11 => PluralCategory::One,
            (2..=4, r) if !(12..=14).contains(&r) => PluralCategory::Few,
            _ => PluralCategory::Many,
        };
        let mut counts = vec![String::new(); Count::ALL.len() * 6];
        let at = Count::ReadingTime as usize * 6;
        counts[at + 1] = "{n} минута".into();
        counts[at + 3] = "{n} минуты".into();
        counts[at + 5] = "{n} минут".into();
        let strings = Strings {
            counts,
            plurals: PluralTable::from_rule(rule),
            ..Strings::default()
        };
        for (n, want) in [
            (1, "1 минута"),
            (3, "3 минуты"),
            (11, "11 минут"),
            (21, "21 минута"),
            (5, "5 минут"), // many has no form here: other's
            (222, "222 минуты"),
        ] {
            assert_eq!(strings.count(Count::ReadingTime, n, &[]), want);
        }
        let persian = Strings {
            digits: "۰۱۲۳۴۵۶۷۸۹".into(),
            ..strings
        };
        assert_eq!(persian.number(2025), "۲۰۲۵");
        assert_eq!(persian.digits_of("v1.2"), "v۱.۲");
    }

    #[test]
    fn a_short_or_empty_table_gives_empty_texts_and_other() {
        let strings = Strings::default();
        assert_eq!(strings.text(Text::Search), "");
        assert_eq!(strings.count(Count::ReadingTime, 3, &[]), "");
        assert_eq!(strings.plurals.category(1), PluralCategory::Other);
        assert_eq!(strings.number(42), "42");
    }

    #[test]
    fn the_table_maps_large_numbers_to_their_last_two_digits_or_millions() {
        let table = PluralTable::from_rule(|n| match n {
            1 => PluralCategory::One,
            n if n % 1_000_000 == 0 && n > 0 => PluralCategory::Many,
            n if n % 100 == 3 => PluralCategory::Few,
            _ => PluralCategory::Other,
        });
        assert_eq!(table.0.len(), PLURAL_TABLE_SIZE as usize + 1);
        assert_eq!(table.category(1), PluralCategory::One);
        assert_eq!(table.category(1_003), PluralCategory::Few);
        assert_eq!(table.category(3_000_000), PluralCategory::Many);
        assert_eq!(table.category(3_000_001), PluralCategory::Other);
    }

    #[test]
    fn the_words_inside_a_post_are_the_site_s() {
        let html = crate::markdown::render("```\nx\n```\n\n- [x] a\n- [ ] b\n").html;
        let english = english();
        assert_eq!(
            english.localize_body(&html).matches("Copy").count(),
            2,
            "{html}"
        );
        let mut french = english.clone();
        french.texts[Text::Copy as usize] = "Copier".into();
        french.texts[Text::Copied as usize] = "Copié ✓".into();
        french.texts[Text::TaskDone as usize] = "Fait".into();
        french.texts[Text::TaskOpen as usize] = "« À faire »".into();
        let local = french.localize_body(&html);
        assert!(local.contains(">Copier</button>"), "{local}");
        assert!(local.contains("data-copied-text=\"Copié ✓\""), "{local}");
        assert!(local.contains("aria-label=\"Fait\""), "{local}");
        assert!(local.contains("aria-label=\"« À faire »\""), "{local}");
        assert!(
            !local.contains(">Copy<") && !local.contains("\"Done\""),
            "{local}"
        );
        assert_eq!(Strings::default().localize_body(&html), html);
    }

    #[test]
    fn keys_are_unique() {
        let mut names: Vec<&str> = Text::ALL.iter().map(|k| k.key()).collect();
        names.extend(Count::ALL.iter().map(|k| k.key()));
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
