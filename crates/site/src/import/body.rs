//! A post's body, converted line by line from what another engine understood to Markdown
//! this blog renders: a first `# Heading` taken as the title (docsify), MDX `import` and
//! component lines, Hugo and Zola shortcodes, Jekyll Liquid tags, and relative paths to
//! files published with the post. Every output line remembers the author's line, so `check`
//! messages point into the file they wrote.

use std::collections::HashMap;

use super::Note;
use blog_core::routes;

/// What converting a body needs to know about the post and the blog.
pub(super) struct Context<'a> {
    /// The post's address.
    pub(super) slug: &'a str,
    /// The post's folder under `posts/`.
    pub(super) dir: &'a str,
    /// The page bundle's folder, for `name/index.md` posts.
    pub(super) bundle: Option<&'a str>,
    /// Whether a path under `posts/` is a file.
    pub(super) exists: &'a dyn Fn(&str) -> bool,
    /// Post file paths and names to addresses.
    pub(super) slugs: &'a HashMap<String, String>,
    /// The post's file name without its extension: Hexo's asset folder beside it has it.
    pub(super) stem: &'a str,
    /// The post's front matter as written, for templates that print a value of it.
    pub(super) front_matter: &'a blog_core::yaml::Node,
    /// Other posts' titles by slug (empty until the first pass over the blog is done).
    pub(super) titles: &'a HashMap<String, String>,
    /// Set when a link shows another post's title that `titles` does not have yet.
    pub(super) wants_titles: &'a std::cell::Cell<bool>,
}

/// The body as lines, each with the author's line number.
pub(super) struct Body {
    lines: Vec<(usize, String)>,
    /// MDX, which has no indented code blocks (authors indent JSX children freely).
    mdx: bool,
}

/// CommonMark's indented code blocks, followed line by line: a line indented four spaces
/// (or a tab) after a blank line starts one, unless it continues a container — a list item,
/// a footnote, an MkDocs admonition or content tab — whose content is indented so.
#[derive(Default)]
struct IndentedCode {
    /// Inside an indented code block.
    code: bool,
    /// The last line was blank (or there was none).
    after_blank: bool,
    /// Since the last line at the left margin, a container's opening line was seen.
    container: bool,
    /// Lines were seen.
    started: bool,
}

impl IndentedCode {
    /// Whether `line` is code of an indented block; follows it either way.
    fn is_code(&mut self, line: &str) -> bool {
        if line.trim().is_empty() {
            self.after_blank = true;
            return self.code;
        }
        let width = line
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum::<usize>();
        let first = !self.started;
        self.started = true;
        if width >= 4 {
            let code = self.code || ((self.after_blank || first) && !self.container);
            self.code = code;
            self.after_blank = false;
            return code;
        }
        self.other(line);
        false
    }

    /// Follows a line that is no indented code (a fence line, or prose under four spaces).
    fn other(&mut self, line: &str) {
        let trimmed = line.trim_start();
        let opens = is_list_item(trimmed)
            || trimmed.starts_with("[^")
            || trimmed.starts_with("!!!")
            || trimmed.starts_with("???")
            || trimmed.starts_with("===");
        if opens {
            self.container = true;
        } else if self.after_blank && line.len() == trimmed.len() {
            // Back at the margin after a blank line: whatever was open has ended.
            self.container = false;
        }
        self.code = false;
        self.after_blank = false;
        self.started = true;
    }
}

/// Whether `text` (without its indentation) opens a list item: `- `, `* `, `+ `, `1. `, `1) `.
fn is_list_item(text: &str) -> bool {
    if let Some(rest) = text.strip_prefix(['-', '*', '+']) {
        return rest.is_empty() || rest.starts_with([' ', '\t']);
    }
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=9).contains(&digits)
        && text[digits..].starts_with(['.', ')'])
        && text[digits + 1..].is_empty()
        || (1..=9).contains(&digits)
            && text[digits..].starts_with(['.', ')'])
            && text[digits + 1..].starts_with([' ', '\t'])
}

/// A line's fence: the marker run (```` ``` ```` or `~~~`) that opens or closes a code block.
pub(super) fn fence_marker(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let run = trimmed.len() - trimmed.trim_start_matches(c).len();
    (run >= 3).then(|| &trimmed[..run])
}

impl Body {
    pub(super) fn new(text: &str, first_line: usize) -> Body {
        Body {
            lines: text
                .lines()
                .enumerate()
                .map(|(i, l)| (first_line + i, l.to_string()))
                .collect(),
            mdx: false,
        }
    }

