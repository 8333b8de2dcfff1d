//! Snapshot tests: each `fixtures/*.md` renders to exactly `snapshots/*.html`.
//! Run with `UPDATE_SNAPSHOTS=1` to rewrite the snapshots after an intended change, then
//! review the diff.

use std::path::PathBuf;

use blog_core::post::Post;

#[test]
fn fixtures_render_as_snapshotted() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut fixtures: Vec<_> = std::fs::read_dir(root.join("fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    fixtures.sort();
    assert!(!fixtures.is_empty());
    let mut mismatches = Vec::new();
    for path in fixtures {
        let name = path.file_name().unwrap().to_str().unwrap();
        let post = Post::parse(name, &std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{e}"));
        let got = format!(
            "<!-- title: {} | date: {} | minutes: {} | description: {} -->\n{}",
            post.meta.title,
            post.meta.date,
            post.meta.reading_minutes,
            post.meta.description,
            post.html
        );
        let snapshot = root.join("snapshots").join(name.replace(".md", ".html"));
        if update {
            std::fs::write(&snapshot, &got).unwrap();
        } else if std::fs::read_to_string(&snapshot).ok().as_deref() != Some(got.as_str()) {
            mismatches.push(format!("{}\n--- got ---\n{got}", snapshot.display()));
        }
    }
    assert!(
        mismatches.is_empty(),
        "snapshots differ (UPDATE_SNAPSHOTS=1 to accept):\n{}",
        mismatches.join("\n")
    );
}
