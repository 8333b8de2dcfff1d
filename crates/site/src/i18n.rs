//! The interface's words for one blog: the engine's table for the site's language
//! (`crates/site/i18n/<lang>.yaml`, inside blogtool), the blog's own `i18n/<lang>.yaml` over
//! it, and what ICU4X knows of the language (plural rules, digits, the long Gregorian
//! date), resolved once per build into the [`Strings`] every page carries.

use std::path::Path;

use blog_core::config::Settings;
use blog_core::i18n::{pseudo, read_table, PluralCategory, PluralTable, Strings, Table};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::YMD;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_locale::Locale;
use icu_plurals::PluralRules;

/// The engine's tables: (language tag, YAML text). English first: it is every other
/// table's template and the fallback.
pub const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("../i18n/en.yaml")),
    ("ar", include_str!("../i18n/ar.yaml")),
    ("de", include_str!("../i18n/de.yaml")),
    ("es", include_str!("../i18n/es.yaml")),
    ("fa", include_str!("../i18n/fa.yaml")),
    ("fr", include_str!("../i18n/fr.yaml")),
    ("hi", include_str!("../i18n/hi.yaml")),
    ("ja", include_str!("../i18n/ja.yaml")),
    ("ko", include_str!("../i18n/ko.yaml")),
    ("pt-BR", include_str!("../i18n/pt-BR.yaml")),
    ("ru", include_str!("../i18n/ru.yaml")),
    ("zh-Hans", include_str!("../i18n/zh-Hans.yaml")),
    ("zh-Hant", include_str!("../i18n/zh-Hant.yaml")),
];

/// The pseudo-language (`language: x-pseudo`): every text is `⟦key⟧` (with its
/// placeholders' values), so a build shows at once any word that does not come from the
/// tables.
pub const PSEUDO: &str = "x-pseudo";

/// Which of [`TABLES`] speaks `language` (a BCP 47 tag, any case): the same tag, else
/// Chinese by script or region (`zh`, `zh-CN`, `zh-SG` → Simplified; `zh-TW`, `zh-HK`,
/// `zh-MO` → Traditional), Portuguese as Brazil's, else the tag's language (`fr-CA` →
/// `fr`); `None` when none is shipped.
pub fn table_for(language: &str) -> Option<&'static str> {
    let tag = language.to_ascii_lowercase();
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let shipped = |code: &str| {
        TABLES
            .iter()
            .map(|(c, _)| *c)
            .find(|c| c.eq_ignore_ascii_case(code))
    };
    if let Some(code) = shipped(&tag) {
        return Some(code);
    }
    match primary {
        "zh" => {
            let traditional = rest
                .iter()
                .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                && !rest.contains(&"hans");
            Some(if traditional { "zh-Hant" } else { "zh-Hans" })
        }
        "pt" => Some("pt-BR"),
        _ => shipped(primary),
    }
}

/// `settings` with the interface's words of its language: read from `site.yaml` as
/// [`Settings::load`] reads it, in the blog folder (the current one). Problems with the
/// language or the blog's `i18n/` file are warnings in `settings.warnings`.
pub fn load_settings() -> Result<Settings, String> {
    let mut settings = Settings::load()?;
    let (strings, warnings) = strings_for(&settings.info.language, Path::new("i18n"));
    settings.info.strings = strings;
    settings.warnings.extend(warnings);
    Ok(settings)
}

