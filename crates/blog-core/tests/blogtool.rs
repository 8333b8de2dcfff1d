//! `blogtool manifest` as the build runs it: reads a posts folder, writes the index.

use std::path::{Path, PathBuf};
use std::process::Command;

use blog_core::manifest::Manifest;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("blogtool-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn write(&self, file: &str, text: &str) {
        std::fs::write(self.0.join(file), text).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(posts: &Path, extra: &[&str]) -> (Manifest, String) {
    let out = posts.join("out/index.json");
    let result = Command::new(env!("CARGO_BIN_EXE_blogtool"))
        .args(["manifest", "--posts"])
        .arg(posts)
        .arg("--out")
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let json = std::fs::read_to_string(out).unwrap();
    (
        serde_json::from_str(&json).unwrap(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

fn slugs(m: &Manifest) -> Vec<&str> {
    m.posts.iter().map(|p| p.slug.as_str()).collect()
}

#[test]
fn indexes_the_folder_and_picks_up_a_new_post() {
    let dir = TempDir::new("new-post");
    dir.write(
        "first.md",
        "---\ntitle: First\ndate: 2025-01-01\nauthor: Ann\n---\nHello.\n",
    );
    dir.write("authors.yaml", "ann:\n  name: Ann Example\n");
    dir.write("notes.txt", "not a post");
    let (m, _) = run(&dir.0, &[]);
    assert_eq!(slugs(&m), ["first"]);
    assert_eq!(m.authors[0].name, "Ann Example");

    dir.write(
        "second.md",
        "---\ntitle: Second\ndate: 2025-02-01\n---\nNewer.\n",
    );
    let (m, _) = run(&dir.0, &[]);
    assert_eq!(slugs(&m), ["second", "first"]);
}

#[test]
fn reports_broken_posts_without_failing_and_keeps_drafts_for_serve_only() {
    let dir = TempDir::new("broken");
    dir.write("ok.md", "---\ntitle: Ok\ndate: 2025-01-01\n---\n");
    dir.write(
        "draft.md",
        "---\ntitle: Draft\ndate: 2025-01-02\ndraft: true\n---\n",
    );
    dir.write("broken.md", "---\ntitle: Broken\n---\n");
    let (m, stderr) = run(&dir.0, &[]);
    assert_eq!(slugs(&m), ["ok"]);
    assert_eq!(
        m.problems[0].message,
        "posts/broken.md: missing required field `date`"
    );
    assert!(
        stderr.contains("warning: posts/broken.md: missing required field `date`"),
        "{stderr}"
    );
    let (m, _) = run(&dir.0, &["--drafts"]);
    assert_eq!(slugs(&m), ["draft", "ok"]);
}

#[test]
fn fails_clearly_on_a_missing_folder_or_unknown_command() {
    let out = Command::new(env!("CARGO_BIN_EXE_blogtool"))
        .args(["manifest", "--posts", "/no/such/folder"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/folder"));
    let out = Command::new(env!("CARGO_BIN_EXE_blogtool"))
        .arg("publish")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown command `publish`"));
}
