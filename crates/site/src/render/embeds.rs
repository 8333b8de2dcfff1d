//! The embeddable author card's files: `embed/authors.json` (the registry the loader reads),
//! `embed/card.css` (the card's styles, taken from the loader so there is one copy) and, for
//! hosts that allow no scripts, a page per author at `embed/authors/<id>/` rendered by the
//! same `AuthorCard` component.

use anyhow::{Context, Result};
use blog_core::html;
use blog_core::index::PostIndex;
use blog_core::routes;
use leptos::prelude::*;
use rustblog::components::author_card::AuthorCard;

use crate::output::Output;

/// Writes the card's files under `dist/embed/`. The card's pages take the blog's own
/// stylesheet too (`custom`: its site path, when it has one); the card on other sites
/// never does (its styles are its own, in its shadow root).
pub(crate) fn write(
    out: &Output,
    index: &PostIndex,
    language: &str,
    custom: Option<&str>,
) -> Result<()> {
    let loader = super::read_file(&out.at(routes::EMBED_SCRIPT))?;
    let css = loader
        .split_once("const CSS = `")
        .and_then(|(_, rest)| rest.split_once("`;"))
        .map(|(css, _)| css)
        .context("embed/author-card.js has no `const CSS = `...`;` block")?;
    out.write(&out.at(routes::EMBED_CARD_CSS), css)?;
    let json = serde_json::to_string(&index.authors).context("cannot list the authors")?;
    out.write(&out.at(routes::EMBED_AUTHORS), &json)?;
    let custom = custom
        .map(|path| {
            format!(
                "\n<link rel=\"stylesheet\" href=\"{}\">",
                html::escape(path)
            )
        })
        .unwrap_or_default();
    for author in &index.authors {
        let name = html::escape(&author.name);
        let card = Owner::new().with(|| view! { <AuthorCard author=author.clone() /> }.to_html());
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>About {name}</title>\n<link rel=\"stylesheet\" href=\"../../card.css\">{custom}\n</head>\n<body><div class=\"frame\">{card}</div></body>\n</html>\n",
            html::escape(language)
        );
        let file = out
            .at(&routes::embedded_author(&author.id))
            .join("index.html");
        out.write(&file, &page)?;
    }
    Ok(())
}
