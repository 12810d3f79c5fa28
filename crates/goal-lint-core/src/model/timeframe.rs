//! Timeframes in goal text: `Week 3-5`, `Weeks 2–15`, `Week 3+`, `Month 2`, `Q2 2024`,
//! `2025h1`, `FY23-Q2`, `July 15`, `2026-01-15`, `end of Q4`, `this quarter`, `monthly`,
//! `(2 Months)`, and whether one is a deadline ("by Week 4", "before Q3").

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A calendar date. Ordering is chronological.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parse `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        if s.trim().len() != 10 {
            return None;
        }
        Date::new(year, month, day)
    }

    /// The date `days` after 1970-01-01 (H. Hinnant's civil-from-days algorithm).
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).ok()?;
        let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).ok()?;
        let year =
            i32::try_from(yoe.checked_add(era.checked_mul(400)?)? + i64::from(month <= 2)).ok()?;
        Date::new(year, month, day)
    }

    /// Days after 1970-01-01 (the inverse of [`Date::from_unix_days`]; H. Hinnant's
    /// days-from-civil).
    pub fn to_unix_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn end_of_month(year: i32, month: u8) -> Date {
        Date {
            year,
            month,
            day: days_in_month(year, month),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeframeKind {
    /// `Week 3`, `Weeks 2-15`, `Week 3+` (`end` is `None` when open-ended).
    Week {
        start: u32,
        end: Option<u32>,
        open: bool,
    },
    /// `Month 2`, `Month 1-3`: months counted within the plan's period.
    Month {
        start: u32,
        end: u32,
    },
    Quarter {
        quarter: u8,
        year: Option<i32>,
    },
    Half {
        half: u8,
        year: Option<i32>,
    },
    Year(i32),
    /// A calendar date or month: `July 15`, `October 2026`, `2026-01-15`.
    Calendar {
        year: Option<i32>,
        month: u8,
        day: Option<u8>,
    },
    /// `end of quarter`, `this quarter`, `EOY`, `next year`.
    Relative,
    /// `weekly`, `every two weeks`, `per month`.
    Cadence,
    /// `(2 Months)`, `within 4 weeks`, `6-month`.
    Duration,
}

/// One timeframe found in a text, as a plain-text range of that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeframeMatch {
    pub range: Range<usize>,
    pub kind: TimeframeKind,
    /// Introduced by "by", "before", "until", "due"…: a deadline.
    pub deadline: bool,
}

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

static TIMEFRAME: LazyLock<Regex> = LazyLock::new(|| {
    let num = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|couple(?: of)?)";
    let unit = r"(?:days?|weeks?|months?|quarters?|years?|sprints?)";
    // The word before a year ("by 2026"). An ISO date takes it too: the leftmost match wins,
    // so without it "by 2026-02-27" would be the year 2026 (and "-02" a range of years).
    let year_word = r"(?i:by|in|during|before|until|through|for|since|end\s+of)";
    let pattern = format!(
        r"(?x)
        (?P<week>(?i:\bweeks?|\bwk)\s*(?P<w1>\d+)(?:\s*(?:-|–|—|to|through|thru|until)\s*(?i:weeks?\s*)?(?P<w2>\d+))?(?P<wopen>\s*\+|\s+(?i:onwards?|on\b|and\s+(?:beyond|after|on)))?)
        |(?P<month>(?i:\bmonths?)\s*(?P<m1>\d+)(?:\s*(?:-|–|—|to|through)\s*(?i:months?\s*)?(?P<m2>\d+))?)
        |(?P<iso>\b(?:{year_word}\s+)?(?P<iy>(?:19|20)\d{{2}})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
        |(?P<quarter>\b(?:(?P<qy1>(?:19|20)\d{{2}})[-\s]?)?(?i:FY\s?'?(?P<fy>\d{{2}}|\d{{4}})[-\s]?)?(?:(?i:q)|Quarter\s?)(?P<q>[1-4])\b(?:[-\s'’]?(?:(?i:fy)\s?)?(?P<qy2>(?:19|20)\d{{2}}|\d{{2}}\b))?)
        |(?P<half>\b(?P<hy1>(?:19|20)\d{{2}})\s?[hH](?P<h1>[12])\b|\bH(?P<h2>[12])\b(?:\s?(?P<hy2>(?:19|20)\d{{2}}))?)
        |(?P<mdate>\b(?P<mn>{MONTH})\.?(?:\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<my>(?:19|20)\d{{2}}))?\b)
        |(?P<dmdate>\b(?P<dd>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<dmn>{MONTH})\b(?:,?\s+(?P<dmy>(?:19|20)\d{{2}}))?)
        |(?P<relative>(?i:\b(?:(?:end|start|beginning|middle|mid|close)\s+of\s+(?:the\s+)?(?:this\s+|next\s+|current\s+)?(?:quarter|half|year|month|sprint|week|cycle|q[1-4]|h[12])\b|(?:this|next|the\s+coming|current|following)\s+(?:quarter|half|year|month|sprint|cycle|iteration)\b|eo[qymw]\b|(?:a|one)\s+year\s+from\s+now|year[- ]end\b|quarter[- ]end\b))|\b(?:EOQ|EOY|EOM|EOW)\b)
        |(?P<cadence>(?i:\b(?:daily|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|annually|yearly|every\s+(?:other\s+|{num}\s+)?{unit}|(?:per|a|each|every)\s+{unit}|once\s+a\s+(?:day|week|month|quarter|year))\b))
        |(?P<duration>(?i:\((?:\s*{num}\s*(?:-|–|to)\s*)?\s*{num}\s*\+?\s*{unit}\s*\)|\b(?:for|in|within|over|after|during)\s+(?:the\s+)?(?:first\s+|next\s+|1st\s+|last\s+)?(?:{num}\s*(?:-|–|to)\s*)?{num}\s*{unit}\b|\b\d+[- ](?:day|week|month|year|quarter)s?\b))
        |(?P<year>\b(?:{year_word}\s+)?(?P<yr>20\d{{2}})\b(?:[-–/](?:20)?\d{{2}}\b)?)
        |(?P<weekday>(?i:\b(?:by|on|until|before)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b))
        "
    );
    crate::re::compile(&pattern)
});

static DEADLINE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:by|before|until|till|due(?:\s+(?:by|on))?|no\s+later\s+than|prior\s+to|ahead\s+of|deadline:?|at\s+the\s+latest\s+by)\s+(?:the\s+)?(?:end\s+of\s+)?$",
    )
});

/// A week or month number. The pattern takes every digit, so that a number too large for
/// any plan is quoted as written ("Week 99999999999999999999", never "Week 999"); its value is
/// then the largest there is, outside every plan.
fn word_number(s: &str) -> u32 {
    s.parse()
        .unwrap_or(if s.bytes().all(|b| b.is_ascii_digit()) {
            u32::MAX
        } else {
            0
        })
}

fn month_number(s: &str) -> u8 {
    let lower = s.to_ascii_lowercase();
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    NAMES
        .iter()
        .position(|n| lower.starts_with(n))
        .map_or(0, |i| i as u8 + 1)
}

fn two_or_four_digit_year(s: &str) -> Option<i32> {
    let n: i32 = s.parse().ok()?;
    Some(if s.len() == 2 { 2000 + n } else { n })
}

/// [`find_timeframes`], looked up in `memo` when it was found before.
pub fn find_timeframes_memo(memo: &crate::memo::Memo, text: &str) -> Vec<TimeframeMatch> {
    #[derive(Clone)]
    struct Found(Vec<TimeframeMatch>);
    memo.get(text, &[], || Found(find_timeframes(text))).0
}

/// Every timeframe in `text`, in order.
pub fn find_timeframes(text: &str) -> Vec<TimeframeMatch> {
    let mut out = Vec::new();
    for caps in TIMEFRAME.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let kind = if caps.name("week").is_some() {
            let start = word_number(&caps["w1"]);
            // "week 1 — 0.5", "week 2 - 40%": what follows the dash is a number of its own (a
            // score, a share), not the end of a range; the week stands alone.
            let w2 = caps.name("w2").filter(|m| {
                let after = &text[m.end()..];
                !(after.starts_with('%')
                    || (after.starts_with(['.', ','])
                        && after[1..].starts_with(|c: char| c.is_ascii_digit())))
            });
            if caps.name("w2").is_some() && w2.is_none() {
                let from = caps.name("week").expect("week").start();
                out.push(TimeframeMatch {
                    range: from..caps.name("w1").expect("w1").end(),
                    kind: TimeframeKind::Week {
                        start,
                        end: None,
                        open: false,
                    },
                    deadline: false,
                });
                continue;
            }
            let end = w2.map(|m| word_number(m.as_str()));
            TimeframeKind::Week {
                start,
                end,
                open: caps.name("wopen").is_some(),
            }
        } else if caps.name("month").is_some() {
            let start = word_number(&caps["m1"]);
            let end = caps.name("m2").map_or(start, |m| word_number(m.as_str()));
            TimeframeKind::Month { start, end }
        } else if caps.name("iso").is_some() {
            TimeframeKind::Calendar {
                year: caps["iy"].parse().ok(),
                month: caps["im"].parse().unwrap_or(0),
                day: caps["id"].parse().ok(),
            }
        } else if caps.name("quarter").is_some() {
            let year = caps
                .name("qy1")
                .or_else(|| caps.name("qy2"))
                .or_else(|| caps.name("fy"))
                .and_then(|m| two_or_four_digit_year(m.as_str()));
            TimeframeKind::Quarter {
                quarter: caps["q"].parse().unwrap_or(1),
                year,
            }
        } else if caps.name("half").is_some() {
            let half = caps
                .name("h1")
                .or_else(|| caps.name("h2"))
                .map_or(1, |m| m.as_str().parse().unwrap_or(1));
            let year = caps
                .name("hy1")
                .or_else(|| caps.name("hy2"))
                .and_then(|m| m.as_str().parse().ok());
            TimeframeKind::Half { half, year }
        } else if caps.name("mdate").is_some() {
            TimeframeKind::Calendar {
                year: caps.name("my").and_then(|m| m.as_str().parse().ok()),
                month: month_number(&caps["mn"]),
                day: caps
                    .name("md")
                    .and_then(|m| m.as_str().parse().ok())
                    .filter(|d| (1..=31).contains(d)),
            }
        } else if caps.name("dmdate").is_some() {
            TimeframeKind::Calendar {
                year: caps.name("dmy").and_then(|m| m.as_str().parse().ok()),
                month: month_number(&caps["dmn"]),
                day: caps["dd"].parse().ok().filter(|d| (1..=31).contains(d)),
            }
        } else if caps.name("relative").is_some() || caps.name("weekday").is_some() {
            TimeframeKind::Relative
        } else if caps.name("cadence").is_some() {
            TimeframeKind::Cadence
        } else if caps.name("duration").is_some() {
            TimeframeKind::Duration
        } else if let Some(y) = caps.name("yr") {
            TimeframeKind::Year(y.as_str().parse().unwrap_or(2000))
        } else {
            continue;
        };
        // A month name alone is a weak signal ("March" in "March Madness" is rare, "May" the
        // verb is lower case); but a lone capitalised "May" opening a sentence is a verb.
        if let TimeframeKind::Calendar {
            day: None,
            year: None,
            month: 5,
        } = kind
            && text[..whole.start()].trim_end().is_empty()
            && text[whole.end()..].starts_with(' ')
            && !text[whole.end()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let before = &text[..whole.start()];
        let lower_whole = whole.as_str().to_ascii_lowercase();
        let deadline = DEADLINE_BEFORE.is_match(before)
            || lower_whole.starts_with("by ")
            || lower_whole.starts_with("before ")
            || lower_whole.starts_with("until ")
            || lower_whole.starts_with("end of")
            || (lower_whole.starts_with("eo") && lower_whole.len() == 3);
        out.push(TimeframeMatch {
            range: whole.range(),
            kind,
            deadline,
        });
    }
    out
}

/// The period a plan covers, for bounds on `Week N` and `Month N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Quarter,
    Half,
    Year,
}

