//! cmark's pathological inputs and YAML bombs through the whole native pipeline: each
//! finishes (well within cmark's 5 s allowance even unoptimised) without panicking, and every
//! front matter hazard is rejected with a clear error. Timings are printed, not asserted;
//! `scripts/bench-pathological.sh` measures the browser build.

#[path = "../../../tests/support/pathological.rs"]
mod pathological;

use blog_core::post::Post;

#[test]
fn pathological_markdown_goes_through_the_pipeline() {
    for (name, text) in pathological::cases() {
        let start = std::time::Instant::now();
        let result = Post::parse("pathological.md", &text);
        println!(
            "{name:45} {:>8.1} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
        assert!(result.is_ok(), "{name}: {:?}", result.err());
    }
}

#[test]
fn front_matter_hazards_are_rejected_with_a_clear_error() {
    for (name, text) in pathological::yaml_hazards() {
        let start = std::time::Instant::now();
        let err = Post::parse("bomb.md", &text).expect_err(name).to_string();
        println!(
            "{name:45} {:>8.1} ms: {err}",
            start.elapsed().as_secs_f64() * 1000.0
        );
        assert!(err.starts_with("posts/bomb.md"), "{name}: {err}");
        let expected = match name {
            "billion laughs" => "anchors and aliases (`&name`, `*name`) are not supported",
            "10,000-deep nesting" => "nested too deeply",
            "1 MB front matter" => "larger than 64 KiB",
            _ => "front matter is not closed",
        };
        assert!(err.contains(expected), "{name}: {err}");
    }
}
