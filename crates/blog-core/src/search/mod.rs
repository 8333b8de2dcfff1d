//! Full-text search: the build writes a sharded index of every post ([`index`]), the browser
//! loads the shards a query needs and ranks posts with [`query`], both reading words the same
//! way ([`text`]).

pub mod index;
pub mod query;
pub mod text;

use crate::index::PostIndex;
use crate::post::{Post, PostMeta};

pub use index::{Counted, IndexBuilder, IndexFiles, SearchMeta, Shard};
pub use query::{
    evaluate, highlight, html_text, parse_query, shards_needed, snippet, Hit, Piece, QueryTerm,
};

/// Indexes the published posts of the post index `manifest`, whose rendered bodies are
/// `posts` (in the index's order, as [`PostIndex::build_rendered_with`] returns them): the body
/// as the reader sees it (Markdown rendered, mojibake repaired), so a snippet computed in
/// the browser from the same HTML finds the same words.
///
/// # Panics
/// If `posts` is not as long as the index's list (a caller's mistake, not input).
pub fn index_posts(manifest: &PostIndex, posts: &[Post]) -> IndexFiles {
    index_posts_with(manifest, posts, &count_terms, Vec::new())
}

/// A post's terms counted for the search index: its entry, and its body as the reader
/// sees it.
pub fn count_terms(meta: &PostMeta, post: &Post) -> Counted {
    Counted::new(meta, &html_text(&post.html))
}