impl Period {
    pub fn max_weeks(self) -> u32 {
        match self {
            Period::Quarter => 13,
            Period::Half => 26,
            Period::Year => 53,
        }
    }
    pub fn max_months(self) -> u32 {
        match self {
            Period::Quarter => 3,
            Period::Half => 6,
            Period::Year => 12,
        }
    }
}

impl TimeframeKind {
    /// The last day this timeframe covers, when it names calendar time. `year` is the year the
    /// surrounding document is about, used when the timeframe leaves it out ("Q1", "July 15").
    pub fn end_date(self, context_year: Option<i32>) -> Option<Date> {
        match self {
            TimeframeKind::Quarter { quarter, year } => {
                let year = year.or(context_year)?;
                let month = quarter * 3;
                Some(Date::end_of_month(year, month))
            }
            TimeframeKind::Half { half, year } => {
                let year = year.or(context_year)?;
                Some(Date::end_of_month(year, half * 6))
            }
            TimeframeKind::Year(year) => Date::new(year, 12, 31),
            TimeframeKind::Calendar { year, month, day } => {
                let year = year.or(context_year)?;
                match day {
                    Some(d) => Date::new(year, month, d),
                    None if (1..=12).contains(&month) => Some(Date::end_of_month(year, month)),
                    None => None,
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_round_trip() {
        for days in [-800_000_i64, -1, 0, 1, 59, 60, 10_957, 20_000, 2_932_896] {
            let d = Date::from_unix_days(days).unwrap();
            assert_eq!(d.to_unix_days(), days, "{d}");
        }
        assert_eq!(
            Date::parse_iso("2026-11-30").unwrap().to_unix_days(),
            20_787
        );
    }
    use TimeframeKind::*;

    fn kinds(text: &str) -> Vec<(String, TimeframeKind, bool)> {
        find_timeframes(text)
            .into_iter()
            .map(|m| (text[m.range].to_string(), m.kind, m.deadline))
            .collect()
    }

    #[test]
    fn a_number_after_a_dash_is_not_the_end_of_a_week_range() {
        for text in [
            "invite a teammate in week 1 — 0.5",
            "week 2 - 40% done",
            "week 3 – 1,5",
        ] {
            let found = find_timeframes(text);
            assert_eq!(found.len(), 1, "{text}");
            assert!(
                matches!(found[0].kind, TimeframeKind::Week { end: None, .. }),
                "{text}: {:?}",
                found[0].kind
            );
            assert!(text[found[0].range.clone()].starts_with("week"), "{text}");
        }
    }

    #[test]
    fn weeks() {
        assert_eq!(
            kinds("Run parallel processing (Week 5-6)"),
            vec![(
                "Week 5-6".into(),
                Week {
                    start: 5,
                    end: Some(6),
                    open: false
                },
                false
            )]
        );
        assert_eq!(
            kinds("Complete Stripe migration by Week 4"),
            vec![(
                "Week 4".into(),
                Week {
                    start: 4,
                    end: None,
                    open: false
                },
                true
            )]
        );
        assert_eq!(
            kinds("Use template (Week 3+)")[0].1,
            Week {
                start: 3,
                end: None,
                open: true
            }
        );
        assert_eq!(
            kinds("Self-review (Week 2 onwards)")[0].1,
            Week {
                start: 2,
                end: None,
                open: true
            }
        );
        assert_eq!(
            kinds("Weeks 2–15: internship")[0].1,
            Week {
                start: 2,
                end: Some(15),
                open: false
            }
        );
        assert_eq!(
            kinds("Week 8-3")[0].1,
            Week {
                start: 8,
                end: Some(3),
                open: false
            }
        );
        assert!(kinds("Action 1 (Week X-Y or Month)").is_empty());
    }

    #[test]
    fn an_iso_date_after_by_is_a_day_not_a_year() {
        let day = Calendar {
            year: Some(2026),
            month: 2,
            day: Some(27),
        };
        for (text, words) in [
            ("Ship it by 2026-02-27", "by 2026-02-27"),
            ("Ship it before 2026-02-27", "before 2026-02-27"),
            ("Ship it in 2026-02-27", "in 2026-02-27"),
        ] {
            let found = kinds(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!((found[0].0.as_str(), found[0].1), (words, day), "{text}");
        }
        assert!(kinds("Ship it by 2026-02-27")[0].2);
        assert!(kinds("Ship it before 2026-02-27")[0].2);
        assert!(!kinds("Ship it in 2026-02-27")[0].2);
        assert_eq!(kinds("Ship it by 2026")[0].1, Year(2026));
        assert_eq!(kinds("FY 2025-26 by 2026")[1].1, Year(2026));
    }

    #[test]
    fn months_quarters_halves() {
        assert_eq!(
            kinds("Document runbook (Month 2)")[0].1,
            Month { start: 2, end: 2 }
        );
        assert_eq!(kinds("Month 1-3: finish")[0].1, Month { start: 1, end: 3 });
        assert_eq!(
            kinds("Start dates before Q3")[0].1,
            Quarter {
                quarter: 3,
                year: None
            }
        );
        assert!(kinds("Start dates before Q3")[0].2);
        assert_eq!(
            kinds("## Q1 2022 Goals")[0].1,
            Quarter {
                quarter: 1,
                year: Some(2022)
            }
        );
        assert_eq!(
            kinds("# 2020-Q1 OKRs")[0].1,
            Quarter {
                quarter: 1,
                year: Some(2020)
            }
        );
        assert_eq!(
            kinds("FY23-Q2")[0].1,
            Quarter {
                quarter: 2,
                year: Some(2023)
            }
        );
        assert_eq!(
            kinds("strategy for Q4-21")[0].1,
            Quarter {
                quarter: 4,
                year: Some(2021)
            }
        );
        assert_eq!(
            kinds("goals for 2025h1")[0].1,
            Half {
                half: 1,
                year: Some(2025)
            }
        );
        assert_eq!(
            kinds("in q1 2027")[0].1,
            Quarter {
                quarter: 1,
                year: Some(2027)
            }
        );
        // The word written out, capitalised as a name: "2025 Quarter 2", "Quarter 3 2026"
        // ("the quarter 2 days faster" is a quarter and a number of days).
        assert!(
            !kinds("Close the quarter 2 days faster")
                .iter()
                .any(|k| matches!(k.1, Quarter { .. }))
        );
        for (text, quarter, year) in [("## 2025 Quarter 2", 2, 2025), ("Quarter 3 2026", 3, 2026)] {
            assert_eq!(
                kinds(text)[0].1,
                Quarter {
                    quarter,
                    year: Some(year)
                },
                "{text}"
            );
        }
    }

    #[test]
    fn dates_and_deadlines() {
        assert_eq!(
            kinds("Source 25 candidates by July 15"),
            vec![(
                "July 15".into(),
                Calendar {
                    year: None,
                    month: 7,
                    day: Some(15)
                },
                true
            )]
        );
        assert_eq!(
            kinds("*Created: 2026-01-15*")[0].1,
            Calendar {
                year: Some(2026),
                month: 1,
                day: Some(15)
            }
        );
        assert_eq!(
            kinds("85+ readiness by October 2026")[0].1,
            Calendar {
                year: Some(2026),
                month: 10,
                day: None
            }
        );
        assert_eq!(kinds("ship by end of Q4")[0].1, Relative);
        assert!(kinds("ship by end of Q4")[0].2);
        assert_eq!(
            kinds("We need to ship a release this quarter.")[0].1,
            Relative
        );
        assert_eq!(
            kinds("May 16 and May 17, 2025")[0].1,
            Calendar {
                year: None,
                month: 5,
                day: Some(16)
            }
        );
        assert!(kinds("May we ship it").is_empty());
        assert!(kinds("we may ship").is_empty());
    }

    #[test]
    fn cadences_and_durations() {
        assert_eq!(kinds("Monthly review with team")[0].1, Cadence);
        assert_eq!(kinds("Changelog videos every two weeks")[0].1, Cadence);
        assert_eq!(kinds("Write OTEP (2 Months)")[0].1, Duration);
        assert_eq!(kinds("Gather requirements (2-3 Weeks)")[0].1, Duration);
        assert_eq!(kinds("updating within 4 weeks of release")[0].1, Duration);
        assert_eq!(kinds("Publish 6-month product roadmap")[0].1, Duration);
    }

    #[test]
    fn not_timeframes() {
        for text in [
            "Ship payments v2 to production handling 100% of transactions",
            "Reduce API latency to sub-200ms p95",
            "Hire 2 senior engineers",
            "Quality bar for features",
            "Build team from 3 to 5 engineers",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn end_dates() {
        assert_eq!(
            Quarter {
                quarter: 1,
                year: None
            }
            .end_date(Some(2026)),
            Date::new(2026, 3, 31)
        );
        assert_eq!(
            Calendar {
                year: None,
                month: 2,
                day: None
            }
            .end_date(Some(2024)),
            Date::new(2024, 2, 29)
        );
        assert_eq!(
            Half {
                half: 2,
                year: Some(2025)
            }
            .end_date(None),
            Date::new(2025, 12, 31)
        );
        assert_eq!(
            Week {
                start: 1,
                end: None,
                open: false
            }
            .end_date(Some(2026)),
            None
        );
        assert_eq!(
            Quarter {
                quarter: 3,
                year: None
            }
            .end_date(None),
            None
        );
    }

    #[test]
    fn dates_from_unix_days() {
        assert_eq!(super::Date::from_unix_days(0), super::Date::new(1970, 1, 1));
        assert_eq!(
            super::Date::from_unix_days(11_016),
            super::Date::new(2000, 2, 29)
        );
        assert_eq!(
            super::Date::from_unix_days(19_723),
            super::Date::new(2024, 1, 1)
        );
        assert_eq!(
            super::Date::from_unix_days(20_413),
            super::Date::new(2025, 11, 21)
        );
        assert_eq!(
            super::Date::from_unix_days(-1),
            super::Date::new(1969, 12, 31)
        );
        assert_eq!(super::Date::from_unix_days(i64::MAX), None);
    }

    #[test]
    fn iso_dates_parse_strictly() {
        assert_eq!(
            super::Date::parse_iso("2026-11-21"),
            super::Date::new(2026, 11, 21)
        );
        assert_eq!(super::Date::parse_iso("2026-02-30"), None);
        assert_eq!(super::Date::parse_iso("2026-1-5"), None);
        assert_eq!(super::Date::parse_iso("nope"), None);
    }
}
