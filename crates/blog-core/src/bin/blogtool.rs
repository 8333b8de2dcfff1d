//! `blogtool`: native commands for authors and the build, sharing the browser's parsing core.
//!
//! `blogtool manifest [--posts DIR] [--out FILE] [--drafts]` writes the post index the app
//! lists posts from. Broken posts are reported on stderr and in the index, not fatal, so one
//! bad file never takes the site down while writing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use blog_core::manifest::{BuildOptions, Manifest};

const USAGE: &str = "usage: blogtool manifest [--posts DIR] [--out FILE] [--drafts]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("blogtool: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    if command != "manifest" {
        return Err(format!("unknown command `{command}`\n{USAGE}"));
    }
    let mut posts = PathBuf::from("posts");
    let mut out: Option<PathBuf> = None;
    let mut options = BuildOptions::default();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--posts" => posts = it.next().ok_or("--posts needs a folder")?.into(),
            "--out" => out = Some(it.next().ok_or("--out needs a file")?.into()),
            "--drafts" => options.include_drafts = true,
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    let manifest = build(&posts, options)?;
    for problem in &manifest.problems {
        eprintln!("warning: {}", problem.message);
    }
    let json = serde_json::to_string(&manifest).map_err(|e| e.to_string())?;
    match out {
        Some(path) => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            std::fs::write(&path, json)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!(
                "blogtool: indexed {} posts into {}",
                manifest.posts.len(),
                path.display()
            );
        }
        None => println!("{json}"),
    }
    Ok(())
}

/// Reads every `*.md` file directly inside `dir` and the optional `authors.yaml`.
fn build(dir: &Path, options: BuildOptions) -> Result<Manifest, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut sources = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        // A file that is not UTF-8 is still listed as a problem rather than aborting.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        sources.push((name.to_string(), text));
    }
    sources.sort();
    let authors = match std::fs::read_to_string(dir.join("authors.yaml")) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read authors.yaml: {e}")),
    };
    Ok(Manifest::build(&sources, authors.as_deref(), options))
}
