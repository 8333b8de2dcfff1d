//! Benchmark: cmark's pathological inputs and YAML bombs through the content pipeline
//! compiled to WebAssembly, in headless Chromium. Prints the time of each; it is a
//! measurement, not a pass/fail test. Run with `scripts/bench-pathological.sh`.
#![cfg(target_arch = "wasm32")]

#[path = "support/pathological.rs"]
mod pathological;

use blog_core::post::Post;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn pathological_inputs_in_the_browser_build() {
    console_log!("{:45} {:>10} {:>10}", "case", "KiB", "ms");
    for (name, text) in pathological::cases()
        .into_iter()
        .chain(pathological::yaml_hazards())
    {
        let start = js_sys::Date::now();
        let outcome = match Post::parse("pathological.md", &text) {
            Ok(_) => "rendered".to_string(),
            Err(e) => format!("rejected: {}", e.kind),
        };
        let ms = js_sys::Date::now() - start;
        console_log!("{name:45} {:>10} {ms:>10.1}  {outcome}", text.len() / 1024);
    }
}
