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

/// The focused element of the prerendered page outside its article, found again in the
/// app's page: the element-child indexes from the app's root down to it, and its tag name.
/// The app draws everything but the article anew, and it starts while the reader is there
/// (moving the mouse), so a reader who had tabbed to a header link keeps their place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FocusPath {
    indexes: Vec<u32>,
    tag: String,
}

impl FocusPath {
    /// Where the focus is under `root`, unless it is in `article` (which [`ReaderState`]
    /// keeps as the same element) or not under `root` at all.
    #[cfg(target_arch = "wasm32")]
    pub fn save(root: &web_sys::Element, article: Option<&web_sys::Element>) -> Option<FocusPath> {
        let mut at = root.owner_document()?.active_element()?;
        if article.is_some_and(|a| a.contains(Some(&at))) {
            return None;
        }
        let tag = at.tag_name();
        let mut indexes = Vec::new();
        while &at != root {
            let parent = at.parent_element()?;
            let mut index = 0;
            let mut before = at.previous_element_sibling();
            while let Some(sibling) = before {
                index += 1;
                before = sibling.previous_element_sibling();
            }
            indexes.push(index);
            at = parent;
        }
        indexes.reverse();
        (!indexes.is_empty()).then_some(FocusPath { indexes, tag })
    }

    /// Focuses the element at the same place under `root`, if it is the same kind.
    #[cfg(target_arch = "wasm32")]
    pub fn restore(&self, root: &web_sys::Element) {
        use wasm_bindgen::JsCast;
        let mut at = root.clone();
        for &index in &self.indexes {
            match at.children().item(index) {
                Some(child) => at = child,
                None => return,
            }
        }
        if at.tag_name() == self.tag {
            if let Ok(element) = at.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    }
}
