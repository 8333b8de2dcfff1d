//! The author card: portrait or initials, name, bio and profile links.

use blog_core::author::Author;
use leptos::prelude::*;

use crate::optional_image::OptionalImage;
use blog_core::i18n::{fill, CardWords};

/// One author's card. Everything it shows comes from `author`, so the same component renders
/// on post pages and embedded on other websites.
#[component]
pub fn AuthorCard(
    /// The author to show.
    author: Author,
    /// Heading level text above the name, e.g. "About the author"; omitted when empty.
    #[prop(into, optional)]
    label: String,
    /// A smaller card without the bio, for tight spaces on other sites.
    #[prop(optional)]
    compact: bool,
    /// Its words in the site's language; without them, the author's name alone labels it.
    #[prop(optional)]
    words: CardWords,
) -> impl IntoView {
    let name = author.name.clone();
    let name = name.as_str();
    // A registry from before the words were carried has none: the name says enough.
    let say = |template: &str, args: &[(&str, &str)], otherwise: &str| match template {
        "" => otherwise.to_string(),
        template => fill(template, args),
    };
    let initials = author.initials();
    let avatar = match author.avatar.clone() {
        Some(src) => {
            let initials = initials.clone();
            view! {
                <OptionalImage
                    src=src
                    alt=say(&words.portrait, &[("name", name)], name)
                    class="author-avatar"
                    fallback=move || view! { <Initials text=initials.clone() /> }
                />
            }
            .into_any()
        }
        None => view! { <Initials text=initials /> }.into_any(),
    };
    let linked_name = match author.website.clone() {
        Some(site) => view! {
            <a href=site rel="noopener noreferrer" target="_blank">{author.name.clone()}</a>
        }
        .into_any(),
        None => author.name.clone().into_any(),
    };
    let links = author
        .links
        .iter()
        .map(|link| {
            let accessible = say(
                &words.link,
                &[("name", name), ("site", &link.label)],
                &link.label,
            );
            view! {
                <li>
                    <a
                        href=link.url.clone()
                        rel="noopener noreferrer me"
                        target="_blank"
                        aria-label=accessible
                    >
                        {link.label.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
    let has_links = !author.links.is_empty();
    let bio = (!compact).then(|| author.bio.clone());
    let class = if compact {
        "author-card compact"
    } else {
        "author-card"
    };
    view! {
        <section class=class aria-label=say(&words.about, &[("name", name)], name) data-author=author.id.clone()>
            {avatar}
            <div class="author-text">
                {(!label.is_empty()).then(|| view! { <p class="author-label">{label}</p> })}
                <p class="author-name">{linked_name}</p>
                {bio.filter(|b| !b.is_empty()).map(|bio| view! { <p class="author-bio">{bio}</p> })}
                {has_links.then(|| view! { <ul class="author-links">{links}</ul> })}
            </div>
        </section>
    }
}

/// The initials shown instead of a portrait; hidden from screen readers, which read the name.
#[component]
fn Initials(text: String) -> impl IntoView {
    view! { <span class="author-avatar author-initials" aria-hidden="true">{text}</span> }
}
