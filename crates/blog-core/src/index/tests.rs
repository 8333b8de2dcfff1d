//! The post index's tests: building, taxonomies, pages, neighbours, related posts.

use super::*;

fn src(file: &str, text: &str) -> (String, String) {
    (file.to_string(), text.to_string())
}

#[test]
fn lists_posts_newest_first_and_reports_broken_ones() {
    let m = PostIndex::build(
        &[
            src("old.md", "---\ntitle: Old\ndate: 2024-01-01\n---\nx"),
            src("broken.md", "---\ntitle: Broken\ndate: soon\n---\nx"),
            src("new.md", "---\ntitle: New\ndate: 2025-06-01\n---\nx"),
            src("mid.md", "---\ntitle: Mid\ndate: 2024-07-01 12:00\n---\nx"),
        ],
        None,
        BuildOptions::default(),
    );
    let slugs: Vec<_> = m.posts.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["new", "mid", "old"]);
    assert_eq!(m.problems.len(), 1);
    assert_eq!(
        m.problems[0].message,
        "posts/broken.md:3: date \"soon\" is not a date (expected YYYY-MM-DD or RFC 3339)"
    );
    assert!(m.problem_for_slug("broken").is_some());
}

#[test]
fn duplicate_slugs_name_both_files() {
    let m = PostIndex::build(
        &[
            src("a.md", "---\ntitle: A\ndate: 2024-01-01\nslug: same\n---\n"),
            src("b.md", "---\ntitle: B\ndate: 2024-01-02\nslug: same\n---\n"),
        ],
        None,
        BuildOptions::default(),
    );
    assert_eq!(m.posts.len(), 1);
    assert_eq!(
        m.problems[0].message,
        "posts/b.md: slug \"same\" is already used by posts/a.md"
    );
}

#[test]
fn drafts_only_when_asked() {
    let sources = [src(
        "d.md",
        "---\ntitle: D\ndate: 2024-01-01\ndraft: true\n---\n",
    )];
    assert!(PostIndex::build(&sources, None, BuildOptions::default())
        .posts
        .is_empty());
    let with = BuildOptions {
        include_drafts: true,
        now: None,
        mark_after: None,
    };
    assert_eq!(PostIndex::build(&sources, None, with).posts.len(), 1);
}

#[test]
fn round_trips_through_json() {
    let m = PostIndex::build(
        &[src(
            "a.md",
            "---\ntitle: A\ndate: 2024-01-01\ntags: [x]\n---\nHello",
        )],
        Some("ann:\n  name: Ann\n"),
        BuildOptions::default(),
    );
    let json = serde_json::to_string(&m).unwrap();
    assert_eq!(serde_json::from_str::<PostIndex>(&json).unwrap(), m);
}

#[test]
fn future_posts_wait_for_their_date_in_published_builds() {
    let sources = [
        src("past.md", "---\ntitle: Past\ndate: 2025-03-15\n---\n"),
        src(
            "later.md",
            "---\ntitle: Later\ndate: 2025-03-15 18:00\n---\n",
        ),
        src("next.md", "---\ntitle: Next\ndate: 2025-04-01\n---\n"),
    ];
    let at = |now: &str| {
        let options = BuildOptions {
            include_drafts: false,
            now: PostDate::parse(now),
            mark_after: None,
        };
        let m = PostIndex::build(&sources, None, options);
        m.posts.iter().map(|p| p.slug.clone()).collect::<Vec<_>>()
    };
    assert_eq!(at("2025-03-15 12:00"), ["past"]);
    assert_eq!(at("2025-03-15 18:00"), ["later", "past"]);
    assert_eq!(at("2025-04-01"), ["next", "later", "past"]);
    let writing = PostIndex::build(&sources, None, BuildOptions::default());
    assert_eq!(writing.posts.len(), 3);
}

