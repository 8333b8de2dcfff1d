//! Answering a query from loaded shards: which terms to look up, how posts rank, and the
//! highlighted snippets shown under each result.

use std::collections::HashMap;

use super::index::{Posting, SearchMeta, Shard};
use super::text::{for_each_token, Kind};

/// Most words of a query that are looked up; the rest are ignored.
pub const MAX_QUERY_TERMS: usize = 8;

/// Most index terms one typed prefix may stand for (`re` → `read`, `rust`, `render`…).
pub const MAX_EXPANSIONS: usize = 64;

/// Most shards one prefix may load: a one-letter prefix of a large blog would otherwise
/// fetch a good part of the index.
pub const MAX_PREFIX_SHARDS: usize = 3;

/// A term to look up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryTerm {
    /// Folded text.
    pub text: String,
    /// Whether index terms that merely start with it match too (the word being typed).
    pub prefix: bool,
}

/// The terms of a query. Every term must match. The last word is a prefix while it is being
/// typed (the query does not end in a space) and has at least two characters.
pub fn parse_query(query: &str) -> Vec<QueryTerm> {
    let mut terms: Vec<QueryTerm> = Vec::new();
    let mut last_word = None;
    for_each_token(query, |term, span, kind| {
        let wanted = match kind {
            Kind::Word | Kind::Bigram | Kind::Unigram { alone: true } => true,
            // A CJK run is looked up by its pairs; its single characters only when alone.
            Kind::Unigram { alone: false } => false,
        };
        if wanted && !terms.iter().any(|t| t.text == term) {
            if kind == Kind::Word {
                last_word = Some((terms.len(), span.end));
            } else {
                last_word = None;
            }
            terms.push(QueryTerm {
                text: term.to_string(),
                prefix: false,
            });
        }
    });
    if let Some((i, end)) = last_word {
        if end == query.len() && i + 1 == terms.len() && terms[i].text.chars().count() >= 2 {
            terms[i].prefix = true;
        }
    }
    terms.truncate(MAX_QUERY_TERMS);
    terms
}

/// The shards needed to answer `terms`.
pub fn shards_needed(meta: &SearchMeta, terms: &[QueryTerm]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for term in terms {
        if term.prefix {
            out.extend(meta.shards_with_prefix(&term.text).take(MAX_PREFIX_SHARDS));
        } else {
            out.extend(meta.shard_of(&term.text));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A matching post.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The post's number in the index.
    pub doc: u32,
    /// How many query terms are in its title.
    pub title_matches: u32,
    /// Sum over the terms of BM25 weight × rarity.
    pub score: f64,
}

/// The posts matching every term, best first: more query terms in the title first, then by
/// score, then newer first (lower numbers are newer). `shard` gives a loaded shard; a term
/// whose shard is missing matches nothing.
pub fn evaluate<'s>(
    meta: &SearchMeta,
    terms: &[QueryTerm],
    shard: impl Fn(usize) -> Option<&'s Shard>,
) -> Vec<Hit> {
    if terms.is_empty() {
        return Vec::new();
    }
    let docs = f64::from(meta.docs.max(1));
    let idf = |df: usize| {
        let df = df as f64;
        (1.0 + (docs - df + 0.5) / (df + 0.5)).ln()
    };
    let mut found: HashMap<u32, (u32, f64, usize)> = HashMap::new();
    for (n, term) in terms.iter().enumerate() {
        // The best (title, score) of this term per post: a prefix matches several terms.
        let mut best: HashMap<u32, (bool, f64)> = HashMap::new();
        let mut add = |postings: Vec<Posting>| {
            let rarity = idf(postings.len());
            for p in postings {
                let score = rarity * f64::from(p.weight) / 100.0;
                let entry = best.entry(p.doc).or_insert((false, 0.0));
                entry.0 |= p.in_title;
                entry.1 = entry.1.max(score);
            }
        };
        if term.prefix {
            let mut expansions: Vec<(String, Vec<Posting>)> = Vec::new();
            for i in meta.shards_with_prefix(&term.text).take(MAX_PREFIX_SHARDS) {
                if let Some(s) = shard(i) {
                    expansions.extend(s.with_prefix(&term.text).map(|(t, p)| (t.to_string(), p)));
                }
            }
            // The exact word first, then the commonest completions.
            expansions.sort_by_key(|(t, p)| (*t != term.text, std::cmp::Reverse(p.len())));
            for (_, postings) in expansions.into_iter().take(MAX_EXPANSIONS) {
                add(postings);
            }
        } else if let Some(postings) = meta
            .shard_of(&term.text)
            .and_then(&shard)
            .and_then(|s| s.get(&term.text))
        {
            add(postings);
        }
        for (doc, (in_title, score)) in best {
            let entry = found.entry(doc).or_insert((0, 0.0, 0));
            // Only posts that matched every earlier term stay in the running.
            if entry.2 == n {
                entry.0 += u32::from(in_title);
                entry.1 += score;
                entry.2 += 1;
            }
        }
    }
    let mut hits: Vec<Hit> = found
        .into_iter()
        .filter(|(_, (_, _, matched))| *matched == terms.len())
        .map(|(doc, (title_matches, score, _))| Hit {
            doc,
            title_matches,
            score,
        })
        .collect();
    hits.sort_by(|a, b| {
        b.title_matches
            .cmp(&a.title_matches)
            .then(b.score.total_cmp(&a.score))
            .then(a.doc.cmp(&b.doc))
    });
    hits
}

/// A piece of shown text, marked when it matched the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The text, as written.
    pub text: String,
    /// Whether it is a match to highlight.
    pub mark: bool,
}

