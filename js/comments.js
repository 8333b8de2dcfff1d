// A post's comments, shown only when the reader asks: the page's "Show comments" link
// (a facade the post's page renders) becomes the provider's widget or the Mastodon
// replies. Only post pages of a blog with comments load this file, and their content
// policy allows that provider alone; nothing leaves the site before the click.
//
// blogtool writes the settings on this script's element: data-provider (giscus,
// utterances or mastodon), data-attributes (the provider's script attributes, JSON), and
// for Mastodon data-reader/data-reader-wasm (the post reader, whose sanitizer the replies
// go through).
(function () {
  var me = document.currentScript;
  var provider = me.dataset.provider;
  var attributes = JSON.parse(me.dataset.attributes || "{}");
  var scripts = { giscus: "https://giscus.app/client.js", utterances: "https://utteranc.es/client.js" };

  // Where a section's Mastodon replies are asked for: the address its reply link carries
  // (the page reads the status address by the same rule the policy was written by).
  function replies(section) {
    var link = section && section.querySelector(".reply-on-mastodon");
    return (link && link.dataset.replies) || "";
  }
  function originOf(url) {
    try { return new URL(url).origin; } catch (e) { return ""; }
  }
  // This page's own thread's server: the only one its policy allows.
  var own = originOf(replies(document.querySelector(".comments")));

  function status(section, text) {
    var p = section.querySelector(".comments-status");
    if (!p) {
      p = document.createElement("p");
      p.className = "comments-status";
      p.setAttribute("role", "status");
      section.querySelector(".comments-actions").before(p);
    }
    p.textContent = text;
  }

  // The widget's script, placed in the section: giscus and utterances put their frame
  // where their script is.
  function widget(section) {
    var box = document.createElement("div");
    if (provider === "giscus") box.className = "giscus";
    var s = document.createElement("script");
    s.src = scripts[provider];
    Object.keys(attributes).forEach(function (name) { s.setAttribute(name, attributes[name]); });
    s.crossOrigin = "anonymous";
    s.async = true;
    s.onerror = function () { status(section, "The comments could not be loaded. Try again later."); };
    box.appendChild(s);
    section.querySelector(".comments-actions").before(box);
  }

  var reader;
  // The post reader's sanitizer, loaded once (the app's service worker keeps it too).
  function sanitizer() {
    reader = reader || import(me.dataset.reader).then(function (m) {
      return m.default({ module_or_path: me.dataset.readerWasm }).then(function () { return m.sanitize; });
    });
    return reader;
  }

  function reply(status, clean) {
    var li = document.createElement("li");
    li.className = "comment";
    var account = status.account || {};
    var avatar = document.createElement("img");
    avatar.className = "comment-avatar";
    avatar.alt = "";
    avatar.width = 40;
    avatar.height = 40;
    avatar.loading = "lazy";
    if (/^https:\/\//.test(account.avatar_static || account.avatar || "")) avatar.src = account.avatar_static || account.avatar;
    var meta = document.createElement("p");
    meta.className = "comment-meta";
    var who = document.createElement("a");
    who.className = "comment-author";
    who.textContent = account.display_name || account.acct || account.username || "";
    if (/^https:\/\//.test(account.url || "")) who.href = account.url;
    var when = document.createElement("a");
    var time = document.createElement("time");
    time.dateTime = status.created_at || "";
    var date = new Date(status.created_at);
    time.textContent = isNaN(date) ? "" : date.toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
    when.appendChild(time);
    if (/^https:\/\//.test(status.url || "")) when.href = status.url;
    meta.append(who, " \u00b7 ", when);
    var body = document.createElement("div");
    body.className = "comment-body";
    // Someone else's HTML: only what the post reader's sanitizer lets through.
    body.innerHTML = clean(status.content || "");
    li.append(avatar, meta, body);
    return li;
  }

  function mastodon(section) {
    var from = replies(section);
    status(section, "Loading replies from " + originOf(from).replace("https://", "") + "\u2026");
    var context = fetch(from, { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
    Promise.all([context, sanitizer()]).then(function (got) {
      var found = (got[0] && got[0].descendants) || [];
      if (!found.length) return status(section, "No replies yet.");
      var list = document.createElement("ol");
      list.className = "comment-list";
      found.forEach(function (s) { list.appendChild(reply(s, got[1])); });
      section.querySelector(".comments-actions").before(list);
      status(section, found.length === 1 ? "1 reply" : found.length + " replies");
    }).catch(function () {
      status(section, "The replies could not be loaded. Read them on Mastodon.");
    });
  }

  function show(section, link) {
    if (section.dataset.shown) return;
    section.dataset.shown = "";
    link.hidden = true;
    if (provider === "mastodon") {
      mastodon(section);
    } else {
      widget(section);
    }
  }

  // Shown here when this page's policy allows it: always for a widget; for Mastodon, when
  // the thread is on this page's own server (a post reached in the app may be elsewhere).
  // Otherwise the link (the post's address with `?comments#comments`: another document,
  // so the browser loads it) opens that post's own page, which shows them.
  function here(section) {
    if (provider !== "mastodon") return true;
    var from = originOf(replies(section));
    return !!from && from === own;
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest(".show-comments");
    if (!link || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var section = link.closest(".comments");
    if (!section || !here(section)) return;
    e.preventDefault();
    show(section, link);
  });

  // Arriving by the link to the comments: the reader asked for them. The address loses
  // the query the link added, so a provider mapping threads by URL sees the post's own.
  if (location.hash === "#comments") {
    if (location.search === "?comments") history.replaceState(history.state, "", location.pathname + location.hash);
    var section = document.querySelector(".comments");
    var link = section && section.querySelector(".show-comments");
    if (link && here(section)) show(section, link);
  }
})();