#[test]
fn groups_posts_by_tag_and_author() {
    let m = PostIndex::build(
        &[
            src(
                "a.md",
                "---\ntitle: A\ndate: 2024-01-01\ntags: [Web Dev, rust]\nauthor: Ann\n---\n",
            ),
            src(
                "b.md",
                "---\ntitle: B\ndate: 2024-02-01\ntags: [rust]\nauthor: [ann, Bo Guest]\n---\n",
            ),
        ],
        Some("ann:\n  name: Ann\n"),
        BuildOptions::default(),
    );
    let tags: Vec<_> = m.tags().into_iter().map(|t| (t.slug, t.count)).collect();
    assert_eq!(tags, [("rust".to_string(), 2), ("web-dev".to_string(), 1)]);
    let slugs = |posts: Vec<&PostMeta>| posts.iter().map(|p| p.slug.clone()).collect::<Vec<_>>();
    assert_eq!(slugs(m.posts_tagged("web-dev")), ["a"]);
    assert_eq!(slugs(m.posts_by("ann")), ["b", "a"]);
    assert_eq!(slugs(m.posts_by("bo-guest")), ["b"]);
    assert_eq!(
        m.author("bo-guest").map(|a| a.name),
        Some("Bo Guest".into())
    );
    assert_eq!(m.author("nobody"), None);
}

#[test]
fn finds_neighbours_and_related_posts() {
    let m = PostIndex::build(
        &[
            src(
                "a.md",
                "---\ntitle: Rust web servers\ndate: 2024-01-01\ntags: [rust, web]\n---\n",
            ),
            src(
                "b.md",
                "---\ntitle: Gardening notes\ndate: 2024-02-01\ntags: [garden]\n---\n",
            ),
            src(
                "c.md",
                "---\ntitle: Rust error handling\ndate: 2024-03-01\ntags: [rust]\n---\n",
            ),
            src(
                "d.md",
                "---\ntitle: Building servers quickly\ndate: 2024-04-01\n---\n",
            ),
        ],
        None,
        BuildOptions::default(),
    );
    let slug = |p: Option<&PostMeta>| p.map(|p| p.slug.clone());
    let (older, newer) = m.neighbours("b");
    assert_eq!(
        (slug(older), slug(newer)),
        (Some("a".into()), Some("c".into()))
    );
    assert_eq!(slug(m.neighbours("d").1), None);
    assert_eq!(slug(m.neighbours("a").0), None);
    let related: Vec<_> = m.related("a", 3).iter().map(|p| p.slug.clone()).collect();
    // c shares a tag; d shares the word "servers"; b shares nothing.
    assert_eq!(related, ["c", "d"]);
    assert!(m.related("missing", 3).is_empty());
}

#[test]
fn a_post_pages_context_gives_the_same_neighbours_and_related_posts() {
    let tags = ["rust", "web", "css"];
    let sources: Vec<_> = (1..=40)
        .map(|i| {
            src(
                &format!("p{i:02}.md"),
                &format!(
                    "---\ntitle: Post number {i} about {}\ndate: 2024-01-{:02}\ntags: [{}]\n---\nx",
                    tags[i % 3],
                    i % 28 + 1,
                    tags[i % 3]
                ),
            )
        })
        .collect();
    let m = PostIndex::build(&sources, None, BuildOptions::default());
    let index = RelatedIndex::new(&m);
    let slugs = |posts: Vec<&PostMeta>| -> Vec<String> {
        posts.into_iter().map(|p| p.slug.clone()).collect()
    };
    for post in &m.posts {
        let context = m.context_for(&post.slug, &index);
        assert!(context.posts.len() <= 1 + 2 + RELATED_COUNT);
        let (older, newer) = m.neighbours(&post.slug);
        let (c_older, c_newer) = context.neighbours(&post.slug);
        assert_eq!(older.map(|p| &p.slug), c_older.map(|p| &p.slug));
        assert_eq!(newer.map(|p| &p.slug), c_newer.map(|p| &p.slug));
        assert_eq!(
            slugs(m.related(&post.slug, RELATED_COUNT)),
            slugs(context.related(&post.slug, RELATED_COUNT))
        );
    }
}

