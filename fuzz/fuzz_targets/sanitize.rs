//! The sanitizer: never panics, and sanitizing its own output changes nothing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let once = blog_core::sanitize::sanitize_html(&html);
    assert_eq!(blog_core::sanitize::sanitize_html(&once), once);
});
