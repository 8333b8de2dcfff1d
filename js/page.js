// What works without the app, so a prerendered page is whole before it starts (and
// the app needs no code of its own for it). The theme choice is applied before the
// first paint, so the page never flashes the wrong colours.
(function () {
  var root = document.documentElement;
  root.dataset.js = "";
  function remembered() {
    try { var t = localStorage.getItem("theme"); if (t === "light" || t === "dark") root.dataset.theme = t; } catch (e) {}
  }
  remembered();
  function dark() {
    var t = root.dataset.theme;
    return t ? t === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
  }
  // The theme switch says whether dark is showing (once the page is parsed, and again
  // when the app has drawn its own header).
  function pressed() {
    document.querySelectorAll(".theme-toggle").forEach(function (b) { b.setAttribute("aria-pressed", dark()); });
  }
  addEventListener("DOMContentLoaded", pressed);
  addEventListener("TrunkApplicationStarted", pressed);
  // A page kept by the browser for Back, or open in another tab, follows a choice made
  // since on another page.
  addEventListener("pageshow", function (e) { if (e.persisted) { remembered(); pressed(); } });
  addEventListener("storage", function (e) { if (e.key === "theme") { remembered(); pressed(); } });
  addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest(".theme-toggle, .copy-code");
    if (!b) return;
    if (b.classList.contains("theme-toggle")) {
      root.dataset.theme = dark() ? "light" : "dark";
      // Private browsing may refuse: the choice then lasts for this page only.
      try { localStorage.setItem("theme", root.dataset.theme); } catch (e) {}
      return pressed();
    }
    // A code block's copy button copies the code after it; browsers offer the clipboard
    // only to secure pages (https, localhost).
    // Its answers are in the site's language, on the button (Strings::localize_body).
    var label = b.getAttribute("data-label") || b.textContent;
    b.setAttribute("data-label", label);
    var said = function (ok) {
      b.textContent = b.getAttribute(ok ? "data-copied-text" : "data-failed-text") || label;
      b.setAttribute("data-copied", "");
      setTimeout(function () { b.textContent = label; b.removeAttribute("data-copied"); }, 2000);
    };
    var code = b.nextElementSibling ? b.nextElementSibling.textContent : "";
    if (navigator.clipboard) navigator.clipboard.writeText(code).then(function () { said(true); }, function () { said(false); });
    else said(false);
  });
  // An image in a post that cannot load (missing, or blocked) shows its alt text, never a
  // broken-image icon. Listening here catches it before the app starts, and after.
  addEventListener("error", function (e) {
    var i = e.target;
    if (i.tagName !== "IMG" || !i.closest(".post-body")) return;
    var s = document.createElement("span");
    s.className = "image-missing";
    s.textContent = i.alt;
    i.replaceWith(s);
  }, true);
})();