/// The words for `language`, with the blog's own table from `folder`
/// (`i18n/<language>.yaml`, or the shipped table's name) over the engine's; warnings as
/// `file:line: message`.
pub fn strings_for(language: &str, folder: &Path) -> (Strings, Vec<String>) {
    let mut warnings = Vec::new();
    if language.eq_ignore_ascii_case(PSEUDO) {
        let mut english = Table::default();
        read_table("en.yaml", TABLES[0].1, &mut english, &mut warnings);
        return (pseudo(&english), warnings);
    }
    let shipped = table_for(language);
    let own = [Some(language), shipped]
        .into_iter()
        .flatten()
        .map(|name| folder.join(format!("{name}.yaml")))
        .find(|path| path.is_file());
    let mut table = Table::default();
    read_table("en.yaml", TABLES[0].1, &mut table, &mut warnings);
    if let Some(code) = shipped.filter(|c| *c != "en") {
        let text = TABLES
            .iter()
            .find(|(c, _)| *c == code)
            .map_or("", |(_, t)| t);
        read_table(&format!("{code}.yaml"), text, &mut table, &mut warnings);
    }
    let mut locale_of_words = shipped.unwrap_or("en").to_string();
    if let Some(path) = &own {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let mut own_table = Table::default();
                read_table(&name, &text, &mut own_table, &mut warnings);
                if shipped.is_none() {
                    // A language the engine does not ship: the blog's table is the words, as
                    // complete as it is (English for what it leaves out, named once).
                    let missing = table.missing_from(&own_table);
                    if !missing.is_empty() {
                        warnings.push(format!(
                            "{name}: {} of the interface's texts are not translated and stay in English ({}…)",
                            missing.len(),
                            missing.iter().take(3).copied().collect::<Vec<_>>().join(", ")
                        ));
                    }
                    locale_of_words = language.to_string();
                }
                table.overlay(own_table);
            }
            Err(e) => warnings.push(format!("{name}: cannot be read: {e}")),
        }
    } else if shipped.is_none() {
        warnings.push(format!(
            "site.yaml: language \"{language}\" has no table of the interface's words: they stay in English (add i18n/{language}.yaml to translate them; the README says how)"
        ));
    }
    let mut strings = table.strings();
    // CLDR's data for the tag as written where the words are its language's (`ar-EG` writes
    // ٠–٩ where `ar` writes 0–9; `-u-nu-arab` asks for them), else for the table's.
    let same_language = |a: &str, b: &str| {
        let primary = |t: &str| {
            t.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        primary(a) == primary(b)
    };
    let data = same_language(language, &locale_of_words)
        .then(|| LocaleData::of(language))
        .flatten()
        .or_else(|| LocaleData::of(&locale_of_words));
    match data {
        Some(data) => data.apply(&mut strings),
        None => warnings.push(format!(
            "site.yaml: language \"{language}\": no plural rules or date format are known for it; English's are used"
        )),
    }
    (strings, warnings)
}

/// What ICU4X's compiled CLDR data says of a language: its plural rules, digits and long
/// Gregorian date.
struct LocaleData {
    plurals: PluralTable,
    digits: String,
    date: String,
    months: Vec<String>,
}

impl LocaleData {
    /// `None` when `language` is no locale ICU4X can read.
    fn of(language: &str) -> Option<LocaleData> {
        let locale: Locale = language.parse().ok()?;
        let rules = PluralRules::try_new_cardinal((&locale).into()).ok()?;
        let plurals = PluralTable::from_rule(|n| match rules.category_for(n) {
            icu_plurals::PluralCategory::Zero => PluralCategory::Zero,
            icu_plurals::PluralCategory::One => PluralCategory::One,
            icu_plurals::PluralCategory::Two => PluralCategory::Two,
            icu_plurals::PluralCategory::Few => PluralCategory::Few,
            icu_plurals::PluralCategory::Many => PluralCategory::Many,
            icu_plurals::PluralCategory::Other => PluralCategory::Other,
        });
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default()).ok()?;
        let digits: String = (0..10)
            .map(|d| decimal.format(&Decimal::from(d)).to_string())
            .collect();
        let digits = if digits == "0123456789" || digits.chars().count() != 10 {
            String::new()
        } else {
            digits
        };
        let dates = FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new(
            (&locale).into(),
            YMD::long(),
        )
        .ok()?;
        let format = |y: i32, m: u8, d: u8| {
            Date::try_new_gregorian(y, m, d)
                .map(|date| dates.format(&date).to_string())
                .unwrap_or_default()
        };
        let with_digits = Strings {
            digits: digits.clone(),
            ..Strings::default()
        };
        let (date, months) = date_pattern(&format, &with_digits)?;
        Some(LocaleData {
            plurals,
            digits,
            date,
            months,
        })
    }

    fn apply(self, strings: &mut Strings) {
        strings.plurals = self.plurals;
        strings.digits = self.digits;
        strings.date = self.date;
        strings.months = self.months;
    }
}

