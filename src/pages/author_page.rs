//! `/authors/:id`: an author's card in full and their posts.

use std::sync::Arc;

use blog_core::html;
use blog_core::index::PostIndex;
use blog_core::routes::{self, under_base};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::author_card::AuthorCard;
use crate::components::page_head::PageHead;
use crate::components::post_card::PostEntries;
use crate::components::with_index::WithIndex;
use crate::pages::not_found::NotFound;
use crate::site::{base_path, AppState};
use crate::site::{fill, text, with_strings};
use blog_core::i18n::{CardWords, Text};

/// The author named in the URL, or "not found" for an unknown id.
#[component]
pub fn AuthorPage() -> impl IntoView {
    let params = use_params_map();
    let render = move |m: Arc<PostIndex>| {
        let id = params.read().get("id").unwrap_or_default();
        let Some(author) = m.author(&id) else {
            return view! { <NotFound what=fill(Text::NoSuchAuthor, &[("name", &id)]) /> }
                .into_any();
        };
        let posts: Vec<_> = m.posts_by(&id).into_iter().cloned().collect();
        view! {
            <PageHead page=with_strings(|s| blog_core::pages::author(&author, s)) />
            <h1 class="page-title">{author.name.clone()}</h1>
            <AuthorCard author=author.clone().under_base(&base_path()) words=with_strings(CardWords::of) />
            <h2 class="section-title">{fill(Text::PostsBy, &[("name", &author.name)])}</h2>
            {posts.is_empty().then(|| view! { <p class="empty">{text(Text::NoPostsByAuthor)}</p> })}
            <PostEntries posts=posts registry=m.authors.clone() base=base_path() />
            <EmbedSnippets id=author.id.clone() name=author.name.clone() />
        }
        .into_any()
    };
    view! { <WithIndex render=render /> }
}

/// Copy-ready snippets that put this author's card on another website.
#[component]
fn EmbedSnippets(
    /// The author's id.
    id: String,
    /// The author's name, for the fallback link and the iframe title.
    name: String,
) -> impl IntoView {
    let blog = expect_context::<AppState>().site_url();
    // The snippets are HTML people paste: every value in them is escaped.
    let at = |path: &str| html::escape(&under_base(&blog, path));
    let (id, name) = (html::escape(&id), html::escape(&name));
    let script = format!(
        "<script src=\"{}\" data-author=\"{id}\" async></script>",
        at(routes::EMBED_SCRIPT)
    );
    let element = format!(
        "<author-card author=\"{id}\" theme=\"auto\">\n  <a href=\"{}/\">{name}</a>\n</author-card>",
        // The folder form, as the card's script links it.
        at(&routes::author(&id))
    );
    let iframe = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"480\" height=\"230\" style=\"border:0\" loading=\"lazy\"></iframe>",
        at(&routes::embedded_author(&id)),
        fill(Text::AboutName, &[("name", &name)])
    );
    view! {
        <section class="embed-snippets" aria-labelledby="embed-title">
            <h2 id="embed-title" class="section-title">{text(Text::EmbedTitle)}</h2>
            <p>{text(Text::EmbedScript)}</p>
            <pre tabindex="0"><code class="embed-script">{script}</code></pre>
            <p>{text(Text::EmbedElement)}</p>
            <pre tabindex="0"><code class="embed-element">{element}</code></pre>
            <p>{text(Text::EmbedIframe)}</p>
            <pre tabindex="0"><code class="embed-iframe">{iframe}</code></pre>
        </section>
    }
}
