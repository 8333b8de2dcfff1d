//! The whole pipeline: any bytes as a post file, parsed and rendered, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = blog_core::post::Post::parse("fuzz.md", &text);
    let _ = blog_core::post::Post::parse("fuzz.md", &format!("---\ntitle: T\ndate: 2025-01-01\n---\n{text}"));
});
