//! Taking over a prerendered post: its `<article>` leaves the page while the app mounts and
//! comes back as the same element, with what the reader had selected, focused and scrolled
//! to when the app started. Nothing is parsed or rebuilt.

/// A prerendered post's `<article>` element, taken over by the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adopted {
    /// The post's slug, or the page's path (`/about/`).
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

/// An element of the prerendered page found again in the app's page: the element-child
/// indexes from the app's root down to it, and its tag name (the app draws the same page
/// with the same components, so the same place holds the same element).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ElementPath {
    indexes: Vec<u32>,
    tag: String,
}

impl ElementPath {
    /// Where `element` is under `root`; `None` when it is not under it.
    #[cfg(target_arch = "wasm32")]
    pub fn of(root: &web_sys::Element, element: &web_sys::Element) -> Option<ElementPath> {
        let tag = element.tag_name();
        let mut at = element.clone();
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
        Some(ElementPath { indexes, tag })
    }

    /// The element at the same place under `root`, if it is the same kind.
    #[cfg(target_arch = "wasm32")]
    pub fn find(&self, root: &web_sys::Element) -> Option<web_sys::Element> {
        let mut at = root.clone();
        for &index in &self.indexes {
            at = at.children().item(index)?;
        }
        (at.tag_name() == self.tag).then_some(at)
    }
}

/// What the reader was doing in the prerendered page outside its article when the app
/// started (it starts while they are there, at their first movement of the mouse): the
/// focused element, and text typed into fields (a search box on a slow connection). The
/// article itself keeps both, being the same element ([`ReaderState`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageState {
    focus: Option<ElementPath>,
    typed: Vec<(ElementPath, String)>,
}

impl PageState {
    /// Notes the focus and typed text under `root`, outside `article`.
    #[cfg(target_arch = "wasm32")]
    pub fn save(root: &web_sys::Element, article: Option<&web_sys::Element>) -> PageState {
        use wasm_bindgen::JsCast;
        let outside = |el: &web_sys::Element| !article.is_some_and(|a| a.contains(Some(el)));
        let focus = root
            .owner_document()
            .and_then(|d| d.active_element())
            .filter(|el| el != root && outside(el))
            .and_then(|el| ElementPath::of(root, &el));
        let mut typed = Vec::new();
        if let Ok(fields) = root.query_selector_all("input") {
            for i in 0..fields.length() {
                let Some(field) = fields
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                else {
                    continue;
                };
                let value = field.value();
                if value != field.default_value() && outside(&field) {
                    typed.extend(ElementPath::of(root, &field).map(|path| (path, value)));
                }
            }
        }
        PageState { focus, typed }
    }

    /// Puts the typed text back (as typing would: the field's `input` event follows) and
    /// the focus, where the app's page has those elements; `false` while some are not drawn
    /// yet (a list the app draws a moment after it starts). The focus is put back only if
    /// the reader has not moved it since.
    #[cfg(target_arch = "wasm32")]
    pub fn restore(&self, root: &web_sys::Element) -> bool {
        use wasm_bindgen::JsCast;
        let mut all = true;
        for (path, value) in &self.typed {
            match path
                .find(root)
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                Some(field) if field.value() != *value => {
                    field.set_value(value);
                    let init = web_sys::EventInit::new();
                    init.set_bubbles(true);
                    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
                        let _ = field.dispatch_event(&event);
                    }
                }
                Some(_) => {}
                None => all = false,
            }
        }
        if let Some(path) = &self.focus {
            let document = root.owner_document();
            let unmoved = document
                .as_ref()
                .and_then(|d| d.active_element())
                .is_none_or(|el| {
                    Some(el) == document.as_ref().and_then(|d| d.body().map(Into::into))
                });
            match path.find(root) {
                Some(el) if unmoved => {
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
                Some(_) => {}
                None => all = false,
            }
        }
        all
    }
}
