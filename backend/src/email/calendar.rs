//! iCalendar (RFC 5545) for training days, in Europe/Amsterdam local time.

use chrono::{DateTime, NaiveDate, Utc};

pub struct CalendarEvent {
    /// Stable per day and participant, so a later update replaces the same event.
    pub uid: String,
    pub sequence: i32,
    pub day: NaiveDate,
    /// `HH:MM` local time.
    pub starts_at: String,
    pub ends_at: String,
    pub summary: String,
    pub location: String,
    pub description: String,
    /// For invitations (`METHOD:REQUEST`): who invites, and who is invited.
    pub organizer: Option<String>,
    pub attendees: Vec<String>,
}

const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Amsterdam",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Escapes TEXT values (RFC 5545 3.3.11). Every line break, a lone CR too,
/// becomes `\n`, and other control characters go: a value can never start a
/// content line of its own (such as an `ATTENDEE`).
pub fn escape(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect::<String>()
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1).
pub fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if len + n > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(ch);
        len += n;
    }
    out
}

/// The bare address of a From value (`BEL <va@bel.nl>` gives `va@bel.nl`).
pub fn address_of(from: &str) -> String {
    match (from.rfind('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => from[a + 1..b].trim().to_string(),
        _ => from.trim().to_string(),
    }
}

fn local(day: NaiveDate, hhmm: &str) -> String {
    format!("{}T{}00", day.format("%Y%m%d"), hhmm.replace(':', ""))
}

/// A calendar with one VEVENT per training day. `method` is `PUBLISH`,
/// `REQUEST` or `CANCEL`.
pub fn calendar(method: &str, events: &[CalendarEvent], now: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//BEL Limburg//VA-trainingsplanner//NL".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("METHOD:{method}"),
    ];
    lines.extend(VTIMEZONE.iter().map(|s| s.to_string()));
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("SEQUENCE:{}", e.sequence));
        lines.push(format!("DTSTART;TZID=Europe/Amsterdam:{}", local(e.day, &e.starts_at)));
        lines.push(format!("DTEND;TZID=Europe/Amsterdam:{}", local(e.day, &e.ends_at)));
        lines.push(format!("SUMMARY:{}", escape(&e.summary)));
        lines.push(format!("LOCATION:{}", escape(&e.location)));
        lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        if let Some(o) = &e.organizer {
            lines.push(format!("ORGANIZER:mailto:{o}"));
        }
        for a in &e.attendees {
            lines.push(format!("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:{a}"));
        }
        if method == "CANCEL" {
            lines.push("STATUS:CANCELLED".into());
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        out.push_str(&fold(&l));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> CalendarEvent {
        CalendarEvent {
            uid: "va-day-3-enrolment-9@va-planner".into(),
            sequence: 0,
            day: NaiveDate::from_ymd_opt(2027, 1, 19).expect("date"),
            starts_at: "09:30".into(),
            ends_at: "16:30".into(),
            summary: "VA-training: Groep 5, dag 1".into(),
            location: "Trainingslocatie Venlo; zaal 2".into(),
            description: "Neem een casus mee.\nTot dan!".into(),
            organizer: None,
            attendees: vec![],
        }
    }

    #[test]
    fn a_training_day_is_a_local_time_event_with_the_amsterdam_zone() {
        let ics = calendar("PUBLISH", &[event()], Utc::now());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("TZID:Europe/Amsterdam\r\n"));
        assert!(ics.contains("DTSTART;TZID=Europe/Amsterdam:20270119T093000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Amsterdam:20270119T163000\r\n"));
        assert!(ics.contains("SUMMARY:VA-training: Groep 5\\, dag 1\r\n"));
        assert!(ics.contains("LOCATION:Trainingslocatie Venlo\\; zaal 2\r\n"));
        assert!(ics.contains("DESCRIPTION:Neem een casus mee.\\nTot dan!\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.contains("STATUS:CANCELLED"));
    }

    #[test]
    fn long_lines_are_folded_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "coördinatie ".repeat(20));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
    }

    #[test]
    fn no_text_starts_a_line_of_its_own() {
        for place in ["Zaal 1\rATTENDEE:mailto:x@evil.test", "Zaal 1\nATTENDEE:mailto:x@evil.test", "Zaal 1\r\nATTENDEE:x", "a\u{0b}b\u{0}c"] {
            let e = escape(place);
            assert!(!e.contains('\r') && !e.contains('\n') && !e.chars().any(|c| c.is_control()), "{e:?}");
        }
        assert_eq!(escape("a;b,c\\d\re"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn a_cancellation_says_so() {
        let ics = calendar("CANCEL", &[event()], Utc::now());
        assert!(ics.contains("METHOD:CANCEL\r\n") && ics.contains("STATUS:CANCELLED\r\n"));
    }

    #[test]
    fn the_organizer_is_the_bare_address_of_the_sender() {
        assert_eq!(address_of("VA-trainingsplanner BEL <va@bel-limburg.nl>"), "va@bel-limburg.nl");
        assert_eq!(address_of(" va@bel-limburg.nl "), "va@bel-limburg.nl");
    }
}
