//! The post reader: the WebAssembly module that parses Markdown (`crates/parser`, built
//! beside the app into `parser/`), loaded and asked to parse a post. The app does not carry
//! the parser: a first visit shows the prerendered article as it is, so the reader is
//! loaded only where a post is opened next — when the browser is idle on a list of posts,
//! or when the app opens a post itself — once per visit (and kept for offline reading by
//! the service worker).

use blog_core::post::{Post, POST_FORMAT};
use blog_core::routes::{self, under_base};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{LoadError, What};
use crate::site::AppState;
use crate::visit::{Loads, VisitCache};
use blog_core::i18n::Text;

#[wasm_bindgen(inline_js = r#"
export function import_module(url) { return import(url); }
export function when_idle(f) {
  if (navigator.connection && navigator.connection.saveData) return;
  if (window.requestIdleCallback) requestIdleCallback(() => f(), { timeout: 5000 });
  else setTimeout(() => f(), 1000);
}
"#)]
extern "C" {
    /// `import(url)`: a module loaded on demand (a script of the site's own, so the page's
    /// content security policy allows it).
    #[wasm_bindgen(catch)]
    fn import_module(url: &str) -> Result<js_sys::Promise, JsValue>;
    /// Calls `f` once the browser is idle (within 5 s; a second later where there is no
    /// `requestIdleCallback`), and never when the reader asked to save data.
    fn when_idle(f: &Closure<dyn FnMut()>);
}

/// What the reader is called in messages.
const WHAT: What = What::of(Text::WhatReader);

/// The visit's loads of the reader (one key).
fn readers(cache: &mut VisitCache) -> &mut Loads<js_sys::Function> {
    &mut cache.readers
}

/// Parses the post `file` whose text is `text` with the reader (loaded the first time),
/// for the site's base path. A reader from another deploy (another [`POST_FORMAT`]) is
/// `Outdated`; a reader that fails (a trap kills its instance) is let go, so asking again
/// loads a fresh one.
pub async fn parse(site: AppState, file: &str, text: &str) -> Result<Post, LoadError> {
    /// What the reader answers (`crates/parser`).
    #[derive(serde::Deserialize)]
    struct Answer {
        #[serde(default)]
        format: u32,
        post: Option<Post>,
        error: Option<String>,
    }
    let reader = load(site).await?;
    let failed = |reason: String| {
        site.visit().with(|c| c.readers.clear());
        LoadError::Network { what: WHAT, reason }
    };
    let answer = reader
        .call3(
            &JsValue::NULL,
            &file.into(),
            &text.into(),
            &site.base().into(),
        )
        .map_err(|e| failed(reason(&e)))?;
    if answer.is_null() || answer.is_undefined() {
        return Err(failed("it gave no answer".into()));
    }
    let answer: Answer = serde_wasm_bindgen::from_value(answer)
        .map_err(|e| failed(format!("its answer is damaged: {e}")))?;
    if answer.format != POST_FORMAT {
        return Err(LoadError::Outdated);
    }
    match answer {
        Answer {
            post: Some(post), ..
        } => Ok(post),
        Answer {
            error: Some(error), ..
        } => Err(LoadError::Invalid(error)),
        _ => Err(failed("it gave an empty answer".into())),
    }
}

/// Loads the reader once the browser is idle, unless it is loaded or on its way: called
/// where opening a post is the likely next step (a list of posts), so the click finds it
/// ready. A reader who asked to save data (`Save-Data`) loads it only when needed; a
/// failure here is silent (opening a post tries again and says so).
pub fn warm_up(site: AppState) {
    // Scheduled once per visit (a list page can show several lists of posts).
    let scheduled = site
        .visit()
        .with(|c| std::mem::replace(&mut c.reader_warm_up, true))
        .unwrap_or(true);
    if scheduled || site.visit().requested(readers, "reader") {
        return;
    }
    // Only loaded and started, nothing parsed: browsers compile a wasm function the first
    // time it runs, and parsing a sample post here to take that off the click was one long
    // task on the list page (Lighthouse's TBT for the list: 318 ms with it, 119 without).
    let closure = Closure::once(move || {
        // Never a retry: once a load was tried (and perhaps failed, showing its message),
        // loading again is for the reader's "Try again" or their next post.
        let tried = site.visit().with(|c| c.reader_attempts > 0).unwrap_or(true);
        if tried || site.visit().requested(readers, "reader") {
            return;
        }
        leptos::task::spawn_local(async move {
            let _ = load(site).await;
        });
    });
    when_idle(&closure);
    // Called at most once by the browser; its memory is the price of not tracking it.
    closure.forget();
}

/// The reader's `read_post(file, text, base) -> answer`, loaded the first time it is asked
/// for. A failed load is not kept: asking again tries again.
async fn load(site: AppState) -> Result<js_sys::Function, LoadError> {
    let visit = site.visit();
    let base = site.base();
    visit
        .once(readers, "reader", move || async move {
            // A failed `import()` of a URL is remembered by the browser: a retry needs
            // another URL.
            let attempt = visit
                .with(|c| {
                    c.reader_attempts += 1;
                    c.reader_attempts
                })
                .unwrap_or(1);
            let url = under_base(&base, routes::PARSER_SCRIPT);
            let url = if attempt > 1 {
                format!("{url}?attempt={attempt}")
            } else {
                url
            };
            start(&url, &under_base(&base, routes::PARSER_WASM)).await
        })
        .await
}

/// Imports the reader's glue from `script`, starts its wasm from `wasm`, and returns its
/// `read_post`. A reader without it (an earlier deploy's, whose `parse_post` answered with
/// JSON text) is `Outdated`.
async fn start(script: &str, wasm: &str) -> Result<js_sys::Function, LoadError> {
    let module = JsFuture::from(import_module(script).map_err(failed)?)
        .await
        .map_err(failed)?;
    let init: js_sys::Function = js_sys::Reflect::get(&module, &"default".into())
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"module_or_path".into(), &wasm.into()).map_err(failed)?;
    let started = init.call1(&JsValue::NULL, &options).map_err(failed)?;
    JsFuture::from(js_sys::Promise::resolve(&started))
        .await
        .map_err(failed)?;
    js_sys::Reflect::get(&module, &"read_post".into())
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| LoadError::Outdated)
}

/// A failed load as the reader is told of it.
fn failed(error: JsValue) -> LoadError {
    let what = WHAT;
    if crate::api::is_offline() {
        LoadError::Offline { what }
    } else {
        LoadError::Network {
            what,
            reason: reason(&error),
        }
    }
}

/// A JavaScript error's message.
fn reason(error: &JsValue) -> String {
    crate::api::js_error_message(error).unwrap_or_else(|| "it could not be started".into())
}
