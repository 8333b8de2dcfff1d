//! Comments and analytics a blog can switch on in `site.yaml` (`comments:`, `analytics:`):
//! each provider's documented snippet, the sources the content security policy must allow
//! for it (and nothing else), and what a post's "Show comments" facade says. Off by
//! default: nothing here reaches a page unless the blog names a provider.
//!
//! The providers' own documentation is the source of every name here: giscus's
//! configuration page (`giscus.app`, its `data-*` attributes), utterances' (`utteranc.es`),
//! Mastodon's REST API (`GET /api/v1/statuses/:id/context`), Plausible's, GoatCounter's
//! (`/help/js`, its single-page-application call) and Umami's tracker script.

use serde::{Deserialize, Serialize};

use crate::yaml::Node;

/// The event the app dispatches on `window` each time it shows another page itself (a
/// client-side navigation, after the document's title is set): what an analytics
/// provider that does not follow the history on its own counts a page view on.
pub const PAGE_SHOWN_EVENT: &str = "blog:pageshown";

/// The script a post page loads when comments are on (a site path): it turns the "Show
/// comments" link into the provider's widget.
pub const COMMENTS_SCRIPT: &str = "/comments.js";

/// The id of a post's comments section, and the fragment that opens them on arrival.
pub const COMMENTS_ID: &str = "comments";

/// Which service shows a post's comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentsProvider {
    /// GitHub Discussions, through giscus's widget (an iframe from `giscus.app`).
    Giscus,
    /// GitHub issues, through utterances' widget (an iframe from `utteranc.es`).
    Utterances,
    /// The replies to the post's announcement on Mastodon (its `mastodon:` URL), fetched
    /// from that post's server and shown through the sanitizer.
    Mastodon,
}

impl CommentsProvider {
    /// Every provider, as `provider:` names it.
    pub const ALL: [CommentsProvider; 3] = [
        CommentsProvider::Giscus,
        CommentsProvider::Utterances,
        CommentsProvider::Mastodon,
    ];

    /// The name `provider:` takes (`giscus`).
    pub fn key(self) -> &'static str {
        match self {
            CommentsProvider::Giscus => "giscus",
            CommentsProvider::Utterances => "utterances",
            CommentsProvider::Mastodon => "mastodon",
        }
    }

    /// Whether a post shows comments: not when it says `comments: false` (`post_comments`),
    /// and from Mastodon only when its `mastodon:` URL (`thread`) names a status.
    pub fn shows(self, post_comments: Option<bool>, thread: Option<&str>) -> bool {
        post_comments != Some(false)
            && (self != CommentsProvider::Mastodon
                || thread.and_then(MastodonThread::parse).is_some())
    }

    /// Who the facade tells readers their browser will contact if they choose to load
    /// the comments: a host name (`thread`: the post's `mastodon:` URL, for Mastodon).
    pub fn facade_host(self, thread: Option<&str>) -> String {
        match self {
            CommentsProvider::Giscus => GISCUS_ORIGIN.trim_start_matches("https://").to_string(),
            CommentsProvider::Utterances => {
                UTTERANCES_ORIGIN.trim_start_matches("https://").to_string()
            }
            CommentsProvider::Mastodon => thread
                .and_then(MastodonThread::parse)
                .map_or_else(|| "Mastodon".to_string(), |t| t.host().to_string()),
        }
    }
}

/// A post's announcement on Mastodon, whose replies are its comments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MastodonThread {
    /// `https://host` (with its port, if any): where the API is asked.
    pub origin: String,
    /// The status id on that server.
    pub id: String,
}

