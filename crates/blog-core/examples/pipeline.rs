//! Runs the in-browser content pipeline ([`blog_core::post::Post::parse`]) natively over
//! folders of posts, many times, so a profiler (`perf record -g`) can say where its time
//! goes. Usage: `cargo run --release --example pipeline -- <seconds> <folder>...`.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(5.0);
    let mut posts = Vec::new();
    for folder in args {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            eprintln!("{folder}: not a folder");
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    posts.push((entry.file_name().to_string_lossy().into_owned(), text));
                }
            }
        }
    }
    let bytes: usize = posts.iter().map(|(_, t)| t.len()).sum();
    let start = Instant::now();
    let (mut passes, mut sink) = (0u64, 0usize);
    while start.elapsed().as_secs_f64() < seconds {
        for (file, text) in &posts {
            sink += blog_core::post::Post::parse(file, text).map_or(0, |p| p.html.len());
        }
        passes += 1;
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "{} posts, {} KB: {passes} passes, {:.1} MB/s (sink {sink})",
        posts.len(),
        bytes / 1024,
        bytes as f64 * passes as f64 / 1e6 / elapsed
    );
}