/// The pattern of the language's long date (`{month} {d}, {y}`) and its months' names, from
/// the twelve dates of one day of a year as ICU4X writes them: what they share before and
/// after is the pattern, what differs is the month. `None` when the result does not write
/// those dates back exactly.
fn date_pattern(
    format: &dyn Fn(i32, u8, u8) -> String,
    digits: &Strings,
) -> Option<(String, Vec<String>)> {
    const YEAR: i32 = 2024;
    const DAY: u8 = 17;
    let written: Vec<Vec<char>> = (1..=12)
        .map(|m| format(YEAR, m, DAY).chars().collect())
        .collect();
    let shortest = written.iter().map(Vec::len).min()?;
    let prefix = (0..shortest)
        .take_while(|&i| written.iter().all(|w| w[i] == written[0][i]))
        .count();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| {
            let at = |w: &Vec<char>| w[w.len() - 1 - i];
            written.iter().all(|w| at(w) == at(&written[0]))
        })
        .count();
    let middles: Vec<String> = written
        .iter()
        .map(|w| w[prefix..w.len() - suffix].iter().collect())
        .collect();
    let numeric = middles
        .iter()
        .zip(1u64..)
        .all(|(m, n)| *m == digits.number(n));
    let around = |part: &[char]| {
        part.iter()
            .collect::<String>()
            .replacen(&digits.number(YEAR as u64), "{y}", 1)
            .replacen(&digits.number(DAY.into()), "{d}", 1)
    };
    let pattern = format!(
        "{}{}{}",
        around(&written[0][..prefix]),
        if numeric { "{M}" } else { "{month}" },
        around(&written[0][written[0].len() - suffix..])
    );
    let months = if numeric { Vec::new() } else { middles };
    let strings = Strings {
        date: pattern.clone(),
        months: months.clone(),
        ..digits.clone()
    };
    let same = [(YEAR, 1, DAY), (1999, 2, 3), (2031, 12, 28), (2025, 3, 15)]
        .into_iter()
        .all(|(y, m, d)| {
            let date = blog_core::date::PostDate::parse(&format!("{y:04}-{m:02}-{d:02}"));
            date.is_some_and(|date| strings.date(&date) == format(y, m, d))
        });
    (same && pattern.contains("{y}") && pattern.contains("{d}")).then_some((pattern, months))
}

#[cfg(test)]
mod tests {
    use super::*;
    use blog_core::i18n::{Count, Text};

    fn strings(language: &str) -> Strings {
        let (strings, warnings) = strings_for(language, Path::new("/nonexistent"));
        assert!(warnings.is_empty(), "{language}: {warnings:?}");
        strings
    }

    #[test]
    fn every_table_has_every_key_and_only_known_ones() {
        for (code, text) in TABLES {
            let mut table = Table::default();
            let mut warnings = Vec::new();
            read_table(code, text, &mut table, &mut warnings);
            assert!(warnings.is_empty(), "{code}: {warnings:?}");
            let missing: Vec<_> = Text::ALL
                .iter()
                .filter(|k| !table.texts.contains_key(k))
                .map(|k| k.key())
                .chain(
                    Count::ALL
                        .iter()
                        .filter(|k| !table.counts.contains_key(k))
                        .map(|k| k.key()),
                )
                .collect();
            assert!(missing.is_empty(), "{code}.yaml lacks {missing:?}");
        }
    }