impl MastodonThread {
    /// Reads a status URL as Mastodon and the servers sharing its API write them:
    /// `https://host/@user/ID` (its web address), `https://host/@user@elsewhere/ID` (a
    /// remote account seen there), `https://host/users/user/statuses/ID` (its ActivityPub
    /// id), GoToSocial's `https://host/@user/statuses/ID` and Pleroma's and Akkoma's
    /// `https://host/notice/ID`. `None` for anything else: only `https` addresses, their id
    /// letters and digits.
    pub fn parse(url: &str) -> Option<MastodonThread> {
        let rest = url.trim().strip_prefix("https://")?;
        let (authority, path) = rest.split_once('/')?;
        let host_ok = !authority.is_empty()
            && authority
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
        let path = path.split(['?', '#']).next()?.trim_end_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        // Mastodon's ids are numbers (so `@ana/media` is no post); GoToSocial's and
        // Pleroma's letters and digits.
        let (id, lettered) = match parts.as_slice() {
            [user, id] if user.starts_with('@') => (id, false),
            ["users", _, "statuses", id] => (id, false),
            [user, "statuses", id] if user.starts_with('@') => (id, true),
            ["notice", id] => (id, true),
            _ => return None,
        };
        let id_ok = !id.is_empty()
            && id.len() <= 40
            && id
                .bytes()
                .all(|b| b.is_ascii_digit() || (lettered && b.is_ascii_alphanumeric()));
        (host_ok && id_ok).then(|| MastodonThread {
            origin: format!("https://{}", authority.to_ascii_lowercase()),
            id: id.to_string(),
        })
    }

    /// The server's name (`mastodon.social`).
    pub fn host(&self) -> &str {
        self.origin.trim_start_matches("https://")
    }

    /// The API address the replies are read from, and what the policy allows (a path
    /// ending in `/` allows everything under it, and only that).
    pub fn api_prefix(&self) -> String {
        format!("{}/api/v1/statuses/", self.origin)
    }
}

/// A setting read, with what was read but not used: `Ok((value, warnings))`, or
/// `Err((line, message))`; each warning is `(line, message)` too.
pub type Parsed<T> = Result<(T, Vec<(usize, String)>), (usize, String)>;

/// Where a provider's settings come from: the keys it takes, those it cannot work
/// without, the defaults of the others, and the prefix its script's attributes carry.
struct ProviderKeys {
    known: &'static [&'static str],
    required: &'static [&'static str],
    defaults: &'static [(&'static str, &'static str)],
    prefix: &'static str,
}

/// What a content security policy must allow beyond the site's own files, by directive.
/// Every entry is a source expression: an origin, a URL (that file only) or a hash.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    /// `script-src`.
    pub script: Vec<String>,
    /// `style-src`.
    pub style: Vec<String>,
    /// `frame-src`.
    pub frame: Vec<String>,
    /// `connect-src`.
    pub connect: Vec<String>,
}

impl Sources {
    /// Both lists of sources, each entry once.
    pub fn with(mut self, other: &Sources) -> Sources {
        for (mine, theirs) in [
            (&mut self.script, &other.script),
            (&mut self.style, &other.style),
            (&mut self.frame, &other.frame),
            (&mut self.connect, &other.connect),
        ] {
            for source in theirs {
                if !mine.contains(source) {
                    mine.push(source.clone());
                }
            }
        }
        self
    }
}

/// The style element utterances' `client.js` puts into the page's head (its layout for the
/// widget's frame), allowed by its hash: the SHA-256 of its text as the client writes it,
/// in its source and in a built client that adds `color-scheme: light`. The stylesheet sets
/// the same layout, so a client whose text changed again still shows.
const UTTERANCES_STYLE_HASHES: [&str; 2] = [
    "'sha256-XcmS1T4wgA7r9Io+JepR3dJ4moGbTCP4L9Qw0cwLJg4='",
    "'sha256-9HupEqQsOKAA3TMVtaZh8USULhFpwYGuWFk+44sVSgg='",
];

/// The comments settings (`comments:` in `site.yaml`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentsSettings {
    /// Which service.
    pub provider: CommentsProvider,
    /// The attributes the provider's `<script>` element takes, under the provider's own
    /// names (`data-repo`, `issue-term`), defaults filled in; none for Mastodon.
    pub attributes: Vec<(String, String)>,
}

/// giscus's attributes (its configuration page's `data-*` names, written without `data-`),
/// the ones it cannot work without first.
const GISCUS_KEYS: [&str; 13] = [
    "repo",
    "repo-id",
    "category-id",
    "category",
    "mapping",
    "term",
    "strict",
    "reactions-enabled",
    "emit-metadata",
    "input-position",
    "theme",
    "lang",
    "loading",
];

/// utterances' attributes (its configuration page's names).
const UTTERANCES_KEYS: [&str; 5] = ["repo", "issue-term", "issue-number", "label", "theme"];

