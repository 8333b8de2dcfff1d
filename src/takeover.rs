//! Taking over a prerendered post: its `<article>` leaves the page while the app mounts and
//! comes back as the same element, with what the reader had selected, focused and scrolled
//! to when the app started. Nothing is parsed or rebuilt.

/// A prerendered post's `<article>` element, taken over by the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adopted {
    /// The post's slug.
    pub slug: String,
    /// The element, out of the document until the post's view puts it back.
    pub article: web_sys::Element,
    /// Where the reader was when it was taken out.
    pub reader: ReaderState,
}

/// Where the reader is in the page: the selection and focus inside the article (a node
/// taken out of the page loses both), and the scroll position (which the page, empty for
/// a moment, could lose).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReaderState {
    /// `(anchor node, offset, focus node, offset)` of a selection inside the article.
    selection: Option<(web_sys::Node, u32, web_sys::Node, u32)>,
    /// The focused element, when it is inside the article.
    focused: Option<web_sys::HtmlElement>,
    /// Scroll position, in CSS pixels.
    scroll: (i32, i32),
}

impl ReaderState {
    /// Notes where the reader is in `article`.
    #[cfg(target_arch = "wasm32")]
    pub fn save(article: &web_sys::Element) -> ReaderState {
        use wasm_bindgen::JsCast;
        let Some(window) = web_sys::window() else {
            return ReaderState::default();
        };
        let inside = |node: &web_sys::Node| article.contains(Some(node));
        let selection = window.get_selection().ok().flatten().and_then(|s| {
            let (anchor, focus) = (s.anchor_node()?, s.focus_node()?);
            (inside(&anchor) && inside(&focus))
                .then(|| (anchor, s.anchor_offset(), focus, s.focus_offset()))
        });
        let focused = window
            .document()
            .and_then(|d| d.active_element())
            .filter(|el| inside(el))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        let scroll = (
            window.scroll_x().unwrap_or(0.0).round() as i32,
            window.scroll_y().unwrap_or(0.0).round() as i32,
        );
        ReaderState {
            selection,
            focused,
            scroll,
        }
    }

    /// Puts the reader back where they were (the article is in the page again).
    #[cfg(target_arch = "wasm32")]
    pub fn restore(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(focused) = &self.focused {
            let _ = focused.focus();
        }
        if let (Some((anchor, a, focus, f)), Ok(Some(selection))) =
            (&self.selection, window.get_selection())
        {
            let _ = selection.set_base_and_extent(anchor, *a, focus, *f);
        }
        let (x, y) = self.scroll;
        if (
            window.scroll_x().unwrap_or(0.0).round() as i32,
            window.scroll_y().unwrap_or(0.0).round() as i32,
        ) != (x, y)
        {
            window.scroll_to_with_x_and_y(f64::from(x), f64::from(y));
        }
    }
}
