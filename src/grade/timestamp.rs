//! The submission times of form exports, to order repeated submissions (`--keep`): which column
//! holds them, and the date orders they are written in.
//!
//! A time zone label (`GMT`, `GMT+1`, `UTC`, `Z`, `+01:00`) is dropped: one export writes every
//! time in one zone, so the order within it does not change.

use jiff::civil::DateTime;
use jiff::fmt::strtime;

/// Headings of the submission-time column: Google Forms' `Timestamp` (and its localized
/// spellings), Microsoft Forms' `Completion time`, Canvas's `submitted`, `SurveyMonkey`'s
/// `End Date`, Qualtrics' `RecordedDate`, and a long sheet's `timestamp` or `submitted at`.
pub(super) const HEADINGS: &[&str] = &[
    "timestamp",
    "horodateur",
    "marca temporal",
    "zeitstempel",
    "informazioni cronologiche",
    "carimbo de data/hora",
    "tijdstempel",
    "completion time",
    "heure de fin",
    "hora de finalización",
    "fertigstellungszeit",
    "submitted",
    "submitted at",
    "end date",
    "recordeddate",
    "recorded date",
];

/// The order of day, month and year a column writes its dates in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateOrder {
    /// `2026-11-29 10:01:02` (ISO 8601, Qualtrics, Canvas) or `2026/11/29 10:01:02 AM`
    /// (Google Forms).
    Ymd,
    /// `11/29/2026 10:00` or `11/29/26 10:00` (US English: Microsoft Forms, `SurveyMonkey`,
    /// Google Forms in the US).
    Mdy,
    /// `29/11/2026 10:00`, `29.11.2026 10:00` or `29-11-2026 10:00` (most other locales).
    Dmy,
}

impl DateOrder {
    /// Every order, in the order of preference when a column fits several (every day of the
    /// month at most 12): month first before day first, as the English exports write them.
    pub(super) const ALL: [DateOrder; 3] = [DateOrder::Ymd, DateOrder::Mdy, DateOrder::Dmy];

    /// The strptime formats of the dates of this order, each with every time format.
    fn dates(self) -> &'static [&'static str] {
        match self {
            DateOrder::Ymd => &["%Y-%m-%d", "%Y/%m/%d"],
            // Two-digit years first: `%Y` would read `26` as the year 26.
            DateOrder::Mdy => &["%m/%d/%y", "%m/%d/%Y"],
            DateOrder::Dmy => &["%d/%m/%y", "%d/%m/%Y", "%d.%m.%y", "%d.%m.%Y", "%d-%m-%Y"],
        }
    }
}

/// The time formats after a date: 24-hour or 12-hour, with or without seconds (and their
/// fraction), or no time at all.
const TIMES: &[&str] = &[
    " %H:%M:%S%.f",
    "T%H:%M:%S%.f",
    " %H:%M:%S",
    " %H:%M",
    "T%H:%M",
    " %I:%M:%S %p",
    " %I:%M %p",
    "",
];

/// `cell` without a trailing time zone label.
fn without_zone(cell: &str) -> &str {
    let cell = cell.trim();
    if let Some((head, last)) = cell.rsplit_once(' ') {
        let upper = last.to_ascii_uppercase();
        let label = upper.starts_with("GMT")
            || upper.starts_with("UTC")
            || (last.len() >= 3
                && last.len() <= 5
                && last.bytes().all(|b| b.is_ascii_uppercase())
                && upper != "AM"
                && upper != "PM");
        if label {
            return head.trim_end();
        }
    }
    if let Some(head) = cell.strip_suffix('Z') {
        return head;
    }
    // An ISO offset after the seconds: `…10:00:00+01:00`.
    let bytes = cell.as_bytes();
    if bytes.len() > 6
        && matches!(bytes[bytes.len() - 6], b'+' | b'-')
        && bytes[bytes.len() - 3] == b':'
        && bytes[bytes.len() - 7].is_ascii_digit()
        && cell.contains(':')
        && cell[..bytes.len() - 6].contains(':')
    {
        return &cell[..bytes.len() - 6];
    }
    cell
}