/// [`index_posts`] with each post's terms counted by `count`, which must give what
/// [`count_terms`] does (`blogtool serve` keeps the counts of posts that did not change),
/// and the blog's pages after the posts, counted already (each entry's slug the page's
/// address: [`crate::routes::entry`]).
///
/// # Panics
/// If `posts` is not as long as the index's list (a caller's mistake, not input).
pub fn index_posts_with(
    manifest: &PostIndex,
    posts: &[Post],
    count: &(dyn Fn(&PostMeta, &Post) -> Counted + Sync),
    pages: Vec<Counted>,
) -> IndexFiles {
    assert_eq!(
        manifest.posts.len(),
        posts.len(),
        "one rendered post per entry"
    );
    // Each post's terms are counted on its own: natively (publishing a whole blog) on every
    // core, in order.
    let count = |(meta, post): (&PostMeta, &Post)| count(meta, post);
    #[cfg(not(target_arch = "wasm32"))]
    let counted: Vec<Counted> = {
        use rayon::prelude::*;
        manifest.posts.par_iter().zip(posts).map(count).collect()
    };
    #[cfg(target_arch = "wasm32")]
    let counted: Vec<Counted> = manifest.posts.iter().zip(posts).map(count).collect();
    let mut builder = IndexBuilder::new();
    for post in counted.into_iter().chain(pages) {
        builder.add_counted(post);
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PostDate;
    use crate::post::PostMeta;

    fn meta(slug: &str, title: &str, tags: &[&str], description: &str) -> PostMeta {
        PostMeta {
            slug: slug.into(),
            file: format!("{slug}.md"),
            title: title.into(),
            date: PostDate::parse("2025-01-01").unwrap(),
            updated: None,
            description: description.into(),
            image: None,
            authors: Vec::new(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            reading_minutes: 1,
            draft: false,
            scheduled: false,
            image_alt: None,
            image_caption: None,
            og_image: None,
            expires: None,
            aliases: Vec::new(),
            lang: None,
            translations: Vec::new(),
            featured: false,
            toc: None,
            categories: Vec::new(),
            series: None,
        }
    }

    /// Builds an index of `posts` and answers `query` with the slugs of the hits, in order.
    fn search(posts: &[(PostMeta, &str)], query: &str) -> Vec<String> {
        let mut builder = IndexBuilder::new();
        for (meta, body) in posts {
            builder.add(meta, body);
        }
        let built = builder.finish();
        let shards: Vec<Shard> = built
            .files
            .iter()
            .filter(|(path, _)| path.ends_with(".txt"))
            .map(|(_, text)| Shard::parse(text).unwrap())
            .collect();
        let terms = parse_query(query);
        let hits = evaluate(&built.meta, &terms, |i| shards.get(i));
        hits.into_iter()
            .map(|h| posts[h.doc as usize].0.slug.clone())
            .collect()
    }

    fn corpus() -> Vec<(PostMeta, &'static str)> {
        vec![
            (
                meta(
                    "rust-wasm",
                    "Rust and WebAssembly",
                    &["rust"],
                    "Compiling to wasm.",
                ),
                "We compile Rust to WebAssembly and ship it to the browser.",
            ),
            (
                meta("cv", "Writing a résumé", &["career"], "How to write a CV."),
                "A good résumé is short. Mention Rust if you know it.",
            ),
            (
                meta("tokyo", "東京の旅", &["travel"], "日本への旅行"),
                "東京大学の近くでラーメンを食べました。",
            ),
            (
                meta(
                    "python",
                    "Python backends",
                    &["python"],
                    "Django and FastAPI.",
                ),
                "Python is fine for backends. Node is too.",
            ),
        ]
    }

    #[test]
    fn finds_posts_as_a_reader_would_expect() {
        let posts = corpus();
        let cases: &[(&str, &[&str])] = &[
            // Title matches come before body matches.
            ("rust", &["rust-wasm", "cv"]),
            // Accents fold both ways.
            ("resume", &["cv"]),
            ("RÉSUMÉ", &["cv"]),
            // The word being typed matches as a prefix…
            ("webass", &["rust-wasm"]),
            ("pyth", &["python"]),
            // …but not once the reader typed a space after it.
            ("pyth ", &[]),
            // Every word must match.
            ("rust browser", &["rust-wasm"]),
            ("rust django", &[]),
            // Chinese and Japanese, without spaces.
            ("東京", &["tokyo"]),
            ("大学", &["tokyo"]),
            ("ラーメン", &["tokyo"]),
            ("京", &["tokyo"]),
            ("大阪", &[]),
            // Tags and descriptions count.
            ("career", &["cv"]),
            ("fastapi", &["python"]),
            // Nothing to look for.
            ("", &[]),
            ("  ?! ", &[]),
            ("zzzz", &[]),
        ];
        for (query, expected) in cases {
            assert_eq!(search(&posts, query), *expected, "query {query:?}");
        }
    }

    #[test]
    fn an_empty_blog_finds_nothing() {
        assert!(search(&[], "rust").is_empty());
    }

    #[test]
    fn large_indexes_are_sharded_and_still_found() {
        let posts: Vec<(PostMeta, String)> = (0..400)
            .map(|i| {
                let body = (0..200)
                    .map(|w| format!("word{}x{}", w, (i * 7 + w) % 300))
                    .collect::<Vec<_>>()
                    .join(" ");
                (meta(&format!("p{i}"), &format!("Post {i}"), &[], ""), body)
            })
            .collect();
        let borrowed: Vec<(PostMeta, &str)> =
            posts.iter().map(|(m, b)| (m.clone(), b.as_str())).collect();
        let mut builder = IndexBuilder::new();
        for (m, b) in &borrowed {
            builder.add(m, b);
        }
        let built = builder.finish();
        assert!(
            built.meta.shards.len() > 5,
            "{} shards",
            built.meta.shards.len()
        );
        for (path, text) in &built.files {
            if path.ends_with(".txt") {
                assert!(
                    text.len() <= index::SHARD_BYTES * 2,
                    "{path} is {} bytes",
                    text.len()
                );
            }
        }
        let found = search(&borrowed, "word5x12");
        assert!(!found.is_empty());
        for slug in &found {
            let body = &borrowed.iter().find(|(m, _)| &m.slug == slug).unwrap().1;
            assert!(
                body.contains("word5x12"),
                "{slug} does not contain the word"
            );
        }
        // A query only needs the shards of its own words.
        let terms = parse_query("word5x12 post");
        assert!(shards_needed(&built.meta, &terms).len() <= 2);
    }

    #[test]
    fn damaged_shards_are_refused() {
        assert!(Shard::parse("<!doctype html>\n<html>").is_err());
        assert!(Shard::parse("").unwrap().get("x").is_none());
        // Numbers that do not read end the list instead of failing the search.
        let shard = Shard::parse("rust\t0 30 1 x\n").unwrap();
        assert_eq!(shard.get("rust").unwrap().len(), 1);
    }

    fn marked(pieces: &[Piece]) -> Vec<&str> {
        pieces
            .iter()
            .filter(|p| p.mark)
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn highlights_what_matched_as_written() {
        let terms = parse_query("resume rus");
        let pieces = highlight("My Résumé mentions Rust and RUSTY tools", &terms);
        assert_eq!(marked(&pieces), ["Résumé", "Rust", "RUSTY"]);
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, "My Résumé mentions Rust and RUSTY tools");
        let cjk = highlight("東京大学の近く", &parse_query("東京大学"));
        assert_eq!(marked(&cjk), ["東京大学"]);
    }

    #[test]
    fn snippets_show_the_matching_passage() {
        let text = format!(
            "{} The résumé section is here. {}",
            "Filler words before. ".repeat(20),
            "Filler words after. ".repeat(20)
        );
        let pieces = snippet(&text, &parse_query("resume"), 120).unwrap();
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert!(joined.starts_with('…') && joined.ends_with('…'), "{joined}");
        assert!(joined.len() <= 130, "{} bytes", joined.len());
        assert_eq!(marked(&pieces), ["résumé"]);
        assert!(snippet(&text, &parse_query("absent"), 120).is_none());
        // Short text is shown whole.
        let short = snippet("Rust is fun", &parse_query("fun"), 120).unwrap();
        assert_eq!(short.first().unwrap().text, "Rust is ");
        // Never cuts inside a character.
        let cjk = "東京".repeat(100) + "大阪" + &"東京".repeat(100);
        assert!(snippet(&cjk, &parse_query("大阪"), 50).is_some());
    }

    #[test]
    fn reads_text_out_of_post_html() {
        let cases = [
            ("<p>Hello <em>wide</em> world</p><p>Next</p>", "Hello wide world Next"),
            ("<p>a &amp; b &lt;c&gt; &#233;t&#xE9;</p>", "a & b <c> été"),
            (
                "<div class=\"code-block\"><button type=\"button\">Copy</button><pre><code>let x</code></pre></div>",
                "let x",
            ),
            ("<ul><li>one</li><li>two</li></ul>", "one two"),
            ("plain &unknown; text", "plain &unknown; text"),
            // An entity right before multi-byte text (this once cut a character in two).
            ("<p>&lt;中文字です</p>", "<中文字です"),
            ("&", "&"),
        ];
        for (html, text) in cases {
            assert_eq!(html_text(html), text, "{html}");
        }
    }
}
