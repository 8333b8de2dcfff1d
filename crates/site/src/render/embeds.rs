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
use blog_core::i18n::{fill, CardWords, Strings};

/// Writes the card's files under `dist/embed/`. The card's pages take the blog's own
/// stylesheet too (`custom`: its site path, when it has one); the card on other sites
/// never does (its styles are its own, in its shadow root).
pub(crate) fn write(
    out: &Output,
    index: &PostIndex,
    language: &str,
    strings: &Strings,
    custom: Option<&str>,
) -> Result<()> {
    let loader = super::read_file(&out.at(routes::EMBED_SCRIPT))?;
    let css = loader
        .split_once("const CSS = `")
        .and_then(|(_, rest)| rest.split_once("`;"))
        .map(|(css, _)| css)
        .context("embed/author-card.js has no `const CSS = `...`;` block")?;
    out.write(&out.at(routes::EMBED_CARD_CSS), css)?;
    // Each entry carries the card's words: the loader hands the card one entry.
    #[derive(serde::Serialize)]
    struct Entry<'a> {
        #[serde(flatten)]
        author: &'a blog_core::author::Author,
        words: &'a CardWords,
    }
    let words = CardWords::of(strings);
    let entries: Vec<Entry> = index
        .authors
        .iter()
        .map(|author| Entry {
            author,
            words: &words,
        })
        .collect();
    let json = serde_json::to_string(&entries).context("cannot list the authors")?;
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
        let title = html::escape(&fill(&words.about, &[("name", &author.name)]));
        let card = Owner::new()
            .with(|| view! { <AuthorCard author=author.clone() words=words.clone() /> }.to_html());
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"../../card.css\">{custom}\n</head>\n<body><div class=\"frame\">{card}</div></body>\n</html>\n",
            html::escape(language)
        );
        let file = out
            .at(&routes::embedded_author(&author.id))
            .join("index.html");
        out.write(&file, &page)?;
    }
    Ok(())
}
