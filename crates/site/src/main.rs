//! `blogtool`: makes, serves, checks and builds a Markdown blog folder, with the app prebuilt
//! inside it (`blogtool --help`; the README has the whole guide).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    blog_site::cli::main()
}

/// Nothing of blogtool runs in a browser; the workspace is linted for wasm32 too.
#[cfg(target_arch = "wasm32")]
fn main() {}
