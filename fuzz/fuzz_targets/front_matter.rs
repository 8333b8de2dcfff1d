//! Front matter: any YAML between fences parses to fields or a located error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let yaml = String::from_utf8_lossy(data);
    let _ = blog_core::front_matter::parse("posts/fuzz.md", &yaml, 2);
    let _ = blog_core::author::parse_registry(&yaml);
});
