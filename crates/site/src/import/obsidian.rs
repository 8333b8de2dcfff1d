//! Obsidian's own Markdown: `[[wikilinks]]` to notes (by name, anywhere under `posts/`,
//! with `|text` and `#heading`), `![[embeds]]` of pictures and notes, `%%comments%%` and
//! `==highlights==`. Syntax: <https://help.obsidian.md/Linking+notes+and+files/Internal+links>,
//! <https://help.obsidian.md/Linking+notes+and+files/Embed+files>,
//! <https://help.obsidian.md/Editing+and+formatting/Basic+formatting+syntax>.

use super::body::{Body, Context};
use super::prose::outside_code;
use super::Note;
use blog_core::routes;
use blog_core::slug::slugify;
use blog_core::yaml::{Node, Value};

/// File types an embed shows as a picture.
const PICTURES: &[&str] = &[
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp",
];

impl Body {
    /// Carries Obsidian's syntax over (see the module's documentation). A link to a note
    /// that is not in the blog is its text, with a note saying so.
    pub(super) fn obsidian(&mut self, ctx: &Context<'_>, notes: &mut Vec<Note>) {
        self.comments();
        for i in self.prose_lines() {
            let (number, text) = self.line(i);
            if !text.contains("[[") && !text.contains("==") {
                continue;
            }
            let text = text.to_string();
            let mut missing = Vec::new();
            let mut ambiguous = Vec::new();
            let line = outside_code(&text, |part| {
                highlights(&wikilinks(part, ctx, &mut missing, &mut ambiguous))
            });
            *self.line_mut(i) = line;
            for name in missing {
                notes.push(Note {
                    line: Some(number),
                    message: format!(
                        "[[{name}]] links to a note that is not in the blog: it shows as text"
                    ),
                });
            }
            for (name, paths) in ambiguous {
                notes.push(Note {
                    line: Some(number),
                    message: format!(
                        "[[{name}]] could be {}: it links to the first; write its folder (`[[folder/{name}]]`) to choose",
                        paths.join(" or ")
                    ),
                });
            }
        }
    }

    /// `%%…%%` goes: within a line (outside code spans), or over several lines from a line
    /// that starts with `%%` to one that ends with it. A `%%` that no other closes stays
    /// (`100%%`, a `printf` format).
    fn comments(&mut self) {
        self.cut_blocks("%%", "%%");
    }
}

impl Body {
    /// Removes comments that open with `open` and close with `close`: pairs within a line
    /// (outside code spans), and blocks from a line that starts with `open` (and does not
    /// close on it) to the first later line that ends with `close`. An opening nothing
    /// closes is left as written.
    pub(super) fn cut_blocks(&mut self, open: &str, close: &str) {
        let prose = self.prose_lines();
        let mut at = 0;
        while at < prose.len() {
            let i = prose[at];
            let text = self.line(i).1.to_string();
            let trimmed = text.trim();
            let opens_block = trimmed.starts_with(open)
                && (trimmed == open || !trimmed[open.len()..].contains(close));
            let end = opens_block
                .then(|| {
                    prose[at + 1..]
                        .iter()
                        .position(|&j| self.line(j).1.trim_end().ends_with(close))
                        .map(|k| at + 1 + k)
                })
                .flatten();
            if let Some(end) = end {
                // Everything between goes, indented or fenced lines included.
                for j in i..=prose[end] {
                    self.line_mut(j).clear();
                }
                at = end + 1;
                continue;
            }
            if text.contains(open) {
                *self.line_mut(i) = outside_code(&text, |part| cut_pairs(part, open, close));
            }
            at += 1;
        }
    }
}

/// `text` without each `open`…`close` pair that closes.
fn cut_pairs(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let Some(end) = rest[start + open.len()..].find(close) else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + open.len() + end + close.len()..];
    }
    out.push_str(rest);
    out
}