    #[test]
    fn every_table_keeps_the_placeholders_of_english() {
        let placeholders = |text: &str| {
            let mut found: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
                .collect();
            found.sort();
            found.dedup();
            found
        };
        let english = strings("en");
        for (code, _) in TABLES {
            let table = strings(code);
            for key in Text::ALL {
                assert_eq!(
                    placeholders(table.text(*key)),
                    placeholders(english.text(*key)),
                    "{code}: {}",
                    key.key()
                );
            }
            for (i, key) in Count::ALL.iter().enumerate() {
                let want = placeholders(&english.counts[i * 6 + 5]);
                for form in &table.counts[i * 6..i * 6 + 6] {
                    if !form.is_empty() {
                        assert_eq!(placeholders(form), want, "{code}: {}: {form}", key.key());
                    }
                }
            }
        }
    }

    #[test]
    fn languages_find_their_table() {
        for (tag, want) in [
            ("en", Some("en")),
            ("en-GB", Some("en")),
            ("FR-ca", Some("fr")),
            ("zh", Some("zh-Hans")),
            ("zh-CN", Some("zh-Hans")),
            ("zh-Hans-HK", Some("zh-Hans")),
            ("zh-TW", Some("zh-Hant")),
            ("zh-HK", Some("zh-Hant")),
            ("zh-Hant", Some("zh-Hant")),
            ("pt", Some("pt-BR")),
            ("pt-PT", Some("pt-BR")),
            ("pt-br", Some("pt-BR")),
            ("fa-IR", Some("fa")),
            ("it", None),
            ("x-pseudo", None),
        ] {
            assert_eq!(table_for(tag), want, "{tag}");
        }
    }

    #[test]
    fn plural_tables_agree_with_icu4x_for_every_shipped_language() {
        for (code, _) in TABLES {
            let locale: Locale = code.parse().unwrap();
            let rules = PluralRules::try_new_cardinal((&locale).into()).unwrap();
            let table = strings(code).plurals;
            let numbers = (0..20_000u64)
                .chain((1..=50).map(|m| m * 1_000_000))
                .chain((0..2_000).map(|i| 1_000_000 + i * 7919))
                .chain([u64::from(u32::MAX), 10u64.pow(12) + 3]);
            for n in numbers {
                let want = format!("{:?}", rules.category_for(n));
                assert_eq!(format!("{:?}", table.category(n)), want, "{code}: {n}");
            }
        }
    }

    #[test]
    fn dates_read_as_icu4x_writes_them_for_every_shipped_language() {
        for (code, _) in TABLES {
            let locale: Locale = code.parse().unwrap();
            let dates = FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new(
                (&locale).into(),
                YMD::long(),
            )
            .unwrap();
            let strings = strings(code);
            assert!(!strings.date.is_empty(), "{code}");
            for year in [1970, 2000, 2024, 2025, 2099] {
                for month in 1..=12u8 {
                    for day in 1..=28u8 {
                        let want = dates
                            .format(&Date::try_new_gregorian(year, month, day).unwrap())
                            .to_string();
                        let date = blog_core::date::PostDate::parse(&format!(
                            "{year:04}-{month:02}-{day:02}"
                        ))
                        .unwrap();
                        assert_eq!(strings.date(&date), want, "{code}");
                    }
                }
            }
        }
    }

    #[test]
    fn dates_and_digits_follow_each_language() {
        let date = blog_core::date::PostDate::parse("2025-03-15").unwrap();
        for (code, want) in [
            ("en", "March 15, 2025"),
            ("fr", "15 mars 2025"),
            ("ja", "2025年3月15日"),
            ("zh-Hans", "2025年3月15日"),
            ("de", "15. März 2025"),
            ("ru", "15 марта 2025\u{202f}г."),
            ("fa", "۱۵ مارس ۲۰۲۵"),
        ] {
            assert_eq!(strings(code).date(&date), want, "{code}");
        }
        // CLDR: Arabic's default is Latin digits, Egypt's and Saudi Arabia's Arabic-Indic.
        assert_eq!(strings("ar").number(2025), "2025");
        assert_eq!(strings("ar-EG").number(2025), "٢٠٢٥");
        assert_eq!(strings("ar-u-nu-arab").number(7), "٧");
        assert_eq!(strings("fa").number(2025), "۲۰۲۵");
        assert_eq!(strings("hi").number(2025), "2025");
    }

