//! The comments section under a post, when the site has comments (`comments:` in
//! `site.yaml`): a facade that loads nothing from anyone — a heading, where the comments
//! would come from, and a "Show comments" link. The post page's own script
//! (`comments.js`, on post pages only) turns it into the provider's widget when the reader
//! asks, with or without the app; where that script cannot (a page reached in the app from
//! one whose policy allows no provider), the link opens the post's own page (its address
//! with `?comments`, so the browser loads it rather than scroll) at `#comments`, which
//! shows them at once.

use blog_core::services::{CommentsProvider, MastodonThread, COMMENTS_ID};
use leptos::prelude::*;

use crate::site::AppState;
use crate::site::{fill, text, with_strings};
use blog_core::i18n::{Count, Text};

/// The facade for the post at `page` (its address, base path included), or nothing when
/// the site has no comments or this post has them off.
#[component]
pub fn Comments(
    /// The post's address.
    page: String,
    /// The post's `comments:` (false: none here).
    comments: Option<bool>,
    /// The post's `mastodon:` status URL.
    mastodon: Option<String>,
) -> impl IntoView {
    let provider: CommentsProvider = expect_context::<AppState>().info().comments?;
    if !provider.shows(comments, mastodon.as_deref()) {
        return None;
    }
    // The replies' count, chosen by the script as `Strings::count` would.
    let (count_forms, plurals, digits) = with_strings(|s| {
        let at = Count::Replies as usize * 6;
        let forms = s.counts.get(at..at + 6).unwrap_or_default().join("\u{1f}");
        (forms, s.plurals.0.clone(), s.digits.clone())
    });
    let note = fill(
        Text::CommentsFrom,
        &[("host", &provider.facade_host(mastodon.as_deref()))],
    );
    // Mastodon's replies can also be read, and answered, on Mastodon itself. The script
    // asks the address this link carries for them (the server and status read here, by the
    // same rule the build's policy allows them by).
    let reply = mastodon.and_then(|url| {
        let thread = MastodonThread::parse(&url)?;
        let replies = format!("{}{}/context", thread.api_prefix(), thread.id);
        Some(view! {
            " "
            <a class="reply-on-mastodon" href=url data-replies=replies>{text(Text::ReplyOnMastodon)}</a>
        })
    });
    Some(view! {
        // comments.js's messages, in the site's language.
        <section
            class="comments"
            id=COMMENTS_ID
            aria-labelledby="comments-title"
            data-unavailable=text(Text::CommentsUnavailable)
            data-loading=text(Text::LoadingReplies)
            data-none=text(Text::NoReplies)
            data-replies-unavailable=text(Text::RepliesUnavailable)
            data-count=count_forms
            data-plurals=plurals
            data-digits=digits
        >
            <h2 id="comments-title">{text(Text::Comments)}</h2>
            <p class="comments-note">{note}</p>
            <p class="comments-actions">
                <a class="show-comments" href=format!("{page}?{COMMENTS_ID}#{COMMENTS_ID}") rel="external">{text(Text::ShowComments)}</a>
                {reply}
            </p>
        </section>
    })
}