/// `part` with its `[[…]]` and `![[…]]` made Markdown links and images; the names of notes
/// that are not in the blog are added to `missing`.
fn wikilinks(
    part: &str,
    ctx: &Context<'_>,
    missing: &mut Vec<String>,
    ambiguous: &mut Vec<(String, Vec<String>)>,
) -> String {
    let mut out = String::with_capacity(part.len());
    let mut rest = part;
    while let Some(open) = rest.find("[[") {
        let Some(close) = rest[open..].find("]]").map(|c| open + c) else {
            break;
        };
        let embed = rest[..open].ends_with('!');
        out.push_str(&rest[..open - usize::from(embed)]);
        let inner = &rest[open + 2..close];
        // Brackets inside (`m[[0][1]]`), a link after it (`[[1]](#ref)`), spaces inside
        // its brackets (`[[ -f x ]]`): no wikilink.
        let after = &rest[close + 2..];
        if inner.contains('[')
            || inner.trim().is_empty()
            || inner.starts_with(' ')
            || inner.ends_with(' ')
            || after.starts_with(['(', '['])
        {
            out.push_str(&rest[open - usize::from(embed)..close + 2]);
            rest = &rest[close + 2..];
            continue;
        }
        rest = &rest[close + 2..];
        // Inside a table the alias bar is escaped: `[[Note\|text]]`.
        let unescaped = inner.replace("\\|", "|");
        let inner = unescaped.as_str();
        let (target, text) = match inner.split_once('|') {
            Some((target, text)) => (target.trim(), Some(text.trim())),
            None => (inner.trim(), None),
        };
        let lower = target.to_ascii_lowercase();
        let written = target;
        let located = if embed && lower.rsplit_once('.').is_some_and(|(_, e)| e != "md") {
            locate(ctx, target)
        } else {
            target.to_string()
        };
        let target = located.as_str();
        if embed && PICTURES.iter().any(|ext| lower.ends_with(ext)) {
            out.push_str(&picture(target, text));
            continue;
        }
        // Other attachments: a player for sound and video, as Obsidian shows them, else a
        // link to the file (a PDF). `![[Release v1.2]]` is a note, not a file named so.
        let is_file = located != written
            || ATTACHMENTS.iter().any(|ext| lower.ends_with(ext))
            || exists_in(ctx, ctx.dir, target);
        if embed && !lower.ends_with(".md") && is_file {
            if let Some(html) = attachment(target, &lower, text) {
                out.push_str(&html);
                continue;
            }
        }
        let (note, heading) = match target.split_once('#') {
            Some((note, heading)) => (note.trim(), Some(heading.trim())),
            None => (target, None),
        };
        let shown = text.map_or_else(
            || match (note.is_empty(), heading) {
                (true, Some(heading)) => heading.to_string(),
                (false, Some(heading)) => format!("{} > {heading}", name_of(note)),
                _ => name_of(note).to_string(),
            },
            str::to_string,
        );
        let fragment = heading
            .map(|h| format!("#{}", slugify(h.trim_start_matches('^'))))
            .unwrap_or_default();
        let address = if note.is_empty() {
            Some(routes::post(ctx.slug))
        } else {
            let mut shared = Vec::new();
            let found = find(ctx, note, &mut shared).map(|slug| routes::post(&slug));
            if !shared.is_empty() {
                ambiguous.push((note.to_string(), shared));
            }
            found
        };
        match address {
            Some(address) => {
                out.push_str(&format!("[{}]({address}{fragment})", escape(&shown)));
            }
            None => {
                out.push_str(&escape(&shown));
                missing.push(note.to_string());
            }
        }
    }
    out.push_str(rest);
    out
}

/// Obsidian's `aliases:` are other names of the note (`[[Alias]]` links to it), where
/// Hugo's are old addresses: an entry with no `/` (and no `.html`) is a name. Names are
/// taken out of `doc` (no redirect page is written for them) and returned.
pub(super) fn note_aliases(doc: &mut Node) -> Vec<String> {
    let Value::Map(entries) = &mut doc.value else {
        return Vec::new();
    };
    let Some((_, node)) = entries.iter_mut().find(|(k, _)| k == "aliases") else {
        return Vec::new();
    };
    let is_name = |text: &str| {
        let text = text.trim();
        !text.is_empty()
            && !text.contains('/')
            && !text.ends_with(".html")
            && !text.ends_with(".htm")
    };
    let mut names = Vec::new();
    match &mut node.value {
        Value::Scalar(text) if is_name(text) => {
            // `aliases: A, B` (a comma string, as some vaults write it).
            names.extend(
                text.split(',')
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty()),
            );
            node.value = Value::Null;
        }
        Value::Seq(items) => items.retain(|item| match &item.value {
            Value::Scalar(text) if is_name(text) => {
                names.push(text.trim().to_string());
                false
            }
            _ => true,
        }),
        _ => {}
    }
    names
}

/// Kinds of files Obsidian embeds as attachments, whether or not they are in the blog.
const ATTACHMENTS: &[&str] = &[
    ".pdf", ".mp3", ".wav", ".ogg", ".m4a", ".flac", ".mp4", ".webm", ".mov", ".ogv",
];

/// Whether `path` (relative to the folder `dir` under `posts/`) is a file.
fn exists_in(ctx: &Context<'_>, dir: &str, path: &str) -> bool {
    let full = if dir.is_empty() {
        path.to_string()
    } else {
        format!("{dir}/{path}")
    };
    (ctx.exists)(&full)
}

/// Folders Obsidian's "attachment folder" setting commonly names, tried under the note's
/// folder and each folder above it (Obsidian finds an attachment by name anywhere).
const ATTACHMENT_FOLDERS: &[&str] = &[
    "",
    "attachments",
    "Attachments",
    "assets",
    "images",
    "_attachments",
    "files",
];

/// An embedded file's path from the note's folder: as written when it is there, else where
/// Obsidian's attachment settings commonly put it (`../attachments/x.png`), else as written.
fn locate(ctx: &Context<'_>, target: &str) -> String {
    let exists_from = |dir: &str, path: &str| exists_in(ctx, dir, path);
    if target.contains('/') || target.ends_with(".md") || exists_from(ctx.dir, target) {
        return target.to_string();
    }
    let mut dir = ctx.dir;
    let mut up = String::new();
    loop {
        for folder in ATTACHMENT_FOLDERS {
            let path = if folder.is_empty() {
                target.to_string()
            } else {
                format!("{folder}/{target}")
            };
            if exists_from(dir, &path) {
                return format!("{up}{path}");
            }
        }
        if dir.is_empty() {
            return target.to_string();
        }
        dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
        up.push_str("../");
    }
}

