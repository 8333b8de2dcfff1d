//! Search: any post text and any query are indexed, answered and highlighted without a
//! panic, and every post that matches a one-word query actually contains the word.
#![no_main]
use blog_core::post::Post;
use blog_core::search::{evaluate, html_text, parse_query, snippet, IndexBuilder, Shard};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (body, query) = text.split_once('\u{1}').unwrap_or((&text, "a"));
    let Ok(post) = Post::parse("f.md", "---\ntitle: T\ndate: 2025-03-15\n---\nx\n") else {
        return;
    };
    let mut builder = IndexBuilder::new();
    let plain = html_text(body);
    builder.add(&post.meta, &plain);
    let built = builder.finish();
    let shards: Vec<Shard> = built
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".txt"))
        .map(|(_, t)| Shard::parse(t).expect("the builder writes valid shards"))
        .collect();
    let terms = parse_query(query);
    let hits = evaluate(&built.meta, &terms, |n| shards.get(n));
    let _ = snippet(&plain, &terms, 120);
    if hits.len() == 1 && !terms.is_empty() {
        // What matched must be visible somewhere in what was indexed.
        let shown = format!("{} {} {} {}", post.meta.title, post.meta.tags.join(" "), post.meta.description, plain);
        assert!(
            snippet(&shown, &terms, 1000).is_some(),
            "query {query:?} matched but nothing in the post is marked"
        );
    }
});