/// Reads times, trying first the format that read the previous time of the same date order
/// (an export writes every time alike, so a sheet's times cost one format each).
#[derive(Debug)]
pub(super) struct Reader {
    /// Per date order: every date format with every time format.
    formats: [Vec<String>; 3],
    /// Per date order: the format that read last.
    last: [usize; 3],
}

impl Reader {
    /// A reader of every known format.
    pub(super) fn new() -> Self {
        let formats = DateOrder::ALL.map(|order| {
            order
                .dates()
                .iter()
                .flat_map(|date| TIMES.iter().map(move |time| format!("{date}{time}")))
                .collect()
        });
        Self { formats, last: [0; 3] }
    }

    /// The date and time `cell` holds when its date is written in `order`.
    pub(super) fn parse(&mut self, cell: &str, order: DateOrder) -> Option<DateTime> {
        let text = without_zone(cell);
        if text.is_empty() {
            return None;
        }
        let o = order as usize;
        let formats = &self.formats[o];
        let first = self.last[o];
        let read = |i: usize| strtime::parse(&formats[i], text).and_then(|t| t.to_datetime()).ok();
        if let Some(time) = read(first) {
            return Some(time);
        }
        let (i, time) =
            (0..formats.len()).filter(|&i| i != first).find_map(|i| read(i).map(|t| (i, t)))?;
        self.last[o] = i;
        Some(time)
    }
}

/// The date and time `cell` holds when its date is written in `order`.
#[cfg(test)]
fn parse(cell: &str, order: DateOrder) -> Option<DateTime> {
    Reader::new().parse(cell, order)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(cell: &str, order: DateOrder) -> Option<String> {
        parse(cell, order).map(|d| d.to_string())
    }

    #[test]
    fn form_tools_timestamps_are_read() {
        use DateOrder::{Dmy, Mdy, Ymd};
        // Google Forms (en-US sheets write month first, others year first or day first).
        assert_eq!(at("2026/11/29 10:01:02 AM GMT", Ymd).as_deref(), Some("2026-11-29T10:01:02"));
        assert_eq!(at("2026/11/29 1:01:02 PM GMT+1", Ymd).as_deref(), Some("2026-11-29T13:01:02"));
        assert_eq!(at("11/29/2026 10:01:02", Mdy).as_deref(), Some("2026-11-29T10:01:02"));
        assert_eq!(at("29/11/2026 10:01:02", Dmy).as_deref(), Some("2026-11-29T10:01:02"));
        // Microsoft Forms, Canvas, Qualtrics, SurveyMonkey, ISO 8601.
        assert_eq!(at("11/29/26 10:09", Mdy).as_deref(), Some("2026-11-29T10:09:00"));
        assert_eq!(at("2026-11-29 10:02:11 UTC", Ymd).as_deref(), Some("2026-11-29T10:02:11"));
        assert_eq!(at("2026-11-29T10:02:11.5Z", Ymd).as_deref(), Some("2026-11-29T10:02:11.5"));
        assert_eq!(at("2026-11-29T10:02:11+01:00", Ymd).as_deref(), Some("2026-11-29T10:02:11"));
        assert_eq!(at("29.11.2026 10:01", Dmy).as_deref(), Some("2026-11-29T10:01:00"));
        assert_eq!(at("29.11.26 10:01", Dmy).as_deref(), Some("2026-11-29T10:01:00"));
        assert_eq!(at("11/29/2026 10:00 AM", Mdy).as_deref(), Some("2026-11-29T10:00:00"));
        // A date that does not fit the order, and text that is no date.
        assert_eq!(at("29/11/2026 10:01:02", Mdy), None);
        assert_eq!(at("yesterday", Ymd), None);
        assert_eq!(at("", Ymd), None);
    }
}