/// Where each widget provider's script, frame and stylesheet come from.
const GISCUS_ORIGIN: &str = "https://giscus.app";
const UTTERANCES_ORIGIN: &str = "https://utteranc.es";

/// One section of the settings (`comments:`, `analytics:`), read with its name in every
/// message: texts trimmed (empty is none), and which `provider:` it names.
struct Section<'a> {
    node: &'a Node,
    name: &'static str,
}

impl Section<'_> {
    /// The line of `key`, else the section's.
    fn line_of(&self, key: &str) -> usize {
        self.node.field(key).map_or(self.node.line, |n| n.line)
    }

    /// The text of `key`, trimmed; `None` when missing or empty.
    fn text(&self, key: &str) -> Result<Option<String>, (usize, String)> {
        self.node
            .text(key)
            .map(|t| t.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()))
            .map_err(|e| (e.line, format!("{}: {e}", self.name)))
    }

    /// The keys of the section not in `known` nor `also` accepts, as warnings saying
    /// `taker` (the provider) has no such setting.
    fn unknown_keys(
        &self,
        known: &[&'static str],
        taker: &str,
        also: impl Fn(&str) -> bool,
    ) -> Vec<(usize, String)> {
        self.node
            .unknown_keys(known)
            .into_iter()
            .filter(|u| !also(&u.key))
            .map(|u| {
                (
                    u.line,
                    format!("{}: {u} ({taker} takes no such setting)", self.name),
                )
            })
            .collect()
    }

    /// The provider `provider:` names among `all` (each named by `key`, any case).
    fn provider<P: Copy>(
        &self,
        all: &[P],
        key: fn(P) -> &'static str,
    ) -> Result<P, (usize, String)> {
        let names = all.iter().map(|p| key(*p)).collect::<Vec<_>>().join(", ");
        let Some(name) = self.text("provider")? else {
            return Err((
                self.node.line,
                format!("{}: needs a provider ({names})", self.name),
            ));
        };
        all.iter()
            .copied()
            .find(|p| key(*p) == name.to_ascii_lowercase())
            .ok_or_else(|| {
                (
                    self.line_of("provider"),
                    format!("{}: provider \"{name}\" is not one of {names}", self.name),
                )
            })
    }
}

impl CommentsSettings {
    /// Reads the `comments:` mapping. Errors are `(line, message)`: a missing or unknown
    /// provider, a setting the provider cannot work without, a repository not written
    /// `owner/name`. Keys the provider does not take are warnings `(line, message)`.
    pub fn parse(node: &Node) -> Parsed<CommentsSettings> {
        let section = Section {
            node,
            name: "comments",
        };
        let line_of = |key: &str| section.line_of(key);
        let text = |key: &str| section.text(key);
        let provider = section.provider(&CommentsProvider::ALL, CommentsProvider::key)?;
        let ProviderKeys {
            known,
            required,
            defaults,
            prefix,
        } = match provider {
            CommentsProvider::Giscus => ProviderKeys {
                known: &GISCUS_KEYS,
                required: &GISCUS_KEYS[..3],
                // Without a `mapping`, comments.js names the thread by the post's address
                // as a page loaded at it has it (`posts/x/`), however the reader came.
                defaults: &[
                    ("strict", "0"),
                    ("reactions-enabled", "1"),
                    ("emit-metadata", "0"),
                    ("input-position", "bottom"),
                    ("theme", "preferred_color_scheme"),
                ],
                prefix: "data-",
            },
            CommentsProvider::Utterances => ProviderKeys {
                known: &UTTERANCES_KEYS,
                required: &UTTERANCES_KEYS[..1],
                // Without an `issue-term`, comments.js names the post's address.
                defaults: &[("theme", "preferred-color-scheme")],
                prefix: "",
            },
            CommentsProvider::Mastodon => ProviderKeys {
                known: &[],
                required: &[],
                defaults: &[],
                prefix: "",
            },
        };
        let mut all_known = vec!["provider"];
        all_known.extend_from_slice(known);
        // Keys pasted from the provider's snippet keep their `data-` (`data-repo:`).
        let warnings = section.unknown_keys(&all_known, provider.key(), |key| {
            key.strip_prefix("data-")
                .is_some_and(|k| known.contains(&k))
        });
        let mut attributes = Vec::new();
        for key in known {
            let value = match text(key)?.or(text(&format!("data-{key}"))?) {
                Some(value) => value,
                None if required.contains(key) => {
                    return Err((
                        node.line,
                        format!(
                            "comments: {} needs `{key}` (its configuration page gives it)",
                            provider.key()
                        ),
                    ))
                }
                None => match defaults.iter().find(|(k, _)| k == key) {
                    Some((_, value)) => value.to_string(),
                    None => continue,
                },
            };
            if *key == "repo" && !is_repository(&value) {
                return Err((
                    line_of(key),
                    format!(
                        "comments: repo \"{value}\" must be a GitHub repository written owner/name"
                    ),
                ));
            }
            attributes.push((format!("{prefix}{key}"), value));
        }
        Ok((
            CommentsSettings {
                provider,
                attributes,
            },
            warnings,
        ))
    }