#[test]
fn the_build_finds_the_same_related_posts_as_comparing_each_pair() {
    // A small vocabulary, so posts share tags and words in every combination: some with
    // no tags, some whose tags no other post has, ties broken by date.
    let tags = ["rust", "web", "css", "data", "c++", "C#"];
    let words = [
        "server", "Servers", "render", "cache", "layout", "signal", "café", "naïve", "über",
        "thread", "async",
    ];
    let mut seed = 7u32;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as usize % n
    };
    let sources: Vec<_> = (1..=120)
        .map(|i| {
            let post_tags: Vec<&str> = (0..next(4)).map(|_| tags[next(tags.len())]).collect();
            let title: Vec<&str> = (0..1 + next(4)).map(|_| words[next(words.len())]).collect();
            let description: Vec<&str> = (0..next(3)).map(|_| words[next(words.len())]).collect();
            let lone = if i % 17 == 0 { ", only-mine" } else { "" };
            src(
                &format!("p{i:03}.md"),
                &format!(
                    "---\ntitle: \"{} {i}\"\ndate: 2024-{:02}-{:02}\ndescription: \"{}\"\ntags: [{}{lone}]\n---\nx",
                    title.join(" "),
                    next(12) + 1,
                    next(28) + 1,
                    description.join(", "),
                    post_tags.join(", ")
                ),
            )
        })
        .collect();
    let m = PostIndex::build(&sources, None, BuildOptions::default());
    assert_eq!(m.posts.len(), 120);
    let index = RelatedIndex::new(&m);
    let slugs = |posts: Vec<&PostMeta>| -> Vec<String> {
        posts.into_iter().map(|p| p.slug.clone()).collect()
    };
    for post in &m.posts {
        for count in [0, 1, 3, 7, 200] {
            assert_eq!(
                slugs(index.related(&post.slug, count)),
                slugs(m.related(&post.slug, count)),
                "{} ({count})",
                post.slug
            );
        }
    }
}

#[test]
fn the_list_is_cut_into_pages() {
    let sources: Vec<_> = (1..=7)
        .map(|i| {
            src(
                &format!("p{i}.md"),
                &format!("---\ntitle: P{i}\ndate: 2024-01-0{i}\n---\nx"),
            )
        })
        .collect();
    let m = PostIndex::build(&sources, None, BuildOptions::default());
    assert_eq!(m.page_count(3), 3);
    let titles = |n| -> Vec<String> {
        m.list_page(n, 3)
            .unwrap()
            .index
            .posts
            .iter()
            .map(|p| p.title.clone())
            .collect()
    };
    assert_eq!(titles(1), ["P7", "P6", "P5"]);
    assert_eq!(titles(3), ["P1"]);
    assert!(m.list_page(0, 3).is_none());
    assert!(m.list_page(4, 3).is_none());
    let empty = PostIndex::build(&[], None, BuildOptions::default());
    assert_eq!(empty.page_count(10), 1);
    assert!(empty.list_page(1, 10).unwrap().index.posts.is_empty());
}

#[test]
fn featured_posts_head_the_first_page_and_keep_their_place() {
    let sources: Vec<_> = (1..=7)
        .map(|i| {
            let featured = if i == 1 {
                "featured: true\nauthor: Ann\n"
            } else {
                ""
            };
            src(
                &format!("p{i}.md"),
                &format!("---\ntitle: P{i}\ndate: 2024-01-0{i}\n{featured}---\nx"),
            )
        })
        .collect();
    let registry = "ann:\n  name: Ann\n";
    let m = PostIndex::build(&sources, Some(registry), BuildOptions::default());
    let first = m.list_page(1, 3).unwrap();
    let titles: Vec<&str> = first.featured.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["P1"]);
    // Its author's profile comes with the page that shows it.
    assert_eq!(first.index.authors.len(), 1);
    assert!(m.list_page(2, 3).unwrap().featured.is_empty());
    let last = m.list_page(3, 3).unwrap();
    assert_eq!(last.index.posts[0].title, "P1");
    assert!(last.featured.is_empty());
}
