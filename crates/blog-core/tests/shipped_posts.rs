//! The posts and author registry the blog ships with: every one parses, and the seed reads
//! as its author meant it.

use std::path::PathBuf;

use blog_core::author::{self, parse_registry};
use blog_core::index::{BuildOptions, PostIndex};
use blog_core::post::Post;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shipped() -> Vec<(String, String)> {
    let mut posts: Vec<(String, String)> = std::fs::read_dir(repo().join("posts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    posts.sort();
    posts
}

fn registry() -> Vec<author::Author> {
    parse_registry(&std::fs::read_to_string(repo().join("posts/authors.yaml")).unwrap()).unwrap()
}

#[test]
fn every_shipped_post_parses_with_a_distinct_date_and_a_registered_author() {
    let posts = shipped();
    assert!(
        posts.len() >= 4,
        "ship the seed and at least three more posts"
    );
    let authors = registry();
    let mut dates = Vec::new();
    for (file, text) in &posts {
        let post = Post::parse(file, text).unwrap_or_else(|e| panic!("{e}"));
        for byline in &post.meta.authors {
            assert!(
                author::find(&authors, byline).is_some(),
                "{file}: author {byline} is not in authors.yaml"
            );
        }
        dates.push(post.meta.date);
    }
    dates.sort();
    dates.dedup();
    assert_eq!(
        dates.len(),
        posts.len(),
        "posts need different dates so the list has an order"
    );
    let manifest = PostIndex::build(&posts, None, BuildOptions::default());
    assert!(manifest.problems.is_empty(), "{:?}", manifest.problems);
}

#[test]
fn the_seed_reads_as_its_author_meant() {
    let text = std::fs::read_to_string(repo().join("posts/node-vs-python-backend.md")).unwrap();
    // The file itself is shipped as received, mojibake and all.
    assert!(text.contains("Pythonâ€”Choosing") && text.contains("ðŸ‘‰"));
    let post = Post::parse("node-vs-python-backend.md", &text).unwrap();
    assert_eq!(
        post.meta.title,
        "Node.js vs. Python—Choosing the Right Backend for Scalable Web Development"
    );
    assert_eq!(post.meta.date.human(), "March 15, 2025");
    assert_eq!(post.meta.authors, ["Alvison Hunter"]);
    assert!(post.html.contains("it’s preferred for chat applications"));
    assert!(post.html.contains("👉 Explore"));
    assert!(!post.html.contains('â') && !post.html.contains('ð'));
    let image = post.meta.image.as_deref().unwrap();
    let png = std::fs::read(repo().join("public").join(image.trim_start_matches('/'))).unwrap();
    assert_eq!(&png[1..4], b"PNG", "{image} must be a real PNG");
}

#[test]
fn the_registry_has_alvison_hunters_profile_from_the_seed() {
    let authors = registry();
    let alvison = author::find(&authors, "Alvison Hunter").unwrap();
    assert_eq!(alvison.id, "alvison-hunter");
    assert_eq!(
        alvison.website.as_deref(),
        Some("https://alvisonhunter.com/")
    );
    assert!(alvison.bio.contains("Full-Stack Software Engineer"));
    let links: Vec<(&str, &str)> = alvison
        .links
        .iter()
        .map(|l| (l.label.as_str(), l.url.as_str()))
        .collect();
    for expected in [
        ("Website", "https://alvisonhunter.com/"),
        ("Code Crafters Labs", "https://www.codecrafterslabs.com"),
        ("Medium", "https://medium.com/@alvisonhunter"),
        ("Dev.to", "https://dev.to/alvisonhunter"),
        ("Hashnode", "https://hashnode.com/@alvisonhunter"),
        ("Behance", "https://www.behance.net/alvisonhunter"),
        ("Pexels", "https://www.pexels.com/@alvisonhunter/"),
    ] {
        assert!(links.contains(&expected), "missing {expected:?}");
    }
}

#[test]
fn a_literal_mojibake_example_in_correct_text_is_left_alone() {
    let text = std::fs::read_to_string(repo().join("posts/writing-a-post.md")).unwrap();
    let post = Post::parse("writing-a-post.md", &text).unwrap();
    assert!(
        post.html
            .contains("<code>â€”</code> where you typed <code>—</code>"),
        "{}",
        post.html
    );
}
