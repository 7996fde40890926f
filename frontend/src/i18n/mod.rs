//! Dutch first, English second. Every visible text goes through `t!` (or a
//! `Key` from `k!`); the texts themselves are in `texts.rs`.

mod texts;

use leptos::prelude::*;
use texts::TEXTS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// A text key: an index into `TEXTS`, checked when the program compiles.
/// Write keys with `k!("…")` (a `Key`) or `t!("…")` (its reactive text): a
/// key that is not in the table stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(u16);

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Key {
    /// The key named `name`; a compile error (in a `const`) when there is none.
    pub const fn checked(name: &str, missing: &'static str) -> Key {
        let mut i = 0;
        while i < TEXTS.len() {
            if same(TEXTS[i].0, name) {
                return Key(i as u16);
            }
            i += 1;
        }
        panic!("{}", missing)
    }

    pub fn name(self) -> &'static str {
        TEXTS[self.0 as usize].0
    }
}

/// A checked text key: `k!("nav.start")`.
#[macro_export]
macro_rules! k {
    ($key:literal) => {{
        const KEY: $crate::i18n::Key = $crate::i18n::Key::checked($key, concat!("unknown text key ", $key));
        KEY
    }};
}

/// The reactive text of a checked key: `t!("nav.start")`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::tr($crate::k!($key))
    };
}

pub fn lookup(lang: Lang, key: Key) -> &'static str {
    let (_, nl, en) = TEXTS[key.0 as usize];
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// The current language, from context (provided by `App`).
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A reactive translation of `key`.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || lookup(lang.get(), key)
}

/// Translation of an API error code. The match is exhaustive, so a new code
/// in the contract does not compile until it has a text here.
pub fn error_key(code: va_openapi::ErrorCode) -> Key {
    use va_openapi::ErrorCode as E;
    match code {
        E::MalformedRequest => crate::k!("err.malformed_request"),
        E::ValidationFailed => crate::k!("err.validation_failed"),
        E::Unauthenticated => crate::k!("err.unauthenticated"),
        E::InvalidCredentials => crate::k!("err.invalid_credentials"),
        E::RateLimited => crate::k!("err.rate_limited"),
        E::PayloadTooLarge => crate::k!("err.payload_too_large"),
        E::Forbidden => crate::k!("err.forbidden"),
        E::NotFound => crate::k!("err.not_found"),
        E::AlreadyExists => crate::k!("err.already_exists"),
        E::TokenInvalid => crate::k!("err.token_invalid"),
        E::Conflict => crate::k!("err.conflict"),
        E::InvalidTransition => crate::k!("err.invalid_transition"),
        E::GroupFull => crate::k!("err.group_full"),
        E::GroupClosed => crate::k!("err.group_closed"),
        E::AlreadyEnrolled => crate::k!("err.already_enrolled"),
        E::ReadinessCheckIncomplete => crate::k!("err.readiness_check_incomplete"),
        E::OfferNotOpen => crate::k!("err.offer_not_open"),
        E::OfferExpired => crate::k!("err.offer_expired"),
        E::GroupStarted => crate::k!("err.group_started"),
        E::SeatReserved => crate::k!("err.seat_reserved"),
        E::OverBudget => crate::k!("err.over_budget"),
        E::CapacityTooLow => crate::k!("err.capacity_too_low"),
        E::AttendanceClosed => crate::k!("err.attendance_closed"),
        E::AttendanceIncomplete => crate::k!("err.attendance_incomplete"),
        E::AlreadyAnswered => crate::k!("err.already_answered"),
        E::ProposalOpen => crate::k!("err.proposal_open"),
        E::LastCoordinator => crate::k!("err.last_coordinator"),
        E::HasAttendance => crate::k!("err.has_attendance"),
        E::LastDay => crate::k!("err.last_day"),
        E::OrganisationInactive => crate::k!("err.organisation_inactive"),
        E::GroupInUse => crate::k!("err.group_in_use"),
        E::PersonActive => crate::k!("err.person_active"),
        E::MeetingsFull => crate::k!("err.meetings_full"),
        E::Unavailable => crate::k!("err.unavailable"),
        E::Internal => crate::k!("err.internal"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_texts() {
        assert_eq!(crate::k!("nav.start").name(), "nav.start");
        assert_eq!(lookup(Lang::En, crate::k!("nav.start")), "Home");
    }

    #[test]
    fn every_text_has_both_languages_and_keys_are_unique() {
        for (i, (k, nl, en)) in TEXTS.iter().enumerate() {
            assert!(!nl.is_empty() && !en.is_empty(), "{k}");
            assert!(TEXTS[i + 1..].iter().all(|(k2, _, _)| k2 != k), "duplicate {k}");
        }
    }

    #[test]
    fn every_error_key_has_a_text() {
        use va_openapi::ErrorCode as E;
        for c in [E::MalformedRequest, E::ValidationFailed, E::Unauthenticated, E::InvalidCredentials, E::RateLimited,
                  E::Forbidden, E::NotFound, E::AlreadyExists, E::TokenInvalid, E::Conflict, E::Unavailable, E::Internal, E::InvalidTransition, E::GroupFull,
                  E::GroupClosed, E::AlreadyEnrolled, E::ReadinessCheckIncomplete, E::OfferNotOpen, E::OfferExpired, E::GroupStarted,
                  E::SeatReserved, E::OverBudget, E::CapacityTooLow, E::AttendanceClosed, E::AttendanceIncomplete, E::AlreadyAnswered, E::ProposalOpen] {
            assert!(!lookup(Lang::Nl, error_key(c)).is_empty(), "{c:?}");
        }
    }
}
