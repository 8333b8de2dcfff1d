//! Component tests in headless Chromium: mount each component on a fresh element and read
//! the DOM the way a reader's browser would show it.
#![cfg(target_arch = "wasm32")]

use blog_core::author::{Author, ProfileLink};
use blog_core::i18n::{read_table, CardWords, Strings, Table};
use blog_core::post::Post;
use leptos::prelude::*;
use rustblog::components::author_card::AuthorCard;
use rustblog::components::error_view::ErrorView;
use rustblog::components::post_card::PostCard;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The engine's English words, with the long date ICU4X gives English (the build works
/// that out; here it is written down).
fn english() -> Strings {
    let mut table = Table::default();
    let mut warnings = Vec::new();
    read_table(
        "en.yaml",
        include_str!("../crates/site/i18n/en.yaml"),
        &mut table,
        &mut warnings,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    Strings {
        date: "{month} {d}, {y}".into(),
        months: [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
        .map(String::from)
        .to_vec(),
        ..table.strings()
    }
}

/// The app's state for a lone component: a site at `base` in English.
fn provide_site(base: &str) {
    use blog_core::config::SiteIdentity;
    use rustblog::site::{AppStart, AppState, PageData};
    provide_context(AppState::new(AppStart {
        base: base.into(),
        data: PageData {
            site: Some(SiteIdentity {
                strings: english(),
                ..SiteIdentity::default()
            }),
            ..PageData::default()
        },
        ..AppStart::default()
    }));
}

fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector} in {}", root.inner_html()))
}

fn text(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

fn author(avatar: Option<&str>) -> Author {
    Author {
        id: "alvison-hunter".into(),
        name: "Alvison Hunter".into(),
        website: Some("https://alvisonhunter.com/".into()),
        avatar: avatar.map(Into::into),
        bio: "Full-Stack Software Engineer.".into(),
        links: ["Medium", "Dev.to", "Hashnode"]
            .iter()
            .map(|label| ProfileLink {
                label: label.to_string(),
                url: format!("https://example.com/{label}"),
            })
            .collect(),
    }
}

#[wasm_bindgen_test]
async fn author_card_shows_name_bio_and_links_with_accessible_names() {
    let root = container();
    let _mounted = leptos::mount::mount_to(
        root.clone(),
        || view! { <AuthorCard author=author(None) label="About the author" words=CardWords::of(&english()) /> },
    );
    leptos::task::tick().await;
    assert_eq!(text(&root, ".author-name"), "Alvison Hunter");
    assert_eq!(
        one(&root, ".author-name a")
            .get_attribute("href")
            .as_deref(),
        Some("https://alvisonhunter.com/")
    );
    assert_eq!(text(&root, ".author-bio"), "Full-Stack Software Engineer.");
    assert_eq!(text(&root, ".author-initials"), "AH");
    let links = all(&root, ".author-links a");
    assert_eq!(links.len(), 3);
    assert_eq!(
        links[0].get_attribute("aria-label").as_deref(),
        Some("Alvison Hunter on Medium (opens in a new tab)")
    );
    for link in &links {
        assert!(link
            .get_attribute("rel")
            .unwrap_or_default()
            .contains("noopener"));
    }
}

#[wasm_bindgen_test]
async fn author_card_falls_back_to_initials_when_the_portrait_fails() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <AuthorCard author=author(Some("/missing-portrait.png")) words=CardWords::of(&english()) /> }
    });
    leptos::task::tick().await;
    let img = one(&root, "img.author-avatar");
    assert!(all(&root, ".author-initials").is_empty());
    img.dispatch_event(&web_sys::Event::new("error").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert!(
        all(&root, "img").is_empty(),
        "broken image still shown: {}",
        root.inner_html()
    );
    assert_eq!(text(&root, ".author-initials"), "AH");
}

#[wasm_bindgen_test]
async fn author_card_without_profile_shows_just_the_name() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <AuthorCard author=Author::unregistered("Ada Lovelace") /> }
    });
    leptos::task::tick().await;
    assert_eq!(text(&root, ".author-name"), "Ada Lovelace");
    assert!(all(&root, ".author-links, .author-bio, .author-name a").is_empty());
}

