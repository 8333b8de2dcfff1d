//! The search index the build writes: a small `meta.json`, term shards the browser fetches
//! only for the words it is asked about, and chunks of post entries for showing results.
//!
//! Layout under `posts/search/`:
//! - `meta.json`: [`SearchMeta`], fetched when search is first opened;
//! - `t<hash>.txt`: term shards, one line per term: `term<TAB>doc value doc value…`
//!   with doc numbers delta-coded, terms in byte order and each shard about [`SHARD_BYTES`];
//! - `d<hash>.json`: post entries [`DOC_CHUNK`] at a time, in index order.
//!
//! Each file is named by a hash of its own content, so a deploy never mixes shards of two
//! builds, every file but `meta.json` can be cached forever, and a rebuild after one post
//! changed writes only the shards of its words (`blogtool serve`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::text::{for_each_token, Kind};
use crate::post::PostMeta;

/// Target size of a term shard before compression. Larger shards mean fewer requests for a
/// long query, smaller ones fewer bytes for a short one.
pub const SHARD_BYTES: usize = 32 * 1024;

/// Post entries per chunk: a result page of ten fetches at most ten small chunks.
pub const DOC_CHUNK: usize = 20;

/// Format version of the files, checked by the reader.
pub const VERSION: u32 = 2;

/// How much a term counts in each field: a word in the title says more about a post than the
/// same word somewhere in its body.
const WEIGHTS: [u32; 4] = [8, 5, 2, 1];

/// What the browser reads first: how to find the shard for a term and the entry for a post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchMeta {
    /// Format version ([`VERSION`]).
    pub version: u32,
    /// Number of posts indexed.
    pub docs: u32,
    /// Post entries per chunk file.
    pub chunk: u32,
    /// The first term of each shard, in order: shard `i` holds the terms from `shards[i]` up
    /// to, not including, `shards[i + 1]`.
    pub shards: Vec<String>,
    /// Each shard's name: a hash of its content (12 hex digits).
    pub shard_files: Vec<String>,
    /// Each chunk's name, likewise.
    pub chunk_files: Vec<String>,
}

impl SearchMeta {
    /// Path (under `posts/search/`) of term shard `i`.
    pub fn shard_path(&self, i: usize) -> String {
        format!(
            "t{}.txt",
            self.shard_files.get(i).map_or("", String::as_str)
        )
    }

    /// Path (under `posts/search/`) of the chunk holding post `doc`, and its position there.
    pub fn doc_path(&self, doc: u32) -> (String, usize) {
        let chunk = self.chunk.max(1);
        let file = self.chunk_files.get((doc / chunk) as usize);
        (
            format!("d{}.json", file.map_or("", String::as_str)),
            (doc % chunk) as usize,
        )
    }

    /// The shard that holds `term`, if the index has any shard.
    pub fn shard_of(&self, term: &str) -> Option<usize> {
        if self.shards.is_empty() {
            return None;
        }
        let after = self.shards.partition_point(|first| first.as_str() <= term);
        Some(after.saturating_sub(1))
    }

    /// The shards holding terms that start with `prefix`: the one `prefix` falls in and every
    /// following one whose first term still starts with it.
    pub fn shards_with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let Some(first) = self.shard_of(prefix) else {
            return 0..0;
        };
        let mut end = first + 1;
        while end < self.shards.len() && self.shards[end].starts_with(prefix) {
            end += 1;
        }
        first..end
    }
}

/// One posting: a post and how well a term describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    /// The post's number in the index.
    pub doc: u32,
    /// BM25 weight of the term in the post, times 100 (1–255).
    pub weight: u8,
    /// Whether the term is in the post's title.
    pub in_title: bool,
}

impl Posting {
    fn encoded(self) -> u32 {
        (u32::from(self.weight) << 1) | u32::from(self.in_title)
    }

    fn decode(doc: u32, value: u32) -> Posting {
        Posting {
            doc,
            weight: u8::try_from(value >> 1).unwrap_or(u8::MAX),
            in_title: value & 1 == 1,
        }
    }
}