    /// The provider's script (`https://giscus.app/client.js`), for the widget providers.
    pub fn script(&self) -> Option<String> {
        let origin = match self.provider {
            CommentsProvider::Giscus => GISCUS_ORIGIN,
            CommentsProvider::Utterances => UTTERANCES_ORIGIN,
            CommentsProvider::Mastodon => return None,
        };
        Some(format!("{origin}/client.js"))
    }

    /// What a post page showing comments must allow: the widget's script, its frame and
    /// its stylesheet, or the post's Mastodon server's API (`thread`: its `mastodon:` URL).
    pub fn sources(&self, thread: Option<&str>) -> Sources {
        match self.provider {
            CommentsProvider::Giscus => Sources {
                script: self.script().into_iter().collect(),
                style: vec![format!("{GISCUS_ORIGIN}/default.css")],
                frame: vec![GISCUS_ORIGIN.into()],
                connect: Vec::new(),
            },
            CommentsProvider::Utterances => Sources {
                script: self.script().into_iter().collect(),
                style: UTTERANCES_STYLE_HASHES.map(String::from).to_vec(),
                frame: vec![UTTERANCES_ORIGIN.into()],
                connect: Vec::new(),
            },
            CommentsProvider::Mastodon => Sources {
                connect: thread
                    .and_then(MastodonThread::parse)
                    .map(|t| vec![t.api_prefix()])
                    .unwrap_or_default(),
                ..Sources::default()
            },
        }
    }

    /// Whether a post shows comments ([`CommentsProvider::shows`]).
    pub fn shown_for(&self, post_comments: Option<bool>, thread: Option<&str>) -> bool {
        self.provider.shows(post_comments, thread)
    }
}

/// `owner/name` as GitHub allows them.
fn is_repository(text: &str) -> bool {
    let ok = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    matches!(text.split_once('/'), Some((owner, name)) if ok(owner) && ok(name))
}

/// Which analytics service counts page views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnalyticsProvider {
    /// Plausible (`plausible.io` or a server of one's own).
    Plausible,
    /// GoatCounter (`<code>.goatcounter.com` or a server of one's own).
    GoatCounter,
    /// Umami (Umami Cloud or a server of one's own).
    Umami,
}

impl AnalyticsProvider {
    /// Every provider.
    pub const ALL: [AnalyticsProvider; 3] = [
        AnalyticsProvider::Plausible,
        AnalyticsProvider::GoatCounter,
        AnalyticsProvider::Umami,
    ];

    /// The name `provider:` takes.
    pub fn key(self) -> &'static str {
        match self {
            AnalyticsProvider::Plausible => "plausible",
            AnalyticsProvider::GoatCounter => "goatcounter",
            AnalyticsProvider::Umami => "umami",
        }
    }
}

/// The analytics settings (`analytics:` in `site.yaml`), as the provider's snippet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analytics {
    /// Which service.
    pub provider: AnalyticsProvider,
    /// The script's address (a full URL, or a site path when it is served by the site).
    pub script: String,
    /// The script element's attributes besides `src`, as the provider documents them.
    pub attributes: Vec<(String, String)>,
    /// Where page views are sent (a full URL, or a site path).
    pub endpoint: String,
    /// Other addresses the service may send them to (Umami Cloud's collectors).
    pub more_endpoints: Vec<String>,
}