#[wasm_bindgen_test]
async fn post_card_links_to_the_post_and_shows_its_facts() {
    let post = Post::parse(
        "hello.md",
        "---\ntitle: Hello\ndate: 2025-03-15\nimage: /images/h.png\n---\nFirst words.\n",
    )
    .unwrap();
    let root = container();
    let meta = post.meta.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_site("/blog/");
        view! { <ul><PostCard meta=meta authors=vec![author(None)] base="/blog/" /></ul> }
    });
    leptos::task::tick().await;
    assert_eq!(
        one(&root, ".post-card-title a")
            .get_attribute("href")
            .as_deref(),
        Some("/blog/posts/hello")
    );
    assert_eq!(text(&root, "time"), "March 15, 2025");
    assert_eq!(
        one(&root, "time").get_attribute("datetime").as_deref(),
        Some("2025-03-15")
    );
    assert_eq!(text(&root, ".reading-time"), "1 min read");
    assert!(text(&root, ".authors").contains("Alvison Hunter"));
    assert_eq!(text(&root, ".post-card-description"), "First words.");
    assert_eq!(
        one(&root, "img.thumb").get_attribute("src").as_deref(),
        Some("/blog/images/h.png")
    );
}

#[wasm_bindgen_test]
async fn error_view_says_what_failed_and_retries() {
    let root = container();
    let retries = RwSignal::new(0);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <ErrorView
                title="This post could not be loaded"
                message="the server answered HTTP 500"
                on_retry=Callback::new(move |_| retries.update(|n| *n += 1))
            />
        }
    });
    leptos::task::tick().await;
    assert_eq!(
        text(&root, ".error-message"),
        "the server answered HTTP 500"
    );
    let button: HtmlElement = one(&root, "button").unchecked_into();
    button.click();
    button.click();
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn the_site_settings_name_the_blog_and_list_its_links() {
    use blog_core::config::SiteIdentity;
    use rustblog::site::{AppStart, PageData};
    let info = SiteIdentity {
        title: "Field Notes".into(),
        tagline: "Short ones.".into(),
        social: vec![ProfileLink {
            label: "Mastodon".into(),
            url: "https://mastodon.example/@notes".into(),
        }],
        ..SiteIdentity::default()
    };
    let settings = AppStart {
        base: "/".into(),
        data: PageData {
            site: Some(SiteIdentity {
                strings: english(),
                ..info
            }),
            ..PageData::default()
        },
        ..AppStart::default()
    };
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <rustblog::App settings=settings /> }
    });
    leptos::task::tick().await;
    assert_eq!(text(&root, ".site-title"), "Field Notes");
    assert_eq!(text(&root, ".site-tagline"), "Short ones.");
    let links = all(&root, ".social-links a");
    assert_eq!(links[0].text_content().as_deref(), Some("Mastodon"));
    assert_eq!(links[0].get_attribute("rel").as_deref(), Some("me"));
    assert_eq!(
        links[0].get_attribute("href").as_deref(),
        Some("https://mastodon.example/@notes")
    );
    assert_eq!(
        links.last().unwrap().text_content().as_deref(),
        Some("Atom feed")
    );
}

#[wasm_bindgen_test]
async fn the_menu_lists_its_entries_and_a_site_without_one_has_none() {
    use blog_core::config::{MenuLink, SiteIdentity};
    use rustblog::site::{AppStart, PageData};
    let mount = |menu: Vec<MenuLink>| {
        let settings = AppStart {
            base: "/blog/".into(),
            data: PageData {
                site: Some(SiteIdentity {
                    menu,
                    strings: english(),
                    ..SiteIdentity::default()
                }),
                ..PageData::default()
            },
            ..AppStart::default()
        };
        let root = container();
        let mounted = leptos::mount::mount_to(root.clone(), move || {
            view! { <rustblog::App settings=settings /> }
        });
        (root, mounted)
    };
    let (root, _mounted) = mount(vec![
        MenuLink {
            label: "About".into(),
            url: "/about/".into(),
            weight: 0,
        },
        MenuLink {
            label: "Code".into(),
            url: "https://code.example/me".into(),
            weight: 5,
        },
    ]);
    leptos::task::tick().await;
    let links = all(&root, ".site-menu .menu-wide a");
    let shown: Vec<(Option<String>, Option<String>)> = links
        .iter()
        .map(|a| (a.text_content(), a.get_attribute("href")))
        .collect();
    assert_eq!(
        shown,
        [
            (Some("About".into()), Some("/blog/about/".into())),
            (Some("Code".into()), Some("https://code.example/me".into())),
        ]
    );
    // The same entries in the narrow screen's disclosure.
    assert_eq!(all(&root, ".site-menu details a").len(), 2);
    let (bare, _bare_mounted) = mount(Vec::new());
    leptos::task::tick().await;
    assert!(all(&bare, ".site-menu").is_empty());
}
