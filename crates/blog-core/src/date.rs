//! Calendar dates from front matter: parsing the forms authors write and formatting for readers.

use std::fmt;

/// A calendar date with an optional time of day, as written in a post's front matter.
///
/// Ordering is chronological, which is what the article list sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostDate {
    /// Four-digit year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31 (validated against the month).
    pub day: u8,
    /// Minutes after midnight when the front matter gave a time; `None` for a bare date.
    pub minutes: Option<u16>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses exactly `n` ASCII digits.
fn digits(s: &str, n: usize) -> Option<u16> {
    if s.len() != n || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl PostDate {
    /// Parses `2025-03-15`, `2025-03-15 10:00`, `2025-03-15T10:00:00` and RFC 3339 with an
    /// offset or `Z` (`2025-03-15T10:00:00+02:00`). The time zone is not converted: the
    /// author's wall-clock date is the one readers see.
    pub fn parse(text: &str) -> Option<PostDate> {
        let text = text.trim();
        let (date, time) = match text.find(['T', 't', ' ']) {
            Some(i) => (&text[..i], Some(text[i + 1..].trim())),
            None => (text, None),
        };
        let mut parts = date.split('-');
        let year = digits(parts.next()?, 4)?;
        let month = u8::try_from(digits(parts.next()?, 2)?).ok()?;
        let day = u8::try_from(digits(parts.next()?, 2)?).ok()?;
        if parts.next().is_some() || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let minutes = match time {
            None => None,
            Some(t) => Some(parse_time(t)?),
        };
        Some(PostDate {
            year,
            month,
            day,
            minutes,
        })
    }

    /// The date as `YYYY-MM-DD`, the form stored in the manifest and used in `<time datetime>`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date as readers expect it: `March 15, 2025`.
    pub fn human(&self) -> String {
        format!(
            "{} {}, {}",
            MONTHS[usize::from(self.month - 1)],
            self.day,
            self.year
        )
    }
}

/// Parses `HH:MM`, `HH:MM:SS`, optional fraction, optional `Z` or offset (`+02:00`, `+0200`,
/// `+02`, with or without a space before it, as Jekyll writes `10:00:00 +0200`).
fn parse_time(t: &str) -> Option<u16> {
    let compact: String = t.chars().filter(|c| *c != ' ').collect();
    let t = compact.trim_end_matches(['Z', 'z']);
    let t = match t.rfind(['+', '-']) {
        Some(i) if i >= 5 => {
            let offset = &t[i + 1..];
            let (h, m) = match offset.split_once(':') {
                Some(parts) => parts,
                None if offset.len() == 4 => offset.split_at(2),
                None => (offset, "00"),
            };
            digits(h, 2).filter(|&h| h < 24)?;
            digits(m, 2).filter(|&m| m < 60)?;
            &t[..i]
        }
        _ => t,
    };
    let t = t.split('.').next()?;
    let mut parts = t.split(':');
    let hour = digits(parts.next()?, 2)?;
    let minute = digits(parts.next()?, 2)?;
    if let Some(sec) = parts.next() {
        digits(sec, 2).filter(|&s| s < 61)?;
    }
    if parts.next().is_some() || hour > 23 || minute > 59 {
        return None;
    }
    Some(hour * 60 + minute)
}

impl PostDate {
    /// Today's date in UTC from a Unix timestamp (seconds), for publishing rules.
    pub fn from_unix(seconds: u64) -> PostDate {
        // Howard Hinnant's days-to-civil algorithm.
        let days = (seconds / 86_400) as i64;
        let minutes = ((seconds % 86_400) / 60) as u16;
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        PostDate {
            year,
            month,
            day,
            minutes: Some(minutes),
        }
    }

    /// Whether this date (and time, when given) is after `now`. A bare date counts as the
    /// start of that day.
    pub fn is_after(&self, now: &PostDate) -> bool {
        let key = |d: &PostDate| (d.year, d.month, d.day, d.minutes.unwrap_or(0));
        key(self) > key(now)
    }
}

impl fmt::Display for PostDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_authors_write() {
        let cases = [
            ("2025-03-15", "2025-03-15", None),
            ("2025-03-15 10:00", "2025-03-15", Some(600)),
            ("2025-03-15T10:00:00", "2025-03-15", Some(600)),
            ("2025-03-15T10:30:00+02:00", "2025-03-15", Some(630)),
            ("2025-03-15T23:59:59.123Z", "2025-03-15", Some(1439)),
            ("2024-02-29", "2024-02-29", None),
            ("2025-03-15 10:00:00 +0200", "2025-03-15", Some(600)),
            ("2025-03-15 10:00:00 -05:00", "2025-03-15", Some(600)),
            ("2025-03-15T10:00+02", "2025-03-15", Some(600)),
        ];
        for (input, iso, minutes) in cases {
            let d = PostDate::parse(input).unwrap_or_else(|| panic!("{input} should parse"));
            assert_eq!(d.iso(), iso, "{input}");
            assert_eq!(d.minutes, minutes, "{input}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for input in [
            "",
            "15/03/2025",
            "2025-3-15",
            "2025-13-01",
            "2025-02-29",
            "2025-04-31",
            "2025-03-15T25:00",
            "2025-03-15 10",
            "yesterday",
            "2025-03-15-01",
            "２０２５-03-15",
        ] {
            assert_eq!(PostDate::parse(input), None, "{input:?} should be rejected");
        }
    }

    #[test]
    fn converts_unix_time_to_a_utc_date() {
        let cases = [
            (0, "1970-01-01T00:00"),
            (951_782_400, "2000-02-29T00:00"),
            (1_742_036_400, "2025-03-15T11:00"),
            (4_102_444_799, "2099-12-31T23:59"),
        ];
        for (seconds, want) in cases {
            assert_eq!(
                PostDate::from_unix(seconds).iso_with_time(),
                want,
                "{seconds}"
            );
        }
    }

    #[test]
    fn compares_with_now_for_publishing() {
        let now = PostDate::parse("2025-03-15 12:00").unwrap();
        assert!(!PostDate::parse("2025-03-15").unwrap().is_after(&now));
        assert!(PostDate::parse("2025-03-15 12:01").unwrap().is_after(&now));
        assert!(PostDate::parse("2025-03-16").unwrap().is_after(&now));
    }

    #[test]
    fn formats_for_readers() {
        assert_eq!(
            PostDate::parse("2025-03-15").map(|d| d.human()),
            Some("March 15, 2025".into())
        );
    }

    #[test]
    fn orders_chronologically_with_time_breaking_ties() {
        let a = PostDate::parse("2025-03-15").unwrap();
        let b = PostDate::parse("2025-03-15 09:00").unwrap();
        let c = PostDate::parse("2025-04-01").unwrap();
        assert!(a < b && b < c);
    }
}

impl PostDate {
    /// The date with its time, when it has one: `2025-03-15T10:00`.
    pub fn iso_with_time(&self) -> String {
        match self.minutes {
            Some(m) => format!("{}T{:02}:{:02}", self.iso(), m / 60, m % 60),
            None => self.iso(),
        }
    }
}

impl serde::Serialize for PostDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso_with_time())
    }
}

impl<'de> serde::Deserialize<'de> for PostDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        PostDate::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{text}\" is not a date")))
    }
}

#[cfg(test)]
mod serde_tests {
    use super::PostDate;

    #[test]
    fn round_trips_through_json() {
        for text in ["2025-03-15", "2025-03-15T10:05"] {
            let d = PostDate::parse(text).unwrap();
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<PostDate>(&json).unwrap(), d);
        }
    }
}