impl Analytics {
    /// Reads the `analytics:` mapping. Errors are `(line, message)`: a missing or unknown
    /// provider, a setting it cannot work without, a script that is not an `https` URL or
    /// a site path. Keys the provider does not take are warnings.
    pub fn parse(node: &Node) -> Parsed<Analytics> {
        let section = Section {
            node,
            name: "analytics",
        };
        let line_of = |key: &str| section.line_of(key);
        let text = |key: &str| section.text(key);
        let provider = section.provider(&AnalyticsProvider::ALL, AnalyticsProvider::key)?;
        let (key, known): (&str, &[&str]) = match provider {
            AnalyticsProvider::Plausible => ("domain", &["provider", "domain", "src"]),
            AnalyticsProvider::GoatCounter => ("code", &["provider", "code", "src"]),
            AnalyticsProvider::Umami => {
                ("website-id", &["provider", "website-id", "src", "host-url"])
            }
        };
        let warnings = section.unknown_keys(known, provider.key(), |_| false);
        let needed = text(key)?.ok_or_else(|| {
            (
                node.line,
                format!("analytics: {} needs `{key}`", provider.key()),
            )
        })?;
        // Addresses go into the page and its policy as they are: one character that is not
        // part of a URL could add to either.
        let address = |key: &str| -> Result<Option<String>, (usize, String)> {
            let Some(url) = text(key)? else {
                return Ok(None);
            };
            if origin_of(&url).is_none() && !is_site_path(&url) {
                return Err((
                    line_of(key),
                    format!("analytics: {key} \"{url}\" must be an https:// address or a path on this site"),
                ));
            }
            Ok(Some(url))
        };
        let src = address("src")?;
        let analytics = match provider {
            AnalyticsProvider::Plausible => {
                let script = src.unwrap_or_else(|| "https://plausible.io/js/script.js".into());
                Analytics {
                    endpoint: format!("{}/api/event", origin_of(&script).unwrap_or_default()),
                    more_endpoints: Vec::new(),
                    attributes: vec![
                        ("defer".into(), String::new()),
                        ("data-domain".into(), needed),
                    ],
                    script,
                    provider,
                }
            }
            AnalyticsProvider::GoatCounter => {
                // A code names an account on goatcounter.com; a server of one's own is
                // named by its whole counting address.
                let endpoint = if origin_of(&needed).is_some() {
                    needed
                } else if !needed.is_empty()
                    && needed
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-')
                {
                    format!(
                        "https://{}.goatcounter.com/count",
                        needed.to_ascii_lowercase()
                    )
                } else {
                    return Err((
                        line_of("code"),
                        format!("analytics: code \"{needed}\" must be a GoatCounter code (letters, digits, -) or an https:// counting address"),
                    ));
                };
                Analytics {
                    script: src.unwrap_or_else(|| "https://gc.zgo.at/count.js".into()),
                    // `defer`, not the snippet's `async`: it must run after a post's
                    // comments script has taken a sign-in's session out of the address
                    // (count.js reports the query).
                    attributes: vec![
                        ("defer".into(), String::new()),
                        ("data-goatcounter".into(), endpoint.clone()),
                    ],
                    endpoint,
                    more_endpoints: Vec::new(),
                    provider,
                }
            }
            AnalyticsProvider::Umami => {
                let script = src.ok_or_else(|| {
                    (
                        node.line,
                        "analytics: umami needs `src`, its script's address (https://cloud.umami.is/script.js for Umami Cloud)".to_string(),
                    )
                })?;
                // Another server, so a full address (a site path would not follow the
                // base path as `src` does).
                let host = address("host-url")?;
                if host.as_deref().is_some_and(|h| origin_of(h).is_none()) {
                    return Err((
                        line_of("host-url"),
                        "analytics: host-url must be an https:// address".to_string(),
                    ));
                }
                // The tracker sends to `data-host-url`, else beside itself (its folder);
                // Umami Cloud's collector is on hosts of its own that have changed before.
                let endpoints = match &host {
                    Some(host) => vec![format!("{}/api/send", host.trim_end_matches('/'))],
                    None => {
                        let beside = format!(
                            "{}/api/send",
                            script.rsplit_once('/').map_or("", |(folder, _)| folder)
                        );
                        let mut all = vec![beside];
                        if origin_of(&script).is_some_and(|o| o.ends_with(".umami.is")) {
                            all.extend(UMAMI_CLOUD_ENDPOINTS.map(String::from));
                            all.dedup();
                        }
                        all
                    }
                };
                let mut attributes = vec![
                    ("defer".into(), String::new()),
                    ("data-website-id".into(), needed),
                    // A search typed or a section followed is not another page.
                    ("data-exclude-search".into(), "true".into()),
                    ("data-exclude-hash".into(), "true".into()),
                ];
                if let Some(host) = host {
                    attributes.push(("data-host-url".into(), host));
                }
                Analytics {
                    endpoint: endpoints[0].clone(),
                    more_endpoints: endpoints[1..].to_vec(),
                    attributes,
                    script,
                    provider,
                }
            }
        };
        Ok((analytics, warnings))
    }

