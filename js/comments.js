// A post's comments, shown only when the reader asks: the page's "Show comments" link
// (a facade the post's page renders) becomes the provider's widget or the Mastodon
// replies. Only post pages of a blog with comments load this file, and their content
// policy allows that provider alone; nothing leaves the site before the click.
//
// blogtool writes the settings on this script's element: data-provider (giscus,
// utterances or mastodon), data-script and data-attributes (the widget's script and its
// attributes, JSON), and data-reader/data-reader-wasm (the post reader, whose sanitizer
// Mastodon replies go through).
(function () {
  var me = document.currentScript;
  var provider = me.dataset.provider;
  var attributes = JSON.parse(me.dataset.attributes || "{}");

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

  // The messages are the facade's, in the site's language (its data-* attributes); `{n}`
  // in a count's form is written in the site's digits, the form chosen by the site's
  // plural table (blog_core::i18n::PluralTable: 0-199, then n % 100 + 100, millions last).
  function words(section, name, fill) {
    var text = section.getAttribute("data-" + name) || "";
    Object.keys(fill || {}).forEach(function (key) { text = text.split("{" + key + "}").join(fill[key]); });
    return text;
  }
  function count(section, n) {
    var forms = (section.getAttribute("data-count") || "").split("\u001f");
    var table = section.getAttribute("data-plurals") || "";
    var at = n < 200 ? n : n % 1000000 === 0 ? 200 : 100 + (n % 100);
    var form = forms["zotfmx".indexOf(table.charAt(at))] || forms[5] || "";
    var digits = section.getAttribute("data-digits") || "0123456789";
    var written = String(n).replace(/[0-9]/g, function (d) { return digits.charAt(+d); });
    return form.split("{n}").join(written);
  }

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

  // The post's address as a page loaded at it has it (`posts/x/`), however the reader
  // came (the app's links name it without the last slash): one thread per post.
  function term(section) {
    var link = section.querySelector(".show-comments");
    var path = link ? new URL(link.href).pathname : location.pathname;
    return path.replace(/^\//, "").replace(/([^/])$/, "$1/");
  }

  // The widget's script, placed in the section: giscus and utterances put their frame
  // where their script is. Unless the blog chose how threads are named, by the post.
  function widget(section) {
    var box = document.createElement("div");
    if (provider === "giscus") box.className = "giscus";
    var s = document.createElement("script");
    s.src = me.dataset.script;
    var given = Object.assign({}, attributes);
    // `pathname` (giscus's and utterances' snippets write it) means the same address.
    var mapping = given["data-mapping"];
    if (provider === "giscus" && (!mapping || mapping === "pathname")) {
      given["data-mapping"] = "specific";
      given["data-term"] = term(section);
    }
    var issue = given["issue-term"];
    if (provider === "utterances" && !given["issue-number"] && (!issue || issue === "pathname")) given["issue-term"] = term(section);
    Object.keys(given).forEach(function (name) { s.setAttribute(name, given[name]); });
    s.crossOrigin = "anonymous";
    s.async = true;
    s.onerror = function () { status(section, words(section, "unavailable")); };
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
    // A reply posted with a content warning keeps it: its text behind the warning.
    var warned = status.spoiler_text;
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
    // Other people's links: marked as such for search engines.
    body.querySelectorAll("a[href]").forEach(function (a) { a.rel = "ugc nofollow noopener"; });
    if (warned) {
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = warned;
      details.append(summary, body);
      body = details;
    }
    li.append(avatar, meta, body);
    return li;
  }

  function mastodon(section) {
    var from = replies(section);
    status(section, words(section, "loading", { host: originOf(from).replace("https://", "") }));
    var context = fetch(from, { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
    Promise.all([context, sanitizer()]).then(function (got) {
      var found = (got[0] && got[0].descendants) || [];
      if (!found.length) return status(section, words(section, "none"));
      var list = document.createElement("ol");
      list.className = "comment-list";
      found.forEach(function (s) { list.appendChild(reply(s, got[1])); });
      section.querySelector(".comments-actions").before(list);
      status(section, count(section, found.length));
    }).catch(function () {
      status(section, words(section, "replies-unavailable"));
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

  function openHere() {
    var section = document.querySelector(".comments");
    var link = section && section.querySelector(".show-comments");
    if (link && here(section)) show(section, link);
  }

  // Back from signing in to comment (giscus and utterances send the reader back with
  // `?giscus=` or `?utterances=` and a session): it is kept where the provider's own
  // script keeps it, and taken out of the address before anything else on the page can
  // read or report it (this script comes before any analytics); the comments open.
  var address = new URL(location.href);
  var session = (provider === "giscus" || provider === "utterances") && address.searchParams.get(provider);
  if (session) {
    try { localStorage.setItem(provider + "-session", provider === "giscus" ? JSON.stringify(session) : session); } catch (e) {}
  }
  // Arriving by the link to the comments (`?comments#comments`), or at `#comments` from
  // elsewhere: the reader asked for them. The address loses the query the link added.
  var asked = session || location.hash === "#comments";
  if (session || address.searchParams.has("comments")) {
    if (session) address.searchParams.delete(provider);
    address.searchParams.delete("comments");
    history.replaceState(history.state, "", address.pathname + address.search + address.hash);
  }
  if (asked) openHere();
  addEventListener("hashchange", function () {
    if (location.hash === "#comments") openHere();
  });
})();
