// blogtool serve: reloads the page when the blog has been built again, and lists what
// cannot be built or read over the page. Only previews carry it; a built site never does.
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

  function show(problems) {
    var box = document.getElementById("blogtool-problems");
    if (!problems.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("aside");
      box.id = "blogtool-problems";
      box.setAttribute("role", "alert");
      // Styled through the DOM: the pages' content policy allows no style attribute.
      var s = box.style;
      s.position = "fixed";
      s.insetInline = "1rem";
      s.bottom = "1rem";
      s.zIndex = "2147483647";
      s.maxHeight = "50vh";
      s.overflow = "auto";
      s.padding = "0.75rem 1rem";
      s.background = "#7f1d1d";
      s.color = "#fff";
      s.borderRadius = "0.5rem";
      s.font = "14px/1.4 ui-monospace, monospace";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "blogtool: " + problems.length + (problems.length === 1 ? " problem" : " problems");
    box.appendChild(title);
    problems.forEach(function (problem) {
      var line = document.createElement("pre");
      line.style.whiteSpace = "pre-wrap";
      line.style.margin = "0.5rem 0 0";
      line.textContent = problem;
      box.appendChild(line);
    });
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
        show(state.problems);
        poll();
      }, function () {
        // The server is restarting, or gone: try again shortly.
        setTimeout(poll, 1000);
      });
  }
  poll();
})();