    #[test]
    fn counts_choose_the_language_s_form() {
        let ru = strings("ru");
        // one (1, 21), few (3), many (5): three forms of the word after the number.
        let forms: Vec<String> = [1, 3, 5, 21]
            .iter()
            .map(|n| {
                ru.count(Count::ReadingTime, *n, &[])
                    .replace(&n.to_string(), "")
            })
            .collect();
        assert_eq!(forms[0], forms[3]);
        assert!(
            forms[0] != forms[1] && forms[1] != forms[2] && forms[0] != forms[2],
            "{forms:?}"
        );
        let en = strings("en");
        assert_eq!(en.count(Count::ReadingTime, 1, &[]), "1 min read");
        assert_eq!(
            en.count(Count::SearchMatches, 1, &[("query", "tea")]),
            "1 post matches “tea”."
        );
        assert_eq!(
            en.count(Count::SearchMatches, 2, &[("query", "tea")]),
            "2 posts match “tea”."
        );
    }

    #[test]
    fn the_blog_s_table_overrides_and_adds_a_language() {
        let dir = std::env::temp_dir().join(format!("blog-i18n-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("fr.yaml"),
            "search: Chercher\nnot_a_key: x\nreading_time:\n  one: \"{n} minute\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("it.yaml"),
            "search: Cerca\nreading_time:\n  one: \"{n} minuto\"\n  other: \"{n} minuti\"\n",
        )
        .unwrap();
        let (fr, warnings) = strings_for("fr", &dir);
        assert_eq!(fr.text(Text::Search), "Chercher");
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("fr.yaml:2: \"not_a_key\"")),
            "{warnings:?}"
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("fr.yaml:3: reading_time has no `other`")),
            "{warnings:?}"
        );
        // The form left out keeps the engine's.
        assert_eq!(
            fr.count(Count::ReadingTime, 5, &[]),
            strings("fr").count(Count::ReadingTime, 5, &[])
        );
        let (it, warnings) = strings_for("it", &dir);
        assert_eq!(it.text(Text::Search), "Cerca");
        assert_eq!(it.count(Count::ReadingTime, 1, &[]), "1 minuto");
        assert_eq!(it.count(Count::ReadingTime, 4, &[]), "4 minuti");
        assert_eq!(it.text(Text::Menu), "Menu");
        assert!(
            warnings.iter().any(|w| w.contains("stay in English")),
            "{warnings:?}"
        );
        assert_eq!(
            it.date(&blog_core::date::PostDate::parse("2025-03-15").unwrap()),
            "15 marzo 2025"
        );
        let (sv, warnings) = strings_for("sv", &dir);
        assert_eq!(sv.text(Text::Search), "Search");
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("language \"sv\" has no table")),
            "{warnings:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_pseudo_language_marks_every_text_with_its_key() {
        let strings = strings(PSEUDO);
        assert_eq!(strings.text(Text::SkipToContent), "⟦skip_to_content⟧");
        assert_eq!(
            strings.fill(Text::PostsBy, &[("name", "Ada")]),
            "⟦posts_by Ada⟧"
        );
        assert_eq!(
            strings.count(Count::ReadingTime, 3, &[]),
            "⟦reading_time 3⟧"
        );
        let date = blog_core::date::PostDate::parse("2025-03-15").unwrap();
        assert_eq!(strings.date(&date), "⟦date 2025-3-15⟧");
    }
}