    /// What every page's policy must allow: the script (that file) and the endpoint (that
    /// address); nothing for what the site serves itself.
    pub fn sources(&self) -> Sources {
        let absolute = |url: &&String| origin_of(url).is_some();
        Sources {
            script: std::iter::once(&self.script)
                .filter(absolute)
                .cloned()
                .collect(),
            connect: std::iter::once(&self.endpoint)
                .chain(&self.more_endpoints)
                .filter(absolute)
                .cloned()
                .collect(),
            ..Sources::default()
        }
    }

    /// The inline script counting the app's own navigations, for a provider that does not
    /// follow the history itself: GoatCounter's documented call for single-page
    /// applications. Plausible and Umami count `history.pushState` on their own.
    pub fn navigation_script(&self) -> Option<String> {
        (self.provider == AnalyticsProvider::GoatCounter).then(|| {
            format!(
                "addEventListener(\"{PAGE_SHOWN_EVENT}\", function () {{ var g = window.goatcounter; \
                 if (g && g.count) g.count({{ path: location.pathname + location.search + location.hash }}); }});"
            )
        })
    }
}

/// Where Umami Cloud's tracker sends page views: its collector's hosts, which have changed
/// (Umami's discussion #2719), so each known one.
const UMAMI_CLOUD_ENDPOINTS: [&str; 3] = [
    "https://cloud.umami.is/api/send",
    "https://gateway.umami.is/api/send",
    "https://api-gateway.umami.dev/api/send",
];

/// Whether `url` is made of URL characters only: nothing that ends an attribute, a
/// policy's source list (`;`, `,`, space) or a header line.
fn is_plain_url(url: &str) -> bool {
    url.chars().all(|c| {
        c.is_ascii_graphic() && !matches!(c, ';' | ',' | '\'' | '"' | '<' | '>' | '\\' | '`')
    })
}

