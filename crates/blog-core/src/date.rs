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
    /// The author's UTC offset in minutes east of Greenwich (`-0500` is `-300`), when the
    /// time carried one (`Z` is `0`). Kept so feeds and the future-post rule use the real
    /// instant while readers still see the author's own wall-clock date.
    pub offset: Option<i16>,
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
    /// author's wall-clock date is the one readers see, and the offset is kept beside it.
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
        let (minutes, offset) = match time {
            None => (None, None),
            Some(t) => {
                let (minutes, offset) = parse_time(t)?;
                (Some(minutes), offset)
            }
        };
        Some(PostDate {
            year,
            month,
            day,
            minutes,
            offset,
        })
    }

    /// The date as `YYYY-MM-DD`, the form stored in the post index and used in `<time datetime>`.
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
/// `+02`, with or without a space before it, as Jekyll writes `10:00:00 +0200`). Returns the
/// minutes after midnight and the offset in minutes east of UTC, when one was given.
fn parse_time(t: &str) -> Option<(u16, Option<i16>)> {
    let compact: String = t.chars().filter(|c| *c != ' ').collect();
    let zulu = compact.ends_with(['Z', 'z']);
    let t = compact.trim_end_matches(['Z', 'z']);
    let mut offset = zulu.then_some(0);
    let t = match t.rfind(['+', '-']) {
        Some(i) if i >= 5 => {
            let text = &t[i + 1..];
            let (h, m) = match text.split_once(':') {
                Some(parts) => parts,
                None if text.len() == 4 => text.split_at(2),
                None => (text, "00"),
            };
            let h = digits(h, 2).filter(|&h| h < 24)?;
            let m = digits(m, 2).filter(|&m| m < 60)?;
            let east = i16::try_from(h * 60 + m).ok()?;
            offset = Some(if t.as_bytes()[i] == b'-' { -east } else { east });
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
    Some((hour * 60 + minute, offset))
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
            offset: Some(0),
        }
    }

    /// Days from 1970-01-01 to this calendar date (negative before it); the inverse of
    /// [`PostDate::from_unix`]'s day arithmetic.
    pub fn days_since_epoch(&self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The moment this date names, in minutes since the Unix epoch, UTC. A date without an
    /// offset is taken as UTC, and a bare date as the start of that day.
    pub fn utc_minutes(&self) -> i64 {
        self.days_since_epoch() * 1440 + i64::from(self.minutes.unwrap_or(0))
            - i64::from(self.offset.unwrap_or(0))
    }

    /// The same moment in UTC (`offset` 0), for feeds that prefer `Z` times.
    pub fn to_utc(&self) -> PostDate {
        let total = self.utc_minutes();
        let seconds = u64::try_from(total.max(0) * 60).unwrap_or(0);
        let mut utc = PostDate::from_unix(seconds);
        if self.minutes.is_none() && self.offset.is_none() {
            utc.minutes = None;
        }
        utc
    }

    /// Whether this date (and time, when given) is after `now`, compared as instants: a
    /// post written at `23:30 -0500` is published at 04:30 UTC. A bare date counts as the
    /// start of that day.
    pub fn is_after(&self, now: &PostDate) -> bool {
        self.utc_minutes() > now.utc_minutes()
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
    fn keeps_the_offset_and_compares_instants() {
        let late = PostDate::parse("2024-11-30 23:30:00 -0500").unwrap();
        assert_eq!(late.iso(), "2024-11-30");
        assert_eq!(late.offset, Some(-300));
        assert_eq!(late.to_utc().iso_with_time(), "2024-12-01T04:30");
        let now = PostDate::parse("2024-12-01T04:00Z").unwrap();
        assert!(late.is_after(&now), "04:30 UTC is after 04:00 UTC");
        let later = PostDate::parse("2024-12-01T05:00Z").unwrap();
        assert!(!late.is_after(&later));
        let cases = [
            ("2025-03-15T10:00:00+02:00", Some(120)),
            ("2025-03-15T10:00:00Z", Some(0)),
            ("2025-03-15 10:00:00 +0530", Some(330)),
            ("2025-03-15 10:00", None),
            ("2025-03-15", None),
        ];
        for (input, offset) in cases {
            assert_eq!(PostDate::parse(input).unwrap().offset, offset, "{input}");
        }
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

    /// The date as written by the author with its offset, when it has one: `2025-03-15`,
    /// `2025-03-15T10:00`, `2025-03-15T10:00-05:00` or `2025-03-15T10:00Z`. This is the
    /// stored form (index, normalised front matter); [`PostDate::parse`] reads it back.
    pub fn stored(&self) -> String {
        match (self.minutes, self.offset) {
            (Some(_), Some(0)) => format!("{}Z", self.iso_with_time()),
            (Some(_), Some(off)) => {
                let sign = if off < 0 { '-' } else { '+' };
                let off = off.unsigned_abs();
                format!(
                    "{}{sign}{:02}:{:02}",
                    self.iso_with_time(),
                    off / 60,
                    off % 60
                )
            }
            _ => self.iso_with_time(),
        }
    }
}

impl serde::Serialize for PostDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.stored())
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
        for text in [
            "2025-03-15",
            "2025-03-15T10:05",
            "2024-11-30T23:30-05:00",
            "2025-03-15T10:05Z",
        ] {
            let d = PostDate::parse(text).unwrap();
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<PostDate>(&json).unwrap(), d);
        }
    }
}
