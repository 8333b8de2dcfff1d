//! Every site path is built by `blog_core::routes`: no other source file of the workspace
//! spells one, so a route changed there changes everywhere (links, the router, the
//! prerender, feeds, the embed).

use std::path::{Path, PathBuf};

/// What spelling a route by hand looks like in Rust source.
const ROUTE_LITERALS: [&str; 20] = [
    "\"/posts/",
    "\"/tags/",
    "\"/categories/",
    "\"/series/",
    "\"/authors/",
    "\"/page/",
    "\"/search",
    "\"/feed.xml",
    "\"/rss.xml",
    "\"/feed.json",
    "\"/custom.css",
    "\"/sitemap.xml",
    "\"/404",
    "\"/embed/",
    "\"/parser/",
    "\"/snippets/",
    "\"/sw.js",
    "\"/shell.html",
    "\"/images/",
    "\"/__blogtool/",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_but_routes_spells_a_route() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in [
        "src",
        "crates/blog-core/src",
        "crates/embed/src",
        "crates/ui/src",
        "crates/parser/src",
        "crates/site/src",
    ] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {} files", files.len());
    let mut found = Vec::new();
    for file in files {
        let name = file.to_string_lossy().replace('\\', "/");
        if name.ends_with("/routes.rs") || name.ends_with("/tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // Tests state the paths a user sees, by design.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (i, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if ROUTE_LITERALS.iter().any(|r| line.contains(r)) {
                found.push(format!("{name}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "build these paths with blog_core::routes:\n{}",
        found.join("\n")
    );
}

/// The text of a file of the repository.
fn repo_file(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read_to_string(root.join(path)).unwrap()
}

#[test]
fn headings_never_take_an_id_the_pages_use() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["src", "crates/embed/src", "crates/ui/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    texts.push(repo_file("index.html"));
    let mut ids = Vec::new();
    for text in &texts {
        // `id="x"` in views and HTML, `id=\"x\"` in Rust strings.
        for quote in ["id=\"", "id=\\\""] {
            for (at, _) in text.match_indices(quote) {
                let rest = &text[at + quote.len()..];
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                let preceded = text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '-');
                if !id.is_empty() && !preceded && !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
    }
    assert!(ids.contains(&"main".to_string()), "{ids:?}");
    let missing: Vec<_> = ids
        .iter()
        .filter(|id| !blog_core::markdown::RESERVED_IDS.contains(&id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "ids the app uses but a heading could take (add them to markdown::RESERVED_IDS): {missing:?}"
    );
}

#[test]
fn the_theme_builds_on_the_stylesheets_own_colours() {
    let css = repo_file("public/style.css");
    for (name, light, dark) in blog_core::config::STYLESHEET_COLOURS {
        let declared = format!("{name}: light-dark({light}, {dark});");
        assert!(
            css.contains(&declared),
            "public/style.css should declare `{declared}` (or change STYLESHEET_COLOURS)"
        );
    }
}
