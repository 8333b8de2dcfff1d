//! Dates as people write them in front matter, read with `chrono` and rewritten in the
//! form the core (and the browser) reads: `2020-1-1`, `Jul 01 2022`, `July 1, 2022`,
//! `01 Jul 2022`, RFC 2822, `2022/07/01`, RFC 3339 with fractions and offsets.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use blog_core::date::PostDate;
use blog_core::front_matter::{FieldKind, FIELDS};
use blog_core::yaml::{Node, Value};

/// Date-only forms, tried in order after the core's own.
const DATE_FORMATS: [&str; 10] = [
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%b %d %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%a %b %d %Y",
    "%Y.%m.%d",
];

/// Date-and-time forms without an offset.
const DATETIME_FORMATS: [&str; 4] = [
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%b %d %Y %H:%M:%S",
];

/// Rewrites every date field of `doc` that the core cannot read but a person would.
pub(super) fn normalise(doc: &mut Node) {
    let Value::Map(entries) = &mut doc.value else {
        return;
    };
    // MkDocs Material's blog: `date: {created: …, updated: …}`.
    // <https://squidfunk.github.io/mkdocs-material/plugins/blog/#meta.date>
    let dated = entries.iter().position(|(key, node)| {
        key == "date"
            && matches!(&node.value, Value::Map(m) if m.iter().any(|(k, _)| k == "created"))
    });
    if let Some(at) = dated {
        let Value::Map(parts) = std::mem::replace(&mut entries[at].1.value, Value::Null) else {
            return;
        };
        for (part, node) in parts {
            match part.as_str() {
                "created" => entries[at].1 = node,
                "updated" if !entries.iter().any(|(k, _)| k == "updated") => {
                    entries.push(("updated".to_string(), node));
                }
                _ => {}
            }
        }
    }
    for (key, node) in entries.iter_mut() {
        let is_date = FIELDS
            .iter()
            .any(|(name, _, kind)| name == key && *kind == FieldKind::Date);
        if !is_date {
            continue;
        }
        // Eleventy's dates read from the file (<https://www.11ty.dev/docs/dates/>): as if
        // none were written, the file's name or its last change gives the date.
        if let Value::Scalar(text) = &node.value {
            if matches!(
                text.trim(),
                "Last Modified" | "git Last Modified" | "Created" | "git Created"
            ) {
                node.value = Value::Null;
                continue;
            }
        }
        if let Value::Scalar(text) = &node.value {
            if PostDate::parse(text).is_none() {
                if let Some(date) = parse_free(text) {
                    node.value = Value::Scalar(date.stored());
                }
            }
        }
    }
}

/// A date in one of the free forms, keeping the offset when one is written.
pub(super) fn parse_free(text: &str) -> Option<PostDate> {
    let text = text.trim();
    // Hugo writes Go's default format: `2020-01-01 10:00:00 +0000 UTC`.
    let text = text.strip_suffix(" UTC").unwrap_or(text);
    let with_offset = DateTime::parse_from_rfc2822(text)
        .or_else(|_| DateTime::parse_from_rfc3339(text))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f %z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"));
    if let Ok(moment) = with_offset {
        let offset = moment.offset().local_minus_utc() / 60;
        return PostDate::parse(&format!(
            "{}{}",
            moment.naive_local().format("%Y-%m-%dT%H:%M"),
            format_offset(offset)
        ));
    }
    if let Some(moment) = DATETIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    {
        return PostDate::parse(&moment.format("%Y-%m-%dT%H:%M").to_string());
    }
    let date = DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())?;
    PostDate::parse(&date.format("%Y-%m-%d").to_string())
}

fn format_offset(minutes: i32) -> String {
    if minutes == 0 {
        return "Z".to_string();
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_free_forms_people_write() {
        let cases = [
            ("2020-1-1", "2020-01-01"),
            ("Jul 01 2022", "2022-07-01"),
            ("July 1, 2022", "2022-07-01"),
            ("01 Jul 2022", "2022-07-01"),
            ("2022/07/01", "2022-07-01"),
            ("Tue, 01 Jul 2003 10:52:37 +0200", "2003-07-01T10:52+02:00"),
            ("2022-09-23T15:22:00.000Z", "2022-09-23T15:22Z"),
            ("2023-12-21T09:01:02.123+05:30", "2023-12-21T09:01+05:30"),
            ("2020-01-01 10:00:00 +0000 UTC", "2020-01-01T10:00Z"),
            ("2020-01-01 10:00:00.5", "2020-01-01T10:00"),
        ];
        for (input, want) in cases {
            let date = parse_free(input).unwrap_or_else(|| panic!("{input} should parse"));
            assert_eq!(date.stored(), want, "{input}");
        }
        for input in ["yesterday", "15/03/2025", "2025-02-30", ""] {
            assert_eq!(parse_free(input), None, "{input}");
        }
    }
}