/// Term counts of one post, per field (title, tags, description, body).
type Counts = HashMap<String, [u16; 4]>;

/// One post's entry with its terms counted per field, ready for [`IndexBuilder::add_counted`].
#[derive(Clone, Debug)]
pub struct Counted {
    meta: PostMeta,
    /// Shared: a kept count is cloned for every build that reuses it (`blogtool serve`).
    counts: std::sync::Arc<Counts>,
    length: u32,
}

impl Counted {
    /// Counts the terms of a post's title, tags, description and body text (as the reader
    /// sees it); its length is its number of terms, at least 1.
    pub fn new(meta: &PostMeta, body_text: &str) -> Counted {
        let mut counts = Counts::new();
        let mut length = 0u32;
        let tags = meta.tags.join(" ");
        for (field, text) in [&meta.title, &tags, &meta.description, body_text]
            .into_iter()
            .enumerate()
        {
            for_each_token(text, |term, _, kind| {
                // Single CJK characters inside a run are only looked up by a one-character
                // query; counting them in the length would weigh CJK posts down twice.
                if !matches!(kind, Kind::Unigram { alone: false }) {
                    length += 1;
                }
                // Most tokens repeat a term already counted: no new key for them.
                let slot = match counts.get_mut(term) {
                    Some(slot) => slot,
                    None => counts.entry(term.to_string()).or_default(),
                };
                slot[field] = slot[field].saturating_add(1);
            });
        }
        Counted {
            meta: meta.clone(),
            counts: std::sync::Arc::new(counts),
            length: length.max(1),
        }
    }
}

/// Collects posts, then writes the index files.
#[derive(Default)]
pub struct IndexBuilder {
    docs: Vec<PostMeta>,
    counts: Vec<(std::sync::Arc<Counts>, u32)>,
}

/// The files of a built index: paths under `posts/search/` and their contents.
pub struct IndexFiles {
    /// What `meta.json` holds.
    pub meta: SearchMeta,
    /// Every other file.
    pub files: Vec<(String, String)>,
}

impl IndexBuilder {
    /// An empty index.
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// Adds a post: its entry (shown in results) and the text of its body as the reader
    /// sees it. Posts are numbered in the order they are added.
    pub fn add(&mut self, meta: &PostMeta, body_text: &str) {
        self.add_counted(Counted::new(meta, body_text));
    }

    /// Adds a post whose terms were counted already ([`Counted::new`], which needs no
    /// builder: a large blog's posts are counted on every core, then added in order).
    pub fn add_counted(&mut self, counted: Counted) {
        self.docs.push(counted.meta);
        self.counts.push((counted.counts, counted.length));
    }

    /// Writes the index: BM25 weights (k1 = 1.2, b = 0.75) over the fields' weighted counts.
    pub fn finish(self) -> IndexFiles {
        const K1: f64 = 1.2;
        const B: f64 = 0.75;
        let total: f64 = self.counts.iter().map(|(_, l)| f64::from(*l)).sum();
        let average = (total / self.counts.len().max(1) as f64).max(1.0);
        let mut postings: HashMap<&str, Vec<Posting>> = HashMap::new();
        for (doc, (counts, length)) in self.counts.iter().enumerate() {
            let norm = K1 * (1.0 - B + B * f64::from(*length) / average);
            for (term, per_field) in counts.iter() {
                let tf: u32 = per_field
                    .iter()
                    .zip(WEIGHTS)
                    .map(|(n, w)| u32::from(*n) * w)
                    .sum();
                let tf = f64::from(tf);
                let score = tf * (K1 + 1.0) / (tf + norm);
                postings.entry(term.as_str()).or_default().push(Posting {
                    doc: doc as u32,
                    weight: (score * 100.0).round().clamp(1.0, 255.0) as u8,
                    in_title: per_field[0] > 0,
                });
            }
        }
        let mut terms: Vec<(&str, Vec<Posting>)> = postings.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(b.0));

