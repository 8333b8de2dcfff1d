// blogtool serve: reloads the page when the blog has been built again, lists what cannot
// be built or read over the page, and keeps the build's warnings (what `blogtool check`
// says) one click away. Only previews carry it; a built site never does.
(function () {
  "use strict";
  var script = document.currentScript;
  var events = script.src.replace(/live\.js(\?.*)?$/, "events");
  // The build this page is from (the server writes it into the script's address): any
  // other build means the page is out of date, however quickly it came.
  var from = /[?&]since=(\d+)/.exec(script.src);
  var seen = from ? Number(from[1]) : null;
  // The server's state this page has shown (builds and failed attempts alike).
  var version = null;

  // The box with `id` listing `lines` under a title, made when first needed and removed
  // when there is nothing to list: problems in red over the page's foot, warnings folded
  // away in a quieter box at its head (a blog moved from another engine may have many).
  function list(id, lines, noun, warning) {
    var box = document.getElementById(id);
    if (!lines.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement(warning ? "details" : "aside");
      box.id = id;
      box.setAttribute("role", warning ? "status" : "alert");
      // Styled through the DOM: the pages' content policy allows no style attribute.
      var s = box.style;
      s.position = "fixed";
      s.insetInline = warning ? "auto 1rem" : "1rem";
      if (warning) s.top = "1rem";
      else s.bottom = "1rem";
      s.zIndex = "2147483647";
      s.maxWidth = "calc(100vw - 2rem)";
      s.maxHeight = "50vh";
      s.overflow = "auto";
      s.padding = "0.75rem 1rem";
      s.background = warning ? "#713f12" : "#7f1d1d";
      s.color = "#fff";
      s.borderRadius = "0.5rem";
      s.font = "14px/1.4 ui-monospace, monospace";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement(warning ? "summary" : "strong");
    title.textContent = "blogtool: " + lines.length + " " + noun + (lines.length === 1 ? "" : "s");
    box.appendChild(title);
    lines.forEach(function (text) {
      var line = document.createElement("pre");
      line.style.whiteSpace = "pre-wrap";
      line.style.margin = "0.5rem 0 0";
      line.textContent = text;
      box.appendChild(line);
    });
  }

  function show(state) {
    list("blogtool-problems", state.problems || [], "problem", false);
    list("blogtool-warnings", state.warnings || [], "warning", true);
  }

  function poll() {
    var query = [];
    if (seen !== null) query.push("since=" + seen);
    if (version !== null) query.push("version=" + version);
    fetch(events + (query.length ? "?" + query.join("&") : ""), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (seen !== null && state.generation !== seen) {
          location.reload();
          return;
        }
        seen = state.generation;
        version = state.version;
        show(state);
        poll();
      }, function () {
        // The server is restarting, or gone: try again shortly.
        setTimeout(poll, 1000);
      });
  }
  poll();
})();