/// Sound, video and other files embedded with `![[file.ext]]`; `None` for a name without
/// an extension (a note).
fn attachment(target: &str, lower: &str, text: Option<&str>) -> Option<String> {
    let extension = lower.rsplit_once('.')?.1;
    if extension.is_empty() || extension.contains('/') || extension.contains('#') {
        return None;
    }
    // In a Markdown link a space ends the address; in an attribute it is kept.
    let src = target.replace(' ', "%20");
    Some(match extension {
        "mp3" | "wav" | "ogg" | "m4a" | "flac" => {
            format!(
                "<audio src=\"{}\"></audio>",
                blog_core::html::escape(target)
            )
        }
        "mp4" | "webm" | "mov" | "ogv" => {
            format!(
                "<video src=\"{}\"></video>",
                blog_core::html::escape(target)
            )
        }
        _ => format!(
            "[{}]({src})",
            escape(text.unwrap_or_else(|| name_of(target)))
        ),
    })
}

/// A note's name without its folders.
fn name_of(note: &str) -> &str {
    note.rsplit('/').next().unwrap_or(note)
}

/// The address of the note `name` (`Note`, `folder/Note`, with or without `.md`), by path
/// or by file name anywhere under `posts/`, in any case as Obsidian finds them. A name
/// several notes share leads to the one in the linking note's folder, else the first by
/// path; the others are pushed to `shared` (as paths under `posts/`).
fn find(ctx: &Context<'_>, name: &str, shared: &mut Vec<String>) -> Option<String> {
    let file = if name.ends_with(".md") {
        name.to_string()
    } else {
        format!("{name}.md")
    };
    if let Some(slug) = ctx
        .slugs
        .get(&file)
        .or_else(|| ctx.slugs.get(name_of(&file)))
    {
        return Some(slug.clone());
    }
    let lower = file.to_lowercase();
    let bare = name_of(&lower).to_string();
    let mut matches: Vec<(&String, &String)> = ctx
        .slugs
        .iter()
        .filter(|(key, _)| {
            let key = key.to_lowercase();
            key == lower || (key.contains('/') && name_of(&key) == bare) || key == bare
        })
        .collect();
    matches.sort();
    matches.dedup_by(|a, b| a.1 == b.1);
    let chosen = matches
        .iter()
        .position(|(key, _)| key.rsplit_once('/').map_or("", |(dir, _)| dir) == ctx.dir)
        .unwrap_or(0);
    let slug = matches.get(chosen)?.1.clone();
    if matches.len() > 1 {
        // The chosen one first.
        let mut paths: Vec<String> = matches
            .iter()
            .map(|(key, _)| format!("posts/{key}"))
            .collect();
        paths.swap(0, chosen);
        shared.extend(paths);
    }
    Some(slug)
}

/// `![[picture.png|300]]` (or `|300x200`, or `|alt text`) as a Markdown image, or an
/// `<img>` when it has a size; spaces in its name are encoded.
fn picture(target: &str, text: Option<&str>) -> String {
    let src = target.replace(' ', "%20");
    let size = text.and_then(|t| {
        let (w, h) = t.split_once('x').unwrap_or((t, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        digits(w).then(|| (w.to_string(), digits(h).then(|| h.to_string())))
    });
    let alt = name_of(target);
    match (size, text) {
        (Some((width, height)), _) => {
            let height = height
                .map(|h| format!(" height=\"{h}\""))
                .unwrap_or_default();
            format!(
                "<img src=\"{}\" alt=\"{}\" width=\"{width}\"{height}>",
                src.replace('"', "%22"),
                alt.replace('"', "&quot;")
            )
        }
        (None, Some(alt)) => format!("![{}]({src})", escape(alt)),
        (None, None) => format!("![{}]({src})", escape(alt)),
    }
}

/// `==text==` as `<mark>text</mark>`.
fn highlights(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut rest = part;
    while let Some(open) = rest.find("==") {
        let Some(close) = rest[open + 2..].find("==").map(|c| open + 2 + c) else {
            break;
        };
        let inner = &rest[open + 2..close];
        // `a == b` and `a==b` are comparisons, not highlights: the marks hug their text and
        // stand apart from words.
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let glued =
            word(rest[..open].chars().next_back()) || word(rest[close + 2..].chars().next());
        if inner.is_empty() || inner.starts_with(' ') || inner.ends_with(' ') || glued {
            out.push_str(&rest[..open + 2]);
            rest = &rest[open + 2..];
            continue;
        }
        out.push_str(&rest[..open]);
        out.push_str(&format!("<mark>{inner}</mark>"));
        rest = &rest[close + 2..];
    }
    out.push_str(rest);
    out
}

/// Text made safe inside Markdown link text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '*' | '_' | '\\' | '`' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
