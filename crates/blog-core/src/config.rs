//! The site's settings file (`site.yaml`): where the blog is published and how many posts a
//! list page shows. Read by the build tools; the pages they write carry what the app needs.

use crate::yaml::{self, Value};

/// Posts per list page when `site.yaml` does not say.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// The settings in `site.yaml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteConfig {
    /// Absolute URL the blog is published at (`https://example.com`), for feeds and previews.
    pub url: Option<String>,
    /// Posts per page of the list (`/`, `/page/2/`, …).
    pub page_size: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            url: None,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl SiteConfig {
    /// Reads `site.yaml`'s text; errors name the line and the setting.
    pub fn parse(text: &str) -> Result<SiteConfig, String> {
        let doc = yaml::parse(text).map_err(|e| format!("site.yaml:{}: {}", e.line, e.message))?;
        let mut config = SiteConfig::default();
        let scalar = |key: &str| match doc.get(key).map(|n| (n.line, &n.value)) {
            None | Some((_, Value::Null)) => Ok(None),
            Some((_, Value::Scalar(s))) => Ok(Some(s.trim().to_string())),
            Some((line, _)) => Err(format!("site.yaml:{line}: {key} must be a single value")),
        };
        config.url = scalar("url")?.filter(|u| !u.is_empty());
        if let Some(size) = scalar("page_size")? {
            config.page_size = size
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=1000).contains(n))
                .ok_or(format!(
                    "site.yaml: page_size \"{size}\" must be a whole number from 1 to 1000"
                ))?;
        }
        Ok(config)
    }

    /// `site.yaml` in the current folder (defaults when there is none), with the
    /// environment's overrides for one build: `BLOG_SITE_URL` and `BLOG_PAGE_SIZE`.
    pub fn load() -> Result<SiteConfig, String> {
        let mut config = match std::fs::read_to_string("site.yaml") {
            Ok(text) => SiteConfig::parse(&text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => SiteConfig::default(),
            Err(e) => return Err(format!("cannot read site.yaml: {e}")),
        };
        if let Ok(url) = std::env::var("BLOG_SITE_URL") {
            config.url = Some(url);
        }
        if let Ok(size) = std::env::var("BLOG_PAGE_SIZE") {
            config.page_size = SiteConfig::parse(&format!("page_size: {size}\n"))
                .map_err(|e| e.replace("site.yaml", "BLOG_PAGE_SIZE"))?
                .page_size;
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_defaults() {
        let config =
            SiteConfig::parse("# comment\nurl: https://x.example\npage_size: 5\n").unwrap();
        assert_eq!(config.url.as_deref(), Some("https://x.example"));
        assert_eq!(config.page_size, 5);
        assert_eq!(SiteConfig::parse("").unwrap(), SiteConfig::default());
    }

    #[test]
    fn bad_settings_say_which_and_why() {
        for (text, want) in [
            (
                "page_size: 0\n",
                "page_size \"0\" must be a whole number from 1 to 1000",
            ),
            (
                "page_size: ten\n",
                "page_size \"ten\" must be a whole number from 1 to 1000",
            ),
            ("url: [a, b]\n", "site.yaml:1: url must be a single value"),
        ] {
            let err = SiteConfig::parse(text).unwrap_err();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }
}
