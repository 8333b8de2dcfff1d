//! Puts the prebuilt app (what `scripts/build-app.sh` writes into `target/app`, or the folder
//! `BLOGTOOL_APP_DIR` names) inside `blogtool`, and records the hash of the app's inputs in
//! this checkout, so a `blogtool` whose app was built from other sources refuses to build.
//! Without an app folder the crate still compiles, lints and tests: `build` and `serve` then
//! say which command makes one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// What the app is built from, relative to the workspace root; `scripts/build-app.sh` hashes
/// the same list the same way (`sha256sum` lines of every file, sorted, then hashed).
const APP_INPUTS: &[&str] = &[
    "Cargo.lock",
    "Cargo.toml",
    "Trunk.toml",
    "crates/blog-core",
    "crates/embed",
    "crates/parser",
    "crates/ui",
    "index.html",
    "js/author-card.js",
    "js/page.js",
    "public",
    "scripts/post-build.sh",
    "src",
];

/// Left out of the inputs: tests change no byte of the app, and `public/images` holds the
/// example blog's pictures, which `blogtool build` copies from the blog's own `public/`.
fn skipped(relative: &str) -> bool {
    relative
        .split('/')
        .any(|part| part == "tests" || part == "target")
        || relative.starts_with("public/images/")
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by Cargo"));
    let root = manifest.join("../..");
    println!("cargo:rerun-if-env-changed=BLOGTOOL_APP_DIR");
    let app_dir = match std::env::var("BLOGTOOL_APP_DIR") {
        Ok(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => {
            // Watched as a folder: it exists (empty) before the first app build, so Cargo
            // does not run this script again on every build while waiting for it.
            let dir = root.join("target/app");
            let _ = std::fs::create_dir_all(&dir);
            dir
        }
    };
    println!("cargo:rerun-if-changed={}", app_dir.display());
    let mut files = Vec::new();
    for input in APP_INPUTS {
        let path = root.join(input);
        println!("cargo:rerun-if-changed={}", path.display());
        collect(&root, &path, &mut files);
    }
    files.sort();
    let checkout = inputs_hash(&root, &files);

    let mut code = String::new();
    let info = std::fs::read_to_string(app_dir.join("app.txt")).ok();
    let field = |name: &str| -> Option<String> {
        info.as_deref()?.lines().find_map(|line| {
            let (key, value) = line.split_once(' ')?;
            (key == name).then(|| value.trim().to_string())
        })
    };
    let (app_inputs, public_url) = (field("inputs"), field("public_url"));
    let mut app_files = Vec::new();
    if info.is_some() {
        collect(&app_dir, &app_dir, &mut app_files);
        app_files.sort();
    }
    writeln!(
        code,
        "/// Hash of the app's inputs in the checkout this `blogtool` was built from."
    )
    .unwrap();
    writeln!(
        code,
        "pub(crate) const CHECKOUT_INPUTS: &str = {checkout:?};"
    )
    .unwrap();
    writeln!(
        code,
        "/// Hash of the inputs the embedded app was built from, if one is embedded."
    )
    .unwrap();
    writeln!(
        code,
        "pub(crate) const EMBEDDED_INPUTS: Option<&str> = {app_inputs:?};"
    )
    .unwrap();
    writeln!(
        code,
        "/// The public URL the embedded app was built with (`trunk --public-url`)."
    )
    .unwrap();
    writeln!(
        code,
        "pub(crate) const EMBEDDED_PUBLIC_URL: Option<&str> = {public_url:?};"
    )
    .unwrap();
    writeln!(
        code,
        "/// The embedded app's files: path under the site (`/` separated), bytes."
    )
    .unwrap();
    writeln!(
        code,
        "pub(crate) static EMBEDDED_FILES: &[(&str, &[u8])] = &["
    )
    .unwrap();
    for relative in app_files.iter().filter(|r| r.as_str() != "app.txt") {
        let absolute = app_dir.join(relative);
        let absolute = absolute.canonicalize().unwrap_or(absolute);
        writeln!(
            code,
            "    ({relative:?}, include_bytes!({:?})),",
            absolute.display().to_string()
        )
        .unwrap();
    }
    writeln!(code, "];").unwrap();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by Cargo"));
    std::fs::write(out_dir.join("app.rs"), code).expect("cannot write the embedded app's list");
    embed_mermaid(&root, &out_dir);
}

/// Puts the checkout's Mermaid script (`npm ci` installs it) inside blogtool, compressed, as
/// `MERMAID_GZ` (`None` without one: diagrams then stay code, and the build says why).
fn embed_mermaid(root: &Path, out_dir: &Path) {
    use std::io::Write as _;
    let script = root.join("node_modules/mermaid/dist/mermaid.min.js");
    println!("cargo:rerun-if-changed={}", script.display());
    let value = match std::fs::read(&script) {
        Ok(bytes) => {
            let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            packed
                .write_all(&bytes)
                .expect("cannot compress the Mermaid script");
            let packed = packed.finish().expect("cannot compress the Mermaid script");
            std::fs::write(out_dir.join("mermaid.min.js.gz"), packed)
                .expect("cannot write the compressed Mermaid script");
            "Some(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/mermaid.min.js.gz\")))".to_string()
        }
        Err(_) => "None".to_string(),
    };
    std::fs::write(
        out_dir.join("mermaid.rs"),
        format!("/// Mermaid's script (npm `mermaid`, `dist/mermaid.min.js`), gzipped.\nconst MERMAID_GZ: Option<&[u8]> = {value};\n"),
    )
    .expect("cannot write mermaid.rs");
}

/// Every file under `path` (or `path` itself), relative to `root`, `/` separated.
fn collect(root: &Path, path: &Path, files: &mut Vec<String>) {
    if path.is_file() {
        if let Ok(relative) = path.strip_prefix(root) {
            let relative = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push(relative);
        }
    } else if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            collect(root, &entry.path(), files);
        }
    }
}

/// `sha256sum`'s lines for `files` (sorted), hashed: what `scripts/build-app.sh` computes.
fn inputs_hash(root: &Path, files: &[String]) -> String {
    let mut listing = String::new();
    for relative in files.iter().filter(|r| !skipped(r)) {
        let bytes = std::fs::read(root.join(relative)).unwrap_or_default();
        writeln!(listing, "{}  {relative}", hex(&Sha256::digest(&bytes))).unwrap();
    }
    hex(&Sha256::digest(listing.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
