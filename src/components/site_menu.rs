//! The header's menu (`menu:` in `site.yaml`, and pages with `menu: main`): on every page,
//! the current page's entry marked. On narrow screens it folds into a "Menu" disclosure
//! (`<details>`: no script needed, the prerendered page works the same).

use blog_core::config::MenuLink;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::site::text;
use crate::site::{href, AppState};
use blog_core::i18n::Text;

/// The menu, or nothing when the site has none.
#[component]
pub fn SiteMenu() -> impl IntoView {
    let site = expect_context::<AppState>();
    let location = use_location();
    move || {
        let menu = site.info().menu;
        if menu.is_empty() {
            return None;
        }
        let here = location.pathname.get();
        let items = || menu.iter().map(|link| entry(link, &here)).collect_view();
        Some(view! {
            <nav class="site-menu" aria-label=text(Text::Menu)>
                <ul class="menu-wide">{items()}</ul>
                <details class="menu-narrow">
                    <summary>{text(Text::Menu)}</summary>
                    <ul>{items()}</ul>
                </details>
            </nav>
        })
    }
}

/// One entry, marked `aria-current="page"` when it is the page at `here` (the router's
/// path, base included).
fn entry(link: &MenuLink, here: &str) -> impl IntoView {
    let target = href(&link.url);
    // The router's path is percent-escaped as the browser sends it.
    let here = blog_core::url::percent_decode(here);
    let current = is_current(&target, &here).then_some("page");
    view! { <li><a href=target aria-current=current>{link.label.clone()}</a></li> }
}

/// Whether link `target` (under the base path, or a full URL) names the page at `here`:
/// the same path, with or without its last `/`.
fn is_current(target: &str, here: &str) -> bool {
    target.starts_with('/')
        && !target.starts_with("//")
        && target
            .split(['#', '?'])
            .next()
            .unwrap_or(target)
            .trim_end_matches('/')
            == here.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn marks_the_entry_of_the_page_shown() {
        let cases = [
            ("/about/", "/about/", true),
            ("/about/", "/about", true),
            ("/blog/about/", "/blog/about/", true),
            ("/", "/", true),
            ("/", "/about/", false),
            ("/about/", "/about/team/", false),
            ("/about/#me", "/about/", true),
            ("https://x.example/about/", "/about/", false),
            ("//x.example/about/", "/about/", false),
        ];
        for (target, here, want) in cases {
            assert_eq!(is_current(target, here), want, "{target} {here}");
        }
    }
}
