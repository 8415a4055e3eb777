//! Wall-clock times of a meeting ("19:05 Uhr"), stored as `"19:05"` or `"19:05:30"`.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A local wall-clock time. A protocol says "19:05 Uhr", not an instant, so no date or zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub NaiveTime);

impl Time {
    /// A time from hours and minutes; `None` when out of range.
    pub fn hm(hour: u32, minute: u32) -> Option<Time> {
        NaiveTime::from_hms_opt(hour, minute, 0).map(Time)
    }

    /// A time from hours, minutes and seconds; `None` when out of range.
    pub fn hms(hour: u32, minute: u32, second: u32) -> Option<Time> {
        NaiveTime::from_hms_opt(hour, minute, second).map(Time)
    }

    /// "19:05", the form protocols print.
    pub fn hhmm(&self) -> String {
        format!("{:02}:{:02}", self.0.hour(), self.0.minute())
    }

    /// Whole seconds from `self` to `later` (0 when `later` is earlier).
    pub fn seconds_until(&self, later: Time) -> u32 {
        let secs = (later.0 - self.0).num_seconds();
        u32::try_from(secs).unwrap_or(0)
    }
}

/// A time as a minute-taker types it: "19:05", "19.05", "1905", "19", "19:05:30".
pub fn typed_time(text: &str) -> Option<Time> {
    let t = text.trim().trim_end_matches("Uhr").trim();
    let (h, m) = if let Some((h, m)) = t.split_once([':', '.']) {
        if let Ok(full) = NaiveTime::parse_from_str(&t.replace('.', ":"), "%H:%M:%S") {
            return Some(Time(full));
        }
        (h, m)
    } else if t.len() == 4 {
        t.split_at(2)
    } else {
        (t, "0")
    };
    let (h, m) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    Time::hm(h, m)
}

/// "19:05–19:20", "19:05-", "-19:20" or "" as the minute-taker types a span: its start and end,
/// each `None` where left empty; the reason when it is no span.
pub fn typed_span(text: &str) -> Result<(Option<Time>, Option<Time>), String> {
    let one = |part: &str| -> Result<Option<Time>, String> {
        let part = part.trim();
        if part.is_empty() {
            return Ok(None);
        }
        typed_time(part)
            .map(Some)
            .ok_or_else(|| format!("„{part}“ ist keine Uhrzeit (z. B. 19:05)"))
    };
    let (from, to) = text
        .split_once(['–', '-'])
        .or_else(|| text.split_once(" bis "))
        .unwrap_or((text, ""));
    Ok((one(from)?, one(to)?))
}

impl fmt::Display for Time {
    /// "19:05" when the seconds are zero, else "19:05:30": files stay short where seconds do not matter.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.second() == 0 {
            write!(f, "{}", self.hhmm())
        } else {
            write!(f, "{}:{:02}", self.hhmm(), self.0.second())
        }
    }
}

impl FromStr for Time {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // "HH:MM" as `save` writes it, read without chrono's format machinery (the search reads
        // thousands of these).
        let digits = |d: &[u8]| -> Option<u32> {
            match d {
                [a @ b'0'..=b'9', b @ b'0'..=b'9'] => {
                    Some(u32::from(a - b'0') * 10 + u32::from(b - b'0'))
                }
                _ => None,
            }
        };
        if let [h @ .., b':', _, _] = s.as_bytes()
            && h.len() == 2
            && let (Some(h), Some(m)) = (digits(h), digits(&s.as_bytes()[3..]))
            && let Some(t) = NaiveTime::from_hms_opt(h, m, 0)
        {
            return Ok(Time(t));
        }
        NaiveTime::parse_from_str(s, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
            .map(Time)
            .map_err(|_| format!("keine gültige Uhrzeit (HH:MM oder HH:MM:SS): {s:?}"))
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_minutes_only_when_seconds_are_zero() {
        assert_eq!(Time::hm(19, 5).unwrap().to_string(), "19:05");
        assert_eq!(Time::hms(19, 5, 7).unwrap().to_string(), "19:05:07");
    }

    #[test]
    fn parses_both_forms_and_rejects_nonsense() {
        assert_eq!("19:05".parse::<Time>(), Ok(Time::hm(19, 5).unwrap()));
        assert_eq!("19:05:07".parse::<Time>(), Ok(Time::hms(19, 5, 7).unwrap()));
        assert!("25:00".parse::<Time>().is_err());
        assert!("abends".parse::<Time>().is_err());
        assert!("19:60".parse::<Time>().is_err());
    }

    #[test]
    fn the_quick_reading_agrees_with_chrono() {
        for h in 0..30 {
            for m in 0..70 {
                let text = format!("{h:02}:{m:02}");
                let chrono = NaiveTime::parse_from_str(&text, "%H:%M").ok().map(Time);
                assert_eq!(text.parse::<Time>().ok(), chrono, "{text}");
            }
        }
    }

    #[test]
    fn times_and_spans_as_typed() {
        let t = |h, m| Time::hm(h, m);
        assert_eq!(typed_time("19:05"), t(19, 5));
        assert_eq!(typed_time("19.05 Uhr"), t(19, 5));
        assert_eq!(typed_time("1905"), t(19, 5));
        assert_eq!(typed_time("19"), t(19, 0));
        assert_eq!(typed_time("19:05:30"), Time::hms(19, 5, 30));
        assert_eq!(typed_time("25:00"), None);
        assert_eq!(typed_time("abends"), None);
        assert_eq!(typed_span("19:05–19:20"), Ok((t(19, 5), t(19, 20))));
        assert_eq!(typed_span("19:05 - "), Ok((t(19, 5), None)));
        assert_eq!(typed_span("-19:20"), Ok((None, t(19, 20))));
        assert_eq!(typed_span(""), Ok((None, None)));
        assert_eq!(typed_span("19:05 bis 20:00"), Ok((t(19, 5), t(20, 0))));
        assert!(typed_span("gleich").is_err());
    }

    #[test]
    fn seconds_until_never_goes_negative() {
        let a = Time::hm(19, 0).unwrap();
        let b = Time::hms(19, 2, 30).unwrap();
        assert_eq!(a.seconds_until(b), 150);
        assert_eq!(b.seconds_until(a), 0);
    }
}