    /// The body as Markdown, and the author's line for each of its lines.
    pub(super) fn finish(self) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut map = Vec::new();
        for (line, content) in self.lines {
            for part in content.split('\n') {
                text.push_str(part);
                text.push('\n');
                map.push(line);
            }
        }
        (text, map)
    }

    /// Line `i` and the author's line number for it.
    pub(super) fn line(&self, i: usize) -> (usize, &str) {
        let (number, text) = &self.lines[i];
        (*number, text)
    }

    /// How many lines the body has.
    pub(super) fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Line `i`, to change.
    pub(super) fn line_mut(&mut self, i: usize) -> &mut String {
        &mut self.lines[i].1
    }

    /// Lines `first..=last` replaced by `text`, which keeps the first one's line number.
    pub(super) fn replace_lines(&mut self, first: usize, last: usize, text: String) {
        self.lines[first].1 = text;
        self.lines.drain(first + 1..=last);
    }

    /// Reads the body as MDX from here on: no indented code blocks.
    pub(super) fn set_mdx(&mut self) {
        self.mdx = true;
    }

    /// Takes line `i` out.
    pub(super) fn remove_line(&mut self, i: usize) {
        self.lines.remove(i);
    }

    /// Indices of lines outside fenced code blocks: a line that opens outside code and is
    /// no fence. A line an earlier step made of several (`` ``` `` then `</div>`) is followed
    /// through each of them.
    pub(super) fn prose_lines(&self) -> Vec<usize> {
        self.classify().0
    }

    /// Indices of the lines of indented code blocks (see [`IndentedCode`]).
    pub(super) fn indented_code_lines(&self) -> Vec<usize> {
        self.classify().1
    }

    /// [`Body::prose_lines`], and the lines of indented code blocks.
    fn classify(&self) -> (Vec<usize>, Vec<usize>) {
        let mut open: Option<String> = None;
        let mut prose = Vec::new();
        let mut in_code = Vec::new();
        let mut indented = IndentedCode::default();
        for (i, (_, line)) in self.lines.iter().enumerate() {
            for (at, part) in line.split('\n').enumerate() {
                match (&open, fence_marker(part)) {
                    (None, Some(marker)) => {
                        open = Some(marker.to_string());
                        indented.other(part);
                    }
                    (Some(o), Some(marker))
                        if marker.starts_with(o.as_str()) && part.trim().len() == marker.len() =>
                    {
                        open = None;
                    }
                    (None, None) => {
                        let code = !self.mdx && indented.is_code(part);
                        if at == 0 {
                            if code {
                                in_code.push(i);
                            } else {
                                prose.push(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        (prose, in_code)
    }

    /// Takes out a level-one heading that opens the body and says `title` again (any
    /// case, spacing or closing `#`s), as the page already shows the title.
    pub(super) fn drop_leading_title(&mut self, title: &str) {
        let prose = self.prose_lines();
        let Some(&first) = prose.iter().find(|&&i| !self.lines[i].1.trim().is_empty()) else {
            return;
        };
        let line = self.lines[first].1.trim();
        let Some(heading) = line.strip_prefix("# ") else {
            return;
        };
        let words = |t: &str| {
            t.trim()
                .trim_end_matches('#')
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        if words(heading) == words(title) {
            self.lines[first].1.clear();
        }
    }

    /// The title a post without one in its front matter shows: its first level-one
    /// heading. When that heading is the body's first content (`# Title`, or `Title` over a
    /// `===` line, as docsify and GitHub show a README), it is taken out so it is not shown
    /// twice; a level-one heading further down stays where it is. `None` without one.
    pub(super) fn take_title(&mut self) -> Option<String> {
        // Code made by template tags (`{% highlight %}` … `{% endhighlight %}`, Hugo's
        // `highlight`) is not prose: a `# comment` there is no heading.
        let mut in_tag_code = false;
        let prose: Vec<usize> = self
            .prose_lines()
            .into_iter()
            .filter(|&i| {
                let line = self.lines[i].1.trim();
                let opens = line.starts_with("{% highlight")
                    || line.starts_with("{%- highlight")
                    || line.starts_with("{% codeblock")
                    || line.starts_with("{{< highlight");
                let closes = line.contains("endhighlight")
                    || line.contains("endcodeblock")
                    || line.starts_with("{{< /highlight");
                let code = in_tag_code || opens;
                in_tag_code = (in_tag_code || opens) && !closes;
                !code
            })
            .collect();
        // What comes before the content and shows nothing: MDX statements, a lone template
        // tag, an HTML comment.
        let shows_nothing = |line: &str| {
            let line = line.trim();
            line.is_empty()
                || ((line.starts_with("import ") || line.starts_with("export "))
                    && (line.contains(" from ") || line.ends_with(';')))
                || (line.starts_with("{%") && line.ends_with("%}"))
                || (line.starts_with("{{<") && line.ends_with(">}}"))
                || (line.starts_with("<!--") && line.ends_with("-->"))
        };
        let first = *prose.iter().find(|&&i| !shows_nothing(&self.lines[i].1))?;
        let setext = self
            .lines
            .get(first + 1)
            .is_some_and(|(_, next)| is_setext_one(next) && prose.contains(&(first + 1)));
        if setext && !self.lines[first].1.trim_start().starts_with('#') {
            let title = self.lines[first].1.trim().to_string();
            self.lines[first].1.clear();
            self.lines[first + 1].1.clear();
            return Some(title);
        }
        let heading = |line: &str| -> Option<String> {
            let heading = line.trim_start().strip_prefix("# ")?;
            let heading = heading.trim().trim_end_matches('#').trim();
            // An explicit `{#id}` belongs to the heading, not the title.
            let heading = match heading.rfind(" {#") {
                Some(i) if heading.ends_with('}') => heading[..i].trim(),
                _ => heading,
            };
            (!heading.is_empty()).then(|| heading.to_string())
        };
        if let Some(title) = heading(&self.lines[first].1) {
            self.lines[first].1.clear();
            return Some(title);
        }
        // Indented four spaces, a `#` line is code.
        prose
            .iter()
            .map(|&i| &self.lines[i].1)
            .filter(|line| !line.starts_with("    ") && !line.starts_with('\t'))
            .find_map(|line| heading(line))
    }

    /// Each use of Hugo's shortcode `name` (`{{< name args >}}` or `{{% … %}}`) that wraps
    /// text, within a line (`…{{< /name >}}` after it) or over lines (the opening and the
    /// closing each alone on a prose line), or that never closes (a lone opening line):
    /// `convert(args, use)` gives the text before and after what it wraps, which stays;
    /// `None` leaves the use as written. Runs before `convert_templates`, which would take
    /// the tags for unknown ones.
    pub(super) fn paired_shortcodes(
        &mut self,
        name: &str,
        mut convert: impl FnMut(&str, ShortcodeUse) -> Option<(String, String)>,
    ) {
        let prose = self.prose_lines();
        let mut k = 0;
        while k < prose.len() {
            let i = prose[k];
            k += 1;
            let line = self.lines[i].1.clone();
            let Some((start, end, args)) = find_shortcode(&line, name) else {
                continue;
            };
            if let Some((close_start, close_end)) = find_closing(&line[end..], name) {
                let inner = &line[end..end + close_start];
                if let Some((before, after)) = convert(args, ShortcodeUse::Inline) {
                    self.lines[i].1 = format!(
                        "{}{before}{inner}{after}{}",
                        &line[..start],
                        &line[end + close_end..]
                    );
                    // The rest of the line may hold more.
                    k -= 1;
                }
                continue;
            }
            if start != line.len() - line.trim_start().len() || end != line.trim_end().len() {
                continue;
            }
            // The closing line, with only prose lines (no code block) between.
            let close = prose[k..]
                .iter()
                .enumerate()
                .take_while(|&(n, &j)| j == i + 1 + n)
                .map(|(_, &j)| j)
                // A second opening first: this one is a lone marker (Blowfish's `katex`).
                .take_while(|&j| find_shortcode(&self.lines[j].1, name).is_none())
                .find(|&j| is_hugo_close(self.lines[j].1.trim(), name));
            let use_ = if close.is_some() {
                ShortcodeUse::Block
            } else {
                ShortcodeUse::Unclosed
            };
            if let Some((before, after)) = convert(args, use_) {
                self.lines[i].1 = before;
                if let Some(j) = close {
                    self.lines[j].1 = after;
                }
            }
        }
    }

    /// Hugo and Zola shortcodes and Jekyll Liquid tags: the ones real posts use become
    /// what their engine would show; unknown ones lose their tags, keep their inner
    /// Markdown, and are reported.
    pub(super) fn convert_templates(&mut self, ctx: &Context<'_>, notes: &mut Vec<Note>) {
        let mut out: Vec<(usize, String)> = Vec::with_capacity(self.lines.len());
        let mut fence: Option<String> = None;
        // Whether the open code block came from a `highlight` shortcode or tag.
        let mut highlight = false;
        let mut raw = false;
        let mut callout = false;
        let mut comment = false;
        let mut quoted = None;
        let mut closes = Vec::new();
        let mut tabs = Vec::new();
        let code = self.indented_code_lines();
        for (i, (number, line)) in std::mem::take(&mut self.lines).into_iter().enumerate() {
            // Indented code shows template syntax as written (as fenced code does, without
            // Liquid's raw markers); inside a comment or a raw section it is not code.
            if fence.is_none() && !comment && !raw && code.binary_search(&i).is_ok() {
                out.push((number, unescape_hugo(&strip_raw(&line, false).0)));
                continue;
            }
            let marker = fence_marker(&line).map(str::to_string);
            if let Some(open) = &fence {
                let trimmed = line.trim();
                if highlight
                    && (["endhighlight", "endcodeblock", "endcode"]
                        .iter()
                        .any(|end| find_tag(trimmed, end).is_some())
                        || is_hugo_close(trimmed, "highlight"))
                {
                    out.push((number, "```".to_string()));
                    fence = None;
                    highlight = false;
                    continue;
                }
                if !highlight
                    && marker
                        .as_deref()
                        .is_some_and(|m| m.starts_with(open.as_str()))
                {
                    fence = None;
                }
                // Code is shown as written; only Liquid's raw markers and Hugo's
                // `{{</* */>}}` escapes (which exist to print shortcodes) are undone.
                let (line, still_raw) = strip_raw(&line, raw);
                raw = still_raw;
                out.push((number, unescape_hugo(&line)));
                continue;
            }
            if let Some(m) = marker {
                fence = Some(m);
                out.push((number, line));
                continue;
            }
            let mut converter = Converter {
                ctx,
                notes,
                number,
                raw,
                callout,
                opened_code: false,
                comment,
                quoted: quoted.take(),
                closes: std::mem::take(&mut closes),
                tabs: std::mem::take(&mut tabs),
            };
            let converted = converter.line(&line);
            raw = converter.raw;
            callout = converter.callout;
            comment = converter.comment;
            quoted = converter.quoted.take();
            closes = std::mem::take(&mut converter.closes);
            tabs = std::mem::take(&mut converter.tabs);
            if converter.opened_code {
                fence = Some("```".into());
                highlight = true;
            }
            out.push((number, converted));
        }
        self.lines = out;
    }

    /// Relative paths to files beside the post (`photo.png`, `./img/a.jpg`,
    /// `../assets/x.png`) point to where they are published: `/posts/<slug>/<path>`.
    /// Returns the files to publish, as (path under `posts/`, path under the post's folder).
    pub(super) fn resolve_relative_paths(&mut self, ctx: &Context<'_>) -> Vec<(String, String)> {
        let mut resources = Vec::new();
        for i in self.prose_lines() {
            let line = &mut self.lines[i].1;
            // Code shows URLs as written.
            *line =
                super::prose::outside_code(line, |text| rewrite_urls(ctx, text, &mut resources));
        }
        resources
    }
}

/// `text` with its relative URLs pointing where they are published, `http:` images over
/// `https:`, and links to post files at their posts' addresses; the files to publish with
/// the post are added to `resources`.
fn rewrite_urls(ctx: &Context<'_>, text: &str, resources: &mut Vec<(String, String)>) -> String {
    let mut rewritten = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((start, end)) = next_url(rest) {
        rewritten.push_str(&rest[..start]);
        let url = pelican_target(&rest[start..end]);
        // Pages forbid `http:` images (mixed content, and the content policy): the same
        // image over https is what the author meant.
        if is_image(&rest[..start]) {
            if let Some(host) = url.strip_prefix("http://") {
                rewritten.push_str("https://");
                rewritten.push_str(host);
                rest = &rest[end..];
                continue;
            }
        }
        if let Some(address) = post_address(ctx, url) {
            rewritten.push_str(&address);
        } else if let Some((source, published)) = local_file(ctx, url) {
            rewritten.push_str(&routes::post_file(ctx.slug, &published));
            if !resources.iter().any(|(s, _)| *s == source) {
                resources.push((source, published));
            }
        } else {
            rewritten.push_str(url);
        }
        rest = &rest[end..];
    }
    rewritten.push_str(rest);
    rewritten
}

/// A Pelican link target without its marker: `{filename}` and `|filename|` name a content
/// file (a post, resolved like any link to one: from the content folder when the path
/// starts with `/`), `{static}`, `|static|` and `{attach}` a file published as it is (under
/// `public/` here, or beside the post). <https://docs.getpelican.com/en/latest/content.html#linking-to-internal-content>
fn pelican_target(url: &str) -> &str {
    [
        "{filename}",
        "|filename|",
        "{static}",
        "|static|",
        "{attach}",
    ]
    .iter()
    .find_map(|marker| url.strip_prefix(marker))
    .unwrap_or(url)
}

/// Whether the URL that follows `before` is an image's: `![alt](` or `<img … src="`.
fn is_image(before: &str) -> bool {
    if let Some(text) = before.strip_suffix("](") {
        let open = text.rfind('[');
        return open.is_some_and(|i| before[..i].ends_with('!'));
    }
    let tag = before.rfind('<').map_or("", |i| &before[i..]);
    let starts = |name: &str| {
        tag.get(..name.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
    };
    starts("<img") || starts("<source")
}

/// The next URL in a line, as written in `](url)`, `]: url`, `src="url"` or `href="url"`:
/// its byte range.
fn next_url(text: &str) -> Option<(usize, usize)> {
    let candidates = ["](", "src=\"", "href=\"", "src='", "href='"];
    let (at, pattern) = candidates
        .iter()
        .filter_map(|p| text.find(p).map(|i| (i, *p)))
        .min_by_key(|(i, _)| *i)?;
    let start = at + pattern.len();
    let rest = &text[start..];
    let end = match pattern {
        "](" => rest.find([')', ' ']).unwrap_or(rest.len()),
        _ => rest.find(['"', '\'']).unwrap_or(rest.len()),
    };
    Some((start, start + end))
}

/// For a link to another post by its file (`other.md#part`, `../2021/x.md`, Zola's
/// `@/blog/x.md`), that post's address. `None` for anything else, or when no post has
/// that file (the link is left for `check` to report).
fn post_address(ctx: &Context<'_>, url: &str) -> Option<String> {
    if url.contains("://") || url.starts_with("mailto:") {
        return None;
    }
    let (path, fragment) = match url.find('#') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let zola = path.strip_prefix("@/");
    if zola.is_none() && !super::is_post_file(path) {
        return None;
    }
    let candidates: Vec<String> = match zola {
        // `@/` is Zola's content folder; posts usually sit in a section under it.
        Some(rest) => vec![
            rest.to_string(),
            rest.split_once('/').map_or(rest, |(_, r)| r).to_string(),
        ],
        None if path.starts_with('/') => vec![path.trim_start_matches('/').to_string()],
        None => {
            let mut parts: Vec<&str> = ctx.dir.split('/').filter(|p| !p.is_empty()).collect();
            for part in path.split('/') {
                match part {
                    "" | "." => {}
                    ".." => {
                        parts.pop();
                    }
                    p => parts.push(p),
                }
            }
            vec![parts.join("/")]
        }
    };
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    candidates
        .iter()
        .chain(std::iter::once(&name))
        .find_map(|key| ctx.slugs.get(key))
        .map(|slug| format!("{}{fragment}", routes::post(slug)))
}

/// For a relative URL naming a file under `posts/` (not a post), the file's path under
/// `posts/` and where it is published under the post's folder.
pub(super) fn local_file(ctx: &Context<'_>, url: &str) -> Option<(String, String)> {
    if url.is_empty()
        || url.starts_with(['/', '#', '?'])
        || url.contains(':')
        || super::is_post_file(url.split(['#', '?']).next().unwrap_or(url))
    {
        return None;
    }
    let path = url.split(['#', '?']).next()?;
    let mut parts: Vec<&str> = ctx.dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let source = parts.join("/");
    if !(ctx.exists)(&source) {
        return None;
    }
    // Inside a bundle, files keep their place in it; others are published by name.
    let published = match ctx.bundle {
        Some(bundle) if source.starts_with(&format!("{bundle}/")) => {
            source[bundle.len() + 1..].to_string()
        }
        _ => source.rsplit('/').next()?.to_string(),
    };
    Some((source, published))
}

/// How a shortcode is used, for [`Body::paired_shortcodes`].
pub(super) enum ShortcodeUse {
    /// Opened and closed within a line.
    Inline,
    /// Opening and closing lines, with lines between.
    Block,
    /// A lone opening line that nothing closes.
    Unclosed,
}

/// The first `{{< name … >}}` or `{{% name … %}}` in `text`: its byte range and arguments.
fn find_shortcode<'t>(text: &'t str, name: &str) -> Option<(usize, usize, &'t str)> {
    let mut from = 0;
    while let Some(found) = text[from..].find("{{") {
        let start = from + found;
        from = start + 2;
        let (open, close) = match text[start..].get(..3) {
            Some("{{<") => ("{{<", ">}}"),
            Some("{{%") => ("{{%", "%}}"),
            _ => continue,
        };
        let Some(len) = text[start + 3..].find(close) else {
            continue;
        };
        let inner = text[start + open.len()..start + 3 + len].trim();
        let Some(args) = inner.strip_prefix(name) else {
            continue;
        };
        if args.is_empty() || args.starts_with(char::is_whitespace) {
            return Some((start, start + 3 + len + close.len(), args.trim()));
        }
    }
    None
}

/// The first `{{< /name >}}` (or `{{% /name %}}`) in `text`: its byte range.
fn find_closing(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(found) = text[from..].find("{{") {
        let start = from + found;
        from = start + 2;
        let close = match text[start..].get(..3) {
            Some("{{<") => ">}}",
            Some("{{%") => "%}}",
            _ => continue,
        };
        let Some(len) = text[start + 3..].find(close) else {
            continue;
        };
        let end = start + 3 + len + close.len();
        if is_hugo_close(&text[start..end], name) {
            return Some((start, end));
        }
    }
    None
}

/// Whether a line is Hugo's closing `{{< /name >}}` (or `{{% /name %}}`).
fn is_hugo_close(line: &str, name: &str) -> bool {
    let inner = line
        .strip_prefix("{{<")
        .and_then(|l| l.strip_suffix(">}}"))
        .or_else(|| line.strip_prefix("{{%").and_then(|l| l.strip_suffix("%}}")));
    inner.is_some_and(|i| i.trim().strip_prefix('/').is_some_and(|n| n.trim() == name))
}

/// Removes Liquid's `{% raw %}` / `{% endraw %}` markers, returning whether a raw
/// section is still open at the end of the line.
fn strip_raw(line: &str, mut raw: bool) -> (String, bool) {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let marker = if raw { "endraw" } else { "raw" };
        match find_tag(rest, marker) {
            Some((start, end)) => {
                out.push_str(&rest[..start]);
                rest = &rest[end..];
                raw = !raw;
            }
            None => {
                out.push_str(rest);
                return (out, raw);
            }
        }
    }
}

/// The byte range of `{% name %}` (any spacing, `{%-` trim markers) in `text`.
fn find_tag(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("{%") {
        let start = from + i;
        let end = text[start + 2..].find("%}").map(|j| start + 2 + j + 2)?;
        let inner = text[start + 2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if inner == name {
            return Some((start, end));
        }
        from = start + 2;
    }
    None
}

/// Hugo's escaped shortcodes `{{</* x */>}}`, which print the shortcode itself.
fn unescape_hugo(line: &str) -> String {
    line.replace("{{</*", "{{<")
        .replace("*/>}}", ">}}")
        .replace("{{%/*", "{{%")
        .replace("*/%}}", "%}}")
}

/// Comma-separated arguments (Nunjucks and Liquid shortcodes in Eleventy), unquoted:
/// `"./a.png", "Alt, with a comma", [1, 2]` → `./a.png`, `Alt, with a comma`, `[1, 2]`.
fn comma_arguments(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut depth = 0i32;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                continue;
            }
            (None, '"' | '\'' | '`') => {
                quote = Some(c);
                continue;
            }
            (None, '[' | '(' | '{') => depth += 1,
            (None, ']' | ')' | '}') => depth -= 1,
            (None, ',') if depth <= 0 => {
                parts.push(std::mem::take(&mut current).trim().to_string());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current.trim().to_string());
    parts
}

/// Shortcode and tag arguments: `a1B2`, `src="x" alt='y'`, `id=123`, `"file.md"`.
fn arguments(text: &str) -> (Vec<String>, HashMap<String, String>) {
    let mut positional = Vec::new();
    let mut named = HashMap::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == ',') {
            chars.next();
        }
        let Some(&c) = chars.peek() else { break };
        let read_value = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| -> String {
            match chars.peek() {
                Some(&q @ ('"' | '\'' | '`')) => {
                    chars.next();
                    let mut v = String::new();
                    for c in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        v.push(c);
                    }
                    v
                }
                _ => {
                    let mut v = String::new();
                    while let Some(&c) = chars.peek() {
                        if c.is_whitespace() || c == ',' || c == ')' {
                            break;
                        }
                        v.push(c);
                        chars.next();
                    }
                    v
                }
            }
        };
        if c == '"' || c == '\'' || c == '`' {
            positional.push(read_value(&mut chars));
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == ',' || c == ')' {
                break;
            }
            word.push(c);
            chars.next();
        }
        if word.is_empty() {
            chars.next();
            continue;
        }
        if chars.peek() == Some(&'=') {
            chars.next();
            named.insert(word, read_value(&mut chars));
        } else {
            positional.push(word);
        }
    }
    (positional, named)
}

/// One line's conversion, with the state that carries across lines.
struct Converter<'c, 'n> {
    ctx: &'c Context<'c>,
    notes: &'n mut Vec<Note>,
    number: usize,
    /// Inside `{% raw %}`: template syntax is text.
    raw: bool,
    /// Inside a callout made from a theme's notice shortcode: lines are quoted.
    callout: bool,
    /// The line opened a code block (`highlight`): what follows is code until it closes.
    opened_code: bool,
    /// Inside Liquid's `{% comment %}`: nothing is shown.
    comment: bool,
    /// Inside Hexo's `{% blockquote %}`: whom it quotes, said under it.
    quoted: Option<String>,
    /// Open shortcodes whose closing writes something (`details`, `button`): each name
    /// and what its closing becomes, innermost last.
    closes: Vec<(String, String)>,
    /// The labels of the open tab set (Hextra names its tabs on `tabs`), in order, and
    /// the ones already used are taken off the front.
    tabs: Vec<String>,
}

/// Callout shortcodes of popular Hugo themes (Learn, Relearn, Docsy, Blowfish) and the
/// GitHub alert each becomes.
fn callout_kind(name: &str, kind: Option<&str>) -> Option<&'static str> {
    let kind = kind.unwrap_or(name).to_ascii_lowercase();
    if !matches!(
        name,
        "notice"
            | "alert"
            | "callout"
            | "admonition"
            | "hint"
            | "note"
            | "tip"
            | "warning"
            | "info"
            | "caution"
            | "important"
    ) {
        return None;
    }
    Some(super::admonitions::kind_of(&kind))
}

impl Converter<'_, '_> {
    fn note(&mut self, message: String) {
        self.notes.push(Note {
            line: Some(self.number),
            message,
        });
    }

    fn line(&mut self, line: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        loop {
            if self.comment {
                match find_tag(rest, "endcomment") {
                    Some((_, end)) => {
                        rest = &rest[end..];
                        self.comment = false;
                        continue;
                    }
                    None => break,
                }
            }
            if self.raw {
                match find_tag(rest, "endraw") {
                    Some((start, end)) => {
                        out.push_str(&rest[..start]);
                        rest = &rest[end..];
                        self.raw = false;
                        continue;
                    }
                    None => {
                        out.push_str(rest);
                        break;
                    }
                }
            }
            let next = ["{{<", "{{%", "{%", "{{"]
                .iter()
                .filter_map(|open| rest.find(open).map(|i| (i, *open)))
                .min_by_key(|(i, open)| (*i, std::cmp::Reverse(open.len())));
            let Some((start, open)) = next else {
                out.push_str(rest);
                break;
            };
            // A code span shows template syntax as written (only Liquid's raw markers,
            // which exist to protect it, are removed).
            if let Some(tick) = rest.find('`').filter(|&t| t < start) {
                let end = super::prose::code_span_end(rest, tick);
                out.push_str(&rest[..tick]);
                out.push_str(&unescape_hugo(&strip_raw(&rest[tick..end], false).0));
                rest = &rest[end..];
                continue;
            }
            let close = match open {
                "{{<" => ">}}",
                "{{%" => "%}}",
                "{%" => "%}",
                _ => "}}",
            };
            // The close is looked for after the opening (`{%}` is no tag).
            let Some(len) = rest[start + open.len()..].find(close) else {
                out.push_str(rest);
                break;
            };
            let end = start + open.len() + len + close.len();
            out.push_str(&rest[..start]);
            let inner = rest[start + open.len()..end - close.len()]
                .trim_matches(|c: char| c == '-' || c.is_whitespace());
            let replacement = match open {
                "{{<" | "{{%" => self.hugo(inner),
                "{%" => self.liquid(inner),
                _ => self.expression(inner),
            };
            out.push_str(&replacement);
            rest = &rest[end..];
        }
        if self.callout && !out.starts_with("> ") {
            let quoted = if out.trim().is_empty() {
                ">".to_string()
            } else {
                format!("> {out}")
            };
            return quoted;
        }
        out
    }

    /// A Hugo shortcode (`youtube ID`, `/notice`) or a Zola one (`youtube(id="…")`).
    fn hugo(&mut self, inner: &str) -> String {
        if let Some(name) = inner.strip_prefix('/') {
            let name = name.trim();
            if self.callout && callout_kind(name, None).is_some() {
                self.callout = false;
                return String::new();
            }
            if let Some(at) = self.closes.iter().rposition(|(open, _)| open == name) {
                let (_, close) = self.closes.remove(at);
                return close;
            }
            return match name {
                "highlight" => "```".to_string(),
                "tabs" | "tabpane" => {
                    self.tabs.clear();
                    String::new()
                }
                _ => String::new(),
            };
        }
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '(')
            .unwrap_or(inner.len());
        let name = &inner[..name_end];
        let args = inner[name_end..]
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')');
        self.shortcode(name, args, "shortcode")
    }

    /// A shortcode by name with its arguments, Hugo's and Zola's built-ins alike.
    fn shortcode(&mut self, name: &str, args: &str, what: &str) -> String {
        let (positional, named) = arguments(args);
        let arg = |key: &str, index: usize| {
            named
                .get(key)
                .cloned()
                .or_else(|| positional.get(index).cloned())
                .unwrap_or_default()
        };
        match name {
            "youtube" => link_card(
                "▶ Watch on YouTube",
                &format!("https://www.youtube.com/watch?v={}", arg("id", 0)),
            ),
            "vimeo" => link_card(
                "▶ Watch on Vimeo",
                &format!("https://vimeo.com/{}", arg("id", 0)),
            ),
            "x" | "tweet" | "twitter" => {
                let user = arg("user", 0);
                let id = arg("id", 1);
                link_card(
                    &format!("Post by @{user} on X"),
                    &format!("https://x.com/{user}/status/{id}"),
                )
            }
            "instagram" => link_card(
                "Post on Instagram",
                &format!("https://www.instagram.com/p/{}/", arg("id", 0)),
            ),
            "gist" => {
                let first = arg("user", 0);
                let url = named.get("url").cloned().unwrap_or_else(|| {
                    if first.contains('/') {
                        // Jekyll's and Hexo's `{% gist user/id [file] %}`: the file is one of
                        // the gist's, shown on its page.
                        format!("https://gist.github.com/{first}")
                    } else if positional.len() == 1 && named.is_empty() {
                        // Hexo's `{% gist id %}`: the gist's own address.
                        format!("https://gist.github.com/{first}")
                    } else {
                        format!("https://gist.github.com/{first}/{}", arg("id", 1))
                    }
                });
                link_card("Code on GitHub Gist", &url)
            }
            "figure" => {
                let src = arg("src", 0);
                let alt = named
                    .get("alt")
                    .or(named.get("title"))
                    .or(named.get("caption"))
                    .cloned()
                    .unwrap_or_default();
                let caption = named.get("caption").or(named.get("title")).cloned();
                let image = format!("![{}]({src})", escape_markdown(&alt));
                match caption {
                    // Markdown between HTML blocks, so the image path is resolved like
                    // any other and the caption sits under it.
                    Some(caption) => format!(
                        "<figure>\n\n{image}\n\n<figcaption>{}</figcaption>\n</figure>\n",
                        blog_core::html::escape(&caption)
                    ),
                    None => image,
                }
            }
            "highlight" => {
                self.opened_code = true;
                format!("```{}", arg("lang", 0))
            }
            "ref" | "relref" => self.post_link(&arg("path", 0)),
            "toc" => "[TOC]".to_string(),
            // Tab sets of hugo-book, Hextra, Docsy (`tabpane`) and Blowfish: each tab
            // shown under its label, one after another, as a page without script shows
            // them.
            "tabs" | "tabpane" => {
                self.tabs = named
                    .get("items")
                    .map(|items| items.split(',').map(|i| i.trim().to_string()).collect())
                    .unwrap_or_default();
                String::new()
            }
            "tab" => {
                let label = ["label", "header", "name", "title"]
                    .iter()
                    .find_map(|key| named.get(*key).cloned())
                    .or_else(|| positional.first().cloned())
                    .or_else(|| (!self.tabs.is_empty()).then(|| self.tabs.remove(0)))
                    .unwrap_or_default();
                if label.is_empty() {
                    String::new()
                } else {
                    format!("**{}**\n", escape_markdown(&label))
                }
            }
            // Hugo's own `details` (`summary`, `open`), hugo-book's (`"Title" open`) and
            // Hextra's (`title`, `closed`).
            "details" => {
                let summary = ["summary", "title"]
                    .iter()
                    .find_map(|key| named.get(*key).cloned())
                    .or_else(|| positional.first().cloned())
                    .unwrap_or_else(|| "Details".to_string());
                let open = positional.iter().any(|a| a == "open")
                    || named.get("open").is_some_and(|v| v == "true")
                    || named.get("closed").is_some_and(|v| v == "false");
                self.closes
                    .push((name.to_string(), "\n</details>".to_string()));
                format!(
                    "<details{}><summary>{}</summary>\n",
                    if open { " open" } else { "" },
                    blog_core::html::escape(&summary)
                )
            }
            // Blowfish's and Congo's `button`: a link around what it wraps.
            "button" => {
                let href = arg("href", usize::MAX);
                if href.is_empty() {
                    return String::new();
                }
                self.closes.push((name.to_string(), format!("]({href})")));
                "[".to_string()
            }
            // Theme shortcodes whose tags only style what they wrap (Blowfish `lead`,
            // `badge`, hugo-book `columns`), or only draw an icon.
            "lead" | "badge" | "columns" | "center" | "icon" => String::new(),
            _ => {
                if let Some(kind) = callout_kind(name, positional.first().map(String::as_str)) {
                    self.callout = true;
                    return format!("> [!{kind}]");
                }
                self.note(format!(
                    "{what} `{name}` is not known here: its tags are dropped and what it wraps is kept"
                ));
                String::new()
            }
        }
    }

    /// A Jekyll Liquid tag.
    fn liquid(&mut self, inner: &str) -> String {
        let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
        let (name, args) = (&inner[..name_end], inner[name_end..].trim());
        match name {
            "raw" => {
                self.raw = true;
                String::new()
            }
            "endraw" => String::new(),
            "highlight" => {
                self.opened_code = true;
                format!("```{}", args.split_whitespace().next().unwrap_or(""))
            }
            "endhighlight" | "endcodeblock" | "endcode" => "```".to_string(),
            "comment" => {
                self.comment = true;
                String::new()
            }
            // Hexo's tags: <https://hexo.io/docs/tag-plugins>.
            "codeblock" | "code" => {
                self.opened_code = true;
                let lang = args
                    .split_whitespace()
                    .find_map(|a| a.strip_prefix("lang:"))
                    .unwrap_or("");
                format!("```{lang}")
            }
            "blockquote" => {
                self.callout = true;
                // `author[, source] [link] [link title]`: who and where, as written.
                let words: Vec<&str> = args
                    .split_whitespace()
                    .take_while(|w| !w.contains("://"))
                    .collect();
                self.quoted = (!words.is_empty()).then(|| words.join(" "));
                String::new()
            }
            "endblockquote" => {
                self.callout = false;
                match self.quoted.take() {
                    Some(who) => format!(">\n> — {}", escape_markdown(&who)),
                    None => String::new(),
                }
            }
            "asset_img" | "img" => self.hexo_image(name, args),
            "asset_path" => self.hexo_asset(args.split_whitespace().next().unwrap_or("")),
            "asset_link" => {
                let (positional, _) = arguments(args);
                let file = positional.first().cloned().unwrap_or_default();
                let text = positional.get(1).cloned().unwrap_or_else(|| file.clone());
                format!("[{}]({})", escape_markdown(&text), self.hexo_asset(&file))
            }
            "post_link" => {
                let (positional, _) = arguments(args);
                let target = positional.first().cloned().unwrap_or_default();
                let address = self.post_link(&target);
                // `{% post_link slug Any number of words [escape] %}`: the words are the text.
                let words: Vec<&str> = positional.iter().skip(1).map(String::as_str).collect();
                let words = match words.split_last() {
                    Some((&("true" | "false"), rest)) => rest,
                    _ => &words[..],
                };
                // Without words Hexo shows the post's title.
                let title = || {
                    let slug = routes::post_slug(&address)?;
                    let title = self.ctx.titles.get(slug).cloned();
                    if title.is_none() {
                        self.ctx.wants_titles.set(true);
                    }
                    title
                };
                let text = if words.is_empty() {
                    title().unwrap_or(target)
                } else {
                    words.join(" ")
                };
                format!("[{}]({address})", escape_markdown(&text))
            }
            "youtube" | "vimeo" | "gist" => self.shortcode(name, args, "tag"),
            // Eleventy Image's shortcode: `{% image "./cat.jpg", "A cat", [300, 600] %}`.
            "image" => {
                let parts = comma_arguments(args);
                let src = parts.first().map_or("", String::as_str);
                let alt = parts.get(1).map_or("", String::as_str);
                format!("![{}]({src})", escape_markdown(alt))
            }
            "iframe" => {
                let url = args.split_whitespace().next().unwrap_or("");
                link_card("Open the embedded page", url)
            }
            // Hexo's `{% link text url %}`; Jekyll's `{% link path %}` has one argument.
            "link" if args.contains("://") => {
                let (positional, _) = arguments(args);
                match positional.iter().position(|a| a.contains("://")) {
                    Some(at) if at > 0 => format!(
                        "[{}]({})",
                        escape_markdown(&positional[..at].join(" ")),
                        positional[at]
                    ),
                    _ => self.post_link(args),
                }
            }
            "post_url" | "link" => self.post_link(args),
            "include" | "include_relative" => match self.theme_include(args) {
                Some(shown) => shown,
                None => {
                    self.note(format!(
                        "`{{% {name} {args} %}}` is dropped: includes are not carried over; paste what it showed into the post"
                    ));
                    String::new()
                }
            },
            // Zola's body shortcodes: `{% note() %}…{% end %}`.
            "end" => {
                if self.callout {
                    self.callout = false;
                }
                String::new()
            }
            _ if name.contains('(') || args.starts_with('(') => {
                let (name, args) = inner.split_once('(').unwrap_or((inner, ""));
                let name = name.trim();
                if let Some(kind) = callout_kind(name, None) {
                    self.callout = true;
                    return format!("> [!{kind}]");
                }
                self.shortcode(name, args.trim_end_matches(')'), "shortcode")
            }
            _ => {
                self.note(format!(
                    "template tag `{{% {inner} %}}` is dropped: Liquid is not run here"
                ));
                String::new()
            }
        }
    }

    /// What the common includes of Jekyll's themes show: a figure (Minimal Mistakes'
    /// `figure image_path= alt= caption=`, al-folio's `figure.liquid path=`, `image.html
    /// url= description=`), a video (`video id= provider=`, Chirpy's `embed/youtube.html
    /// id=`, `youtube.html id=`, a file's `video.liquid path=`) or the table of contents
    /// (`toc`). `None` for any other include.
    fn theme_include(&mut self, args: &str) -> Option<String> {
        let (positional, named) = arguments(args);
        let file = positional.first()?.to_ascii_lowercase();
        let name = file
            .rsplit('/')
            .next()
            .unwrap_or(&file)
            .trim_end_matches(".html")
            .trim_end_matches(".liquid");
        let value = |keys: &[&str]| keys.iter().find_map(|k| named.get(*k).cloned());
        let provider = value(&["provider"])
            .unwrap_or_default()
            .to_ascii_lowercase();
        let in_embed = file.starts_with("embed/");
        match name {
            "figure" | "image" | "img" => {
                // Themes put these through `relative_url`: a path is from the site root.
                let src = value(&["image_path", "path", "url", "src", "file"])?;
                let src = if src.contains("://") || src.starts_with('/') {
                    src
                } else {
                    format!("/{src}")
                };
                let mut args = format!("src=\"{src}\"");
                if let Some(alt) = value(&["alt", "description", "title"]) {
                    args.push_str(&format!(" alt=\"{}\"", alt.replace('"', "'")));
                }
                if let Some(caption) = value(&["caption", "description"]) {
                    args.push_str(&format!(" caption=\"{}\"", caption.replace('"', "'")));
                }
                Some(self.shortcode("figure", &args, "include"))
            }
            "youtube" | "vimeo" => {
                let id = value(&["id", "youtube_id", "video_id"])?;
                Some(self.shortcode(name, &id, "include"))
            }
            "video" if provider == "youtube" || provider == "vimeo" => {
                let id = value(&["id"])?;
                Some(self.shortcode(&provider, &id, "include"))
            }
            "video" | "audio" if in_embed || value(&["path", "src"]).is_some() => {
                let src = value(&["path", "src", "url"])?;
                Some(format!(
                    "<{name} src=\"{}\"></{name}>",
                    src.replace('"', "%22")
                ))
            }
            "toc" => Some("[TOC]".to_string()),
            // Minimal Mistakes' gallery: the pictures listed in the front matter (`gallery:`,
            // or the key `id=` names), each linked to its full size, and a caption.
            "gallery" => {
                let key = value(&["id"]).unwrap_or_else(|| "gallery".to_string());
                let Some(blog_core::yaml::Node {
                    value: blog_core::yaml::Value::Seq(items),
                    ..
                }) = self.ctx.front_matter.get(&key)
                else {
                    return None;
                };
                let text = super::first_text;
                let site_path = |p: String| {
                    if p.contains("://") || p.starts_with('/') {
                        p
                    } else {
                        format!("/{p}")
                    }
                };
                let mut out = String::from("<figure>\n\n");
                for item in items {
                    let Some(src) = text(item, &["image_path", "url", "src"]) else {
                        continue;
                    };
                    let alt = text(item, &["alt", "title"]).unwrap_or_default();
                    let image = format!("![{}]({})", escape_markdown(&alt), site_path(src));
                    match text(item, &["url"]).filter(|_| text(item, &["image_path"]).is_some()) {
                        Some(full) => out.push_str(&format!("[{image}]({}) ", site_path(full))),
                        None => out.push_str(&format!("{image} ")),
                    }
                }
                out.push_str("\n\n");
                if let Some(caption) = value(&["caption"]) {
                    out.push_str(&format!(
                        "<figcaption>{}</figcaption>\n",
                        blog_core::html::escape(&caption)
                    ));
                }
                out.push_str("</figure>\n");
                Some(out)
            }
            _ => None,
        }
    }

    /// A file of the post's Hexo asset folder (`<post file name>/<file>`), as a path
    /// relative to the post, which publishing resolves and ships with it.
    fn hexo_asset(&self, file: &str) -> String {
        let file = file.trim_matches(['"', '\'']);
        if file.contains("://") || file.starts_with('/') {
            return file.to_string();
        }
        format!("{}/{file}", self.ctx.stem).replace(' ', "%20")
    }

    /// Hexo's `{% asset_img [classes] file [width] [height] ["title" ["alt"]] %}` and
    /// `{% img [classes] path [width] [height] ["title" ["alt"]] %}` as an image (an `<img>`
    /// when sized).
    fn hexo_image(&mut self, name: &str, args: &str) -> String {
        let (positional, _) = arguments(args);
        let Some(at) = positional
            .iter()
            .position(|a| a.contains('.') || a.starts_with('/') || a.contains("://"))
        else {
            self.note(format!(
                "`{{% {name} {args} %}}` names no image: it is dropped"
            ));
            return String::new();
        };
        let file = &positional[at];
        let src = if name == "asset_img" {
            self.hexo_asset(file)
        } else {
            file.clone()
        };
        let rest = &positional[at + 1..];
        let sizes: Vec<&String> = rest
            .iter()
            .take_while(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        let words: Vec<&str> = rest.iter().skip(sizes.len()).map(String::as_str).collect();
        // Quoted, the last words are the title and then the alt text; unquoted, every word
        // is the title (Hexo's pattern). Without its own alt the title describes the image.
        // Unquoted, the words as written after the file and its sizes (commas and all).
        let after_file = args
            .find(file.as_str())
            .map_or("", |at| &args[at + file.len()..]);
        let quoted = after_file.contains(['"', '\'']);
        let mut written = after_file.trim_start();
        for size in &sizes {
            written = written
                .strip_prefix(size.as_str())
                .unwrap_or(written)
                .trim_start();
        }
        let joined = written.trim().to_string();
        let alt = match words.as_slice() {
            [_, alt, ..] if quoted => *alt,
            [title, ..] if quoted => *title,
            _ => joined.as_str(),
        };
        if sizes.is_empty() {
            return format!("![{}]({src})", escape_markdown(alt));
        }
        let mut html = format!(
            "<img src=\"{}\" alt=\"{}\" width=\"{}\"",
            src.replace('"', "%22"),
            blog_core::html::escape(alt),
            sizes[0]
        );
        if let Some(height) = sizes.get(1) {
            html.push_str(&format!(" height=\"{height}\""));
        }
        html.push('>');
        html
    }

    /// A `{{ … }}` expression: Jekyll's site variables and URL filters, or a Zola
    /// shortcode call.
    fn expression(&mut self, inner: &str) -> String {
        if let Some((name, args)) = inner.split_once('(') {
            let name = name.trim();
            if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return self.shortcode(name, args.trim_end().trim_end_matches(')'), "shortcode");
            }
        }
        let mut parts = inner.split('|').map(str::trim);
        let value = parts.next().unwrap_or("");
        let filters: Vec<&str> = parts.collect();
        // The post's own front matter, as Jekyll (`page.title`) and VitePress
        // (`$frontmatter.title`) print it.
        let own = value
            .strip_prefix("page.")
            .or_else(|| value.strip_prefix("$frontmatter."))
            .or_else(|| value.strip_prefix("frontmatter."));
        if let Some(key) = own.filter(|_| filters.is_empty()) {
            if let Some(blog_core::yaml::Node {
                value: blog_core::yaml::Value::Scalar(text),
                ..
            }) = self.ctx.front_matter.get(key)
            {
                return escape_markdown(text);
            }
        }
        match value {
            "site.baseurl" | "site.url" | "site.github.url" => String::new(),
            // Jekyll's `relative_url`, Eleventy's `url` and `htmlBaseUrl`: the site path.
            _ if filters.iter().any(|f| {
                let name = f.split([':', ' ', '(']).next().unwrap_or("");
                matches!(
                    name,
                    "relative_url" | "absolute_url" | "prepend" | "url" | "htmlBaseUrl"
                )
            }) =>
            {
                value.trim_matches(['"', '\'']).to_string()
            }
            _ => {
                self.note(format!(
                    "template expression `{{{{ {inner} }}}}` is dropped: Liquid is not run here"
                ));
                String::new()
            }
        }
    }

    /// The address of a post named by its file (`ref "x.md"`, `post_url 2021-05-04-x`,
    /// `link _posts/x.md`), or the path as written with a note when no post has it.
    fn post_link(&mut self, target: &str) -> String {
        let target = target.trim().trim_matches(['"', '\'']);
        let (path, fragment) = match target.find('#') {
            Some(i) => (&target[..i], &target[i..]),
            None => (target, ""),
        };
        let name = path.rsplit('/').next().unwrap_or(path);
        let found = [
            path.trim_start_matches('/').to_string(),
            name.to_string(),
            format!("{name}.md"),
            format!("{name}.markdown"),
        ]
        .iter()
        .find_map(|key| self.ctx.slugs.get(key).cloned());
        match found {
            Some(slug) => format!("{}{fragment}", routes::post(&slug)),
            None => {
                self.note(format!("link to \"{target}\" names no post in posts/"));
                format!("{path}{fragment}")
            }
        }
    }
}

/// A link to embedded media in its own paragraph: what a reader can open, without loading
/// a third party's player into the page (the content policy allows none).
fn link_card(label: &str, url: &str) -> String {
    format!("[{label}]({url})")
}

/// Text made safe inside Markdown link text or emphasis.
pub(super) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '*' | '_' | '\\' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `line` underlines a level-one setext heading (`===`).
fn is_setext_one(line: &str) -> bool {
    let line = line.trim_end();
    let marks = line.trim_start_matches(' ');
    line.len() - marks.len() < 4 && !marks.is_empty() && marks.bytes().all(|b| b == b'=')
}
