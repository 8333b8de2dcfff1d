//! `blogtool init`: a new blog folder — settings, a first post, an author registry, an
//! About page in the menu, a place for pictures, a GitHub Pages workflow pinned to this version, and a README. Nothing of
//! the engine: the app is inside `blogtool`.

use std::path::Path;

use anyhow::{bail, Context, Result};

/// Where this project's releases are published: the workflow `init` writes downloads
/// `blogtool` from here, and the release workflow (`.github/workflows/release.yml`) uploads
/// the assets [`download_url`] names.
pub const RELEASES: &str = "https://github.com/rustblog/rustblog/releases/download";

/// The project's home page, named in the blog's README.
pub const HOME: &str = "https://github.com/rustblog/rustblog";

/// The Linux x86-64 archive GitHub's runners download: the same name the release workflow
/// gives it.
pub const RUNNER_ASSET: &str = "blogtool-x86_64-unknown-linux-gnu.tar.gz";

/// The address of this version's `blogtool` for GitHub's Linux runners.
pub fn download_url() -> String {
    format!("{RELEASES}/v{}/{RUNNER_ASSET}", env!("CARGO_PKG_VERSION"))
}

/// The files of a new blog, relative to its folder, with `__TITLE__`, `__DATE__`,
/// `__VERSION__`, `__DOWNLOAD__` and `__HOME__` to fill in.
const FILES: &[(&str, &str)] = &[
    ("site.yaml", include_str!("../blog/site.yaml")),
    (
        "posts/hello-world.md",
        include_str!("../blog/posts/hello-world.md"),
    ),
    (
        "posts/authors.yaml",
        include_str!("../blog/posts/authors.yaml"),
    ),
    ("pages/about.md", include_str!("../blog/pages/about.md")),
    ("public/images/.gitkeep", ""),
    (
        ".github/workflows/pages.yml",
        include_str!("../blog/workflows/pages.yml"),
    ),
    ("README.md", include_str!("../blog/README.md")),
    (".gitignore", include_str!("../blog/gitignore")),
];

/// Makes a new blog in `dir` (created when missing) and says what to do next.
///
/// # Errors
/// When `dir` is not empty (unless `force`), or a file cannot be written.
pub fn init(dir: &Path, force: bool) -> Result<()> {
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if !force && entries.next().is_some() {
            bail!(
                "{} is not empty; choose an empty or new folder, or pass --force to write the new blog's files into it",
                dir.display()
            );
        }
    }
    let now = crate::publish::now()?;
    let title = title_from(dir);
    for (path, text) in FILES {
        let text = text
            .replace("__TITLE__", &yaml_safe(&title))
            .replace("__DATE__", &now.iso())
            .replace("__VERSION__", env!("CARGO_PKG_VERSION"))
            .replace("__DOWNLOAD__", &download_url())
            .replace("__HOME__", HOME);
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&file, text).with_context(|| format!("cannot write {}", file.display()))?;
    }
    let shown = dir.display();
    // No `cd` to suggest when the blog is the current folder.
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("  cd {shown}\n")
    };
    eprintln!(
        "blogtool: a new blog in {shown}; set `url:` in site.yaml to where it will be published\n{cd}  blogtool serve --open    see it while you write\n  blogtool build           the site, in dist/"
    );
    Ok(())
}

/// The blog's first title: its folder's name in words (`my-notes` → `My Notes`), or "My Blog".
fn title_from(dir: &Path) -> String {
    let name = std::path::absolute(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words: Vec<String> = name
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        "My Blog".into()
    } else {
        words.join(" ")
    }
}

/// A title safe as a plain YAML scalar and in Markdown: characters YAML gives a meaning at
/// the start of a value, and `#` and `:`, would change what it says.
fn yaml_safe(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .filter(|c| !matches!(c, ':' | '#' | '"' | '\'' | '\\'))
        .collect();
    let cleaned = cleaned.trim_start_matches([
        '&', '*', '!', '|', '>', '%', '@', '`', '[', '{', '?', '-', ',',
    ]);
    if cleaned.trim().is_empty() {
        "My Blog".into()
    } else {
        cleaned.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_comes_from_the_folders_name() {
        for (dir, want) in [
            ("/tmp/my-notes", "My Notes"),
            ("/tmp/field_journal", "Field Journal"),
            ("/tmp/ブログ", "ブログ"),
            ("/tmp/[x]: #y", "x] y"),
            ("/", "My Blog"),
        ] {
            assert_eq!(yaml_safe(&title_from(Path::new(dir))), want, "{dir}");
        }
    }

    #[test]
    fn the_workflow_downloads_this_version() {
        assert!(
            download_url().ends_with(&format!("/v{}/{RUNNER_ASSET}", env!("CARGO_PKG_VERSION")))
        );
        let workflow = FILES
            .iter()
            .find(|(p, _)| p.ends_with("pages.yml"))
            .unwrap()
            .1;
        assert!(workflow.contains("__DOWNLOAD__") && workflow.contains("blogtool build"));
    }
}