/// `https://host[:port]` of an `https` URL with a host and URL characters only, else `None`.
pub fn origin_of(url: &str) -> Option<String> {
    if !is_plain_url(url) {
        return None;
    }
    let rest = url.strip_prefix("https://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let ok = !authority.is_empty()
        && authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    ok.then(|| format!("https://{}", authority.to_ascii_lowercase()))
}

/// A path on this site (`/js/script.js`), not a protocol-relative URL.
fn is_site_path(text: &str) -> bool {
    text.starts_with('/') && !text.starts_with("//") && !text.contains(['"', '<', '>', ' ', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(text: &str) -> Node {
        crate::yaml::parse(text)
            .unwrap()
            .field("x")
            .unwrap()
            .clone()
    }

    #[test]
    fn mastodon_status_addresses_in_each_form_mastodon_writes() {
        let cases = [
            (
                "https://mastodon.social/@ana/112233445566778899",
                Some(("https://mastodon.social", "112233445566778899")),
            ),
            (
                "https://Hachyderm.io/@ana@fosstodon.org/1234/",
                Some(("https://hachyderm.io", "1234")),
            ),
            (
                "https://fosstodon.org/users/ana/statuses/98765",
                Some(("https://fosstodon.org", "98765")),
            ),
            (
                "https://social.example:8443/@ana/42?ref=x#top",
                Some(("https://social.example:8443", "42")),
            ),
            ("http://mastodon.social/@ana/42", None),
            ("https://mastodon.social/@ana", None),
            ("https://mastodon.social/about/42", None),
            (
                "https://gts.example/@ana/statuses/01HX2Z3ABC",
                Some(("https://gts.example", "01HX2Z3ABC")),
            ),
            (
                "https://pleroma.example/notice/AbC123",
                Some(("https://pleroma.example", "AbC123")),
            ),
            ("https://mastodon.social/@ana/4 2", None),
            ("https://mastodon.social/@ana/media", None),
            ("https://evil.example\"/@a/1", None),
            ("javascript:alert(1)", None),
            ("", None),
        ];
        for (url, expected) in cases {
            let got = MastodonThread::parse(url);
            assert_eq!(
                got.as_ref().map(|t| (t.origin.as_str(), t.id.as_str())),
                expected,
                "{url}"
            );
        }
        let thread = MastodonThread::parse("https://mastodon.social/@ana/42").unwrap();
        assert_eq!(
            thread.api_prefix(),
            "https://mastodon.social/api/v1/statuses/"
        );
        assert_eq!(
            CommentsProvider::Mastodon.facade_host(Some("https://mastodon.social/@ana/42")),
            "mastodon.social"
        );
    }

    #[test]
    fn giscus_takes_its_own_attribute_names_with_its_defaults() {
        let node = mapping(
            "x:\n  provider: giscus\n  repo: ana/notes\n  repo-id: R_1\n  category: Comments\n  category-id: DIC_2\n  theme: dark\n  reactions: 1\n",
        );
        let (settings, warnings) = CommentsSettings::parse(&node).unwrap();
        assert_eq!(settings.provider, CommentsProvider::Giscus);
        let get = |k: &str| {
            settings
                .attributes
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("data-repo"), Some("ana/notes"));
        assert_eq!(get("data-repo-id"), Some("R_1"));
        assert_eq!(get("data-category-id"), Some("DIC_2"));
        // No mapping: the script names the thread by the post's address.
        assert_eq!(get("data-mapping"), None);
        assert_eq!(get("data-theme"), Some("dark"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].1.contains("reactions"), "{warnings:?}");
        // Pasted from giscus's snippet, `data-` and all.
        let (pasted, warnings) = CommentsSettings::parse(&mapping(
            "x:\n  provider: giscus\n  data-repo: ana/notes\n  data-repo-id: R_1\n  data-category-id: DIC_2\n",
        ))
        .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(pasted
            .attributes
            .contains(&("data-repo-id".into(), "R_1".into())));
        let sources = settings.sources(None);
        assert_eq!(sources.frame, ["https://giscus.app"]);
        assert_eq!(sources.script, ["https://giscus.app/client.js"]);
    }

    #[test]
    fn comments_settings_that_cannot_work_are_errors_on_their_line() {
        let cases = [
            ("x:\n  repo: a/b\n", 2, "needs a provider"),
            (
                "x:\n  provider: disqus\n",
                3,
                "\"disqus\" is not one of giscus, utterances, mastodon",
            ),
            (
                "x:\n  provider: giscus\n  repo: a/b\n  repo-id: R\n",
                2,
                "needs `category-id`",
            ),
            (
                "x:\n  provider: utterances\n  repo: just-a-name\n",
                4,
                "owner/name",
            ),
        ];
        for (text, line, message) in cases {
            let err = CommentsSettings::parse(&mapping(text)).unwrap_err();
            assert!(err.1.contains(message), "{text}: {err:?}");
            assert!(err.0 <= line, "{text}: {err:?}");
        }
        let (utterances, _) =
            CommentsSettings::parse(&mapping("x:\n  provider: utterances\n  repo: ana/notes\n"))
                .unwrap();
        assert_eq!(
            utterances.attributes,
            [
                ("repo".to_string(), "ana/notes".to_string()),
                ("theme".into(), "preferred-color-scheme".into()),
            ]
        );
        let (mastodon, _) =
            CommentsSettings::parse(&mapping("x:\n  provider: Mastodon\n")).unwrap();
        assert!(mastodon.attributes.is_empty());
        assert!(!mastodon.shown_for(None, None));
        assert!(mastodon.shown_for(None, Some("https://a.example/@b/1")));
        assert!(!mastodon.shown_for(Some(false), Some("https://a.example/@b/1")));
        assert_eq!(
            mastodon.sources(Some("https://a.example/@b/1")).connect,
            ["https://a.example/api/v1/statuses/"]
        );
        assert!(utterances.shown_for(None, None));
        assert!(!utterances.shown_for(Some(false), None));
    }

    #[test]
    fn analytics_snippets_and_the_sources_they_need() {
        let (plausible, _) = Analytics::parse(&mapping(
            "x:\n  provider: plausible\n  domain: notes.example\n",
        ))
        .unwrap();
        assert_eq!(plausible.script, "https://plausible.io/js/script.js");
        assert_eq!(plausible.endpoint, "https://plausible.io/api/event");
        assert_eq!(
            plausible.sources().script,
            ["https://plausible.io/js/script.js"]
        );
        assert_eq!(
            plausible.sources().connect,
            ["https://plausible.io/api/event"]
        );
        assert!(plausible.navigation_script().is_none());
        // Proxied through the site itself: 'self' already allows it.
        let (proxied, _) = Analytics::parse(&mapping(
            "x:\n  provider: plausible\n  domain: notes.example\n  src: /js/script.js\n",
        ))
        .unwrap();
        assert_eq!(proxied.sources(), Sources::default());
        let (goat, _) =
            Analytics::parse(&mapping("x:\n  provider: goatcounter\n  code: Notes\n")).unwrap();
        assert_eq!(goat.endpoint, "https://notes.goatcounter.com/count");
        assert_eq!(goat.script, "https://gc.zgo.at/count.js");
        assert_eq!(goat.attributes[0].0, "defer");
        assert!(goat.navigation_script().unwrap().contains(PAGE_SHOWN_EVENT));
        let (umami, warnings) = Analytics::parse(&mapping(
            "x:\n  provider: umami\n  website-id: 94db\n  src: https://stats.example/script.js\n  domain: x\n",
        ))
        .unwrap();
        assert_eq!(umami.endpoint, "https://stats.example/api/send");
        assert!(umami
            .attributes
            .contains(&("data-exclude-search".into(), "true".into())));
        // Beside the script, in its folder; or where `host-url` says; Umami Cloud's.
        let (folder, _) = Analytics::parse(&mapping(
            "x:\n  provider: umami\n  website-id: 1\n  src: https://s.example/umami/script.js\n",
        ))
        .unwrap();
        assert_eq!(
            folder.sources().connect,
            ["https://s.example/umami/api/send"]
        );
        let (hosted, _) = Analytics::parse(&mapping(
            "x:\n  provider: umami\n  website-id: 1\n  src: https://s.example/u.js\n  host-url: https://c.example/\n",
        ))
        .unwrap();
        assert_eq!(hosted.sources().connect, ["https://c.example/api/send"]);
        assert!(hosted
            .attributes
            .contains(&("data-host-url".into(), "https://c.example/".into())));
        let (cloud, _) = Analytics::parse(&mapping(
            "x:\n  provider: umami\n  website-id: 1\n  src: https://cloud.umami.is/script.js\n",
        ))
        .unwrap();
        assert_eq!(cloud.sources().connect.len(), 3);
        assert!(cloud
            .sources()
            .connect
            .contains(&"https://cloud.umami.is/api/send".to_string()));
        assert_eq!(
            umami.attributes[1],
            ("data-website-id".into(), "94db".into())
        );
        assert_eq!(warnings.len(), 1);
        for (text, message) in [
            ("x:\n  provider: umami\n  website-id: 1\n", "needs `src`"),
            ("x:\n  provider: plausible\n", "needs `domain`"),
            (
                "x:\n  provider: ga\n",
                "not one of plausible, goatcounter, umami",
            ),
            (
                "x:\n  provider: plausible\n  domain: a\n  src: http://x.example/s.js\n",
                "https://",
            ),
            (
                "x:\n  provider: goatcounter\n  code: \"a b\"\n",
                "GoatCounter code",
            ),
        ] {
            let err = Analytics::parse(&mapping(text)).unwrap_err();
            assert!(err.1.contains(message), "{text}: {err:?}");
        }
    }
}