/// Byte ranges of `text` that match a query term, merged where they touch.
fn matches(text: &str, terms: &[QueryTerm]) -> Vec<std::ops::Range<usize>> {
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    for_each_token(text, |term, span, _| {
        let hit = terms
            .iter()
            .any(|q| q.text == term || (q.prefix && term.starts_with(q.text.as_str())));
        if hit {
            match spans.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => spans.push(span),
            }
        }
    });
    spans
}

/// `text` cut into pieces, the parts matching the query marked.
pub fn highlight(text: &str, terms: &[QueryTerm]) -> Vec<Piece> {
    pieces(text, 0..text.len(), &matches(text, terms))
}

fn pieces(
    text: &str,
    window: std::ops::Range<usize>,
    spans: &[std::ops::Range<usize>],
) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = window.start;
    for span in spans {
        let (start, end) = (span.start.max(at), span.end.min(window.end));
        if start >= end {
            continue;
        }
        if start > at {
            out.push(Piece {
                text: text[at..start].to_string(),
                mark: false,
            });
        }
        out.push(Piece {
            text: text[start..end].to_string(),
            mark: true,
        });
        at = end;
    }
    if at < window.end {
        out.push(Piece {
            text: text[at..window.end].to_string(),
            mark: false,
        });
    }
    out
}

/// About `max_bytes` of `text` around the place where most query terms occur close together,
/// matches marked and `…` where text was cut; `None` when nothing in `text` matches.
pub fn snippet(text: &str, terms: &[QueryTerm], max_bytes: usize) -> Option<Vec<Piece>> {
    let spans = matches(text, terms);
    let first = spans.first()?;
    // The window starting at the match that has the most other matches after it.
    let mut best = (0, first.start);
    for (i, span) in spans.iter().enumerate() {
        let count = spans[i..]
            .iter()
            .take_while(|s| s.end <= span.start + max_bytes * 2 / 3)
            .count();
        if count > best.0 {
            best = (count, span.start);
        }
    }
    // Some words of context before the match, starting at a word.
    let mut start = floor_boundary(text, best.1.saturating_sub(max_bytes / 4));
    if start > 0 {
        if let Some(space) = text[start..best.1].find(' ') {
            start += space + 1;
        }
    }
    let mut end = floor_boundary(text, (start + max_bytes).min(text.len()));
    if end < text.len() {
        if let Some(space) = text[best.1..end].rfind(' ') {
            end = best.1 + space;
        }
    }
    let mut out = pieces(text, start..end, &spans);
    if start > 0 {
        out.insert(
            0,
            Piece {
                text: "…".into(),
                mark: false,
            },
        );
    }
    if end < text.len() {
        out.push(Piece {
            text: "…".into(),
            mark: false,
        });
    }
    Some(out)
}

/// The largest char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The text a reader sees in a post's HTML, as one line: tags dropped, entities decoded,
/// block ends turned into spaces, and the copy buttons of code blocks left out.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut in_button = false;
    while let Some(lt) = rest.find('<') {
        if !in_button {
            push_text(&mut out, &rest[..lt]);
        }
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[..gt];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name == "button" {
            in_button = !closing;
        }
        if matches!(
            name.as_str(),
            "p" | "br"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "pre"
                | "div"
                | "td"
                | "th"
                | "tr"
                | "blockquote"
                | "figcaption"
                | "hr"
                | "dt"
                | "dd"
        ) && !out.ends_with(' ')
        {
            out.push(' ');
        }
        rest = &after[gt + 1..];
    }
    if !in_button {
        push_text(&mut out, rest);
    }
    out.trim().to_string()
}

/// Appends HTML text with entities decoded and runs of white space made single spaces.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while !rest.is_empty() {
        let (c, len) = if rest.starts_with('&') {
            crate::html::decode_entity(rest).unwrap_or(('&', 1))
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        rest = &rest[len..];
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}