        let mut shards: Vec<(String, String)> = Vec::new();
        for (term, list) in terms {
            let line = encode_line(term, &list);
            match shards.last_mut() {
                Some((_, text)) if text.len() + line.len() <= SHARD_BYTES => text.push_str(&line),
                _ => shards.push((term.to_string(), line)),
            }
        }
        let chunks: Vec<String> = self
            .docs
            .chunks(DOC_CHUNK)
            .map(|chunk| serde_json::to_string(chunk).unwrap_or_else(|_| "[]".into()))
            .collect();

        let name = |text: &String| {
            let mut hash = Fnv::new();
            hash.write(text.as_bytes());
            format!("{:012x}", hash.0 & 0xffff_ffff_ffff)
        };
        let meta = SearchMeta {
            version: VERSION,
            docs: self.docs.len() as u32,
            chunk: DOC_CHUNK as u32,
            shards: shards.iter().map(|s| s.0.clone()).collect(),
            shard_files: shards.iter().map(|s| name(&s.1)).collect(),
            chunk_files: chunks.iter().map(name).collect(),
        };
        let mut files = Vec::with_capacity(shards.len() + chunks.len());
        for (i, (_, text)) in shards.into_iter().enumerate() {
            files.push((meta.shard_path(i), text));
        }
        for (i, text) in chunks.into_iter().enumerate() {
            files.push((meta.doc_path((i * DOC_CHUNK) as u32).0, text));
        }
        IndexFiles { meta, files }
    }
}

/// `term<TAB>doc value doc value…\n`, doc numbers as differences from the previous one.
fn encode_line(term: &str, postings: &[Posting]) -> String {
    use std::fmt::Write;
    let mut line = String::with_capacity(term.len() + postings.len() * 6);
    line.push_str(term);
    line.push('\t');
    let mut previous = 0;
    for (i, p) in postings.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        let _ = write!(line, "{} {}", p.doc - previous, p.encoded());
        previous = p.doc;
    }
    line.push('\n');
    line
}

/// A term shard as fetched: its lines, decoded on demand.
#[derive(Clone, Debug, Default)]
pub struct Shard {
    lines: Vec<(String, String)>,
}

impl Shard {
    /// Reads a shard's text. Lines that are not `term<TAB>numbers` make it invalid: a host
    /// that answers with an HTML page must not look like an empty index.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let mut lines = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let (term, numbers) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {} of a search shard is not an index entry", n + 1))?;
            lines.push((term.to_string(), numbers.to_string()));
        }
        Ok(Shard { lines })
    }

    /// The postings of exactly `term`.
    pub fn get(&self, term: &str) -> Option<Vec<Posting>> {
        let i = self
            .lines
            .binary_search_by(|(t, _)| t.as_str().cmp(term))
            .ok()?;
        Some(decode_postings(&self.lines[i].1))
    }

    /// Every term in the shard starting with `prefix`, with its postings.
    pub fn with_prefix<'s>(
        &'s self,
        prefix: &'s str,
    ) -> impl Iterator<Item = (&'s str, Vec<Posting>)> + 's {
        let start = self.lines.partition_point(|(t, _)| t.as_str() < prefix);
        self.lines[start..]
            .iter()
            .take_while(move |(t, _)| t.starts_with(prefix))
            .map(|(t, p)| (t.as_str(), decode_postings(p)))
    }
}

/// Decodes `doc value doc value…`; stops at the first number that does not read.
fn decode_postings(numbers: &str) -> Vec<Posting> {
    let mut out = Vec::new();
    let mut doc = 0u32;
    let mut parts = numbers.split(' ');
    while let (Some(delta), Some(value)) = (parts.next(), parts.next()) {
        let (Ok(delta), Ok(value)) = (delta.parse::<u32>(), value.parse::<u32>()) else {
            break;
        };
        doc = doc.saturating_add(delta);
        out.push(Posting::decode(doc, value));
    }
    out
}

/// FNV-1a: a content fingerprint for the build folder's name, not a security measure.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
