//! Every site path is built by `blog_core::routes`: no other source file of the workspace
//! spells one, so a route changed there changes everywhere (links, the router, the
//! prerender, feeds, the embed).

use std::path::{Path, PathBuf};

/// What spelling a route by hand looks like in Rust source.
const ROUTE_LITERALS: [&str; 9] = [
    "\"/posts/",
    "\"/tags/",
    "\"/categories/",
    "\"/series/",
    "\"/authors/",
    "\"/page/",
    "\"/search",
    "\"/feed.xml",
    "\"/404",
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
    for dir in ["src", "crates/blog-core/src", "crates/embed/src"] {
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
