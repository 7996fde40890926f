//! The API contract shared by the server and the SPA.
//!
//! Every request and response body of `/api/v1` is declared here once, so the
//! generated spec (`openapi.json` beside this crate), the server and the SPA
//! cannot drift apart. Schema derives sit behind the `server` feature because
//! the SPA is compiled to wasm without them.

/// A string enum of the contract: serde, the OpenAPI schema, `as_str` and
/// `parse` all use the one string written beside each variant, and `ALL`
/// lists every variant in order.
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $s:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $s)] $variant),+
        }

        impl $name {
            pub const ALL: [$name; $crate::string_enum!(@count $($variant)+)] = [$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s),+
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($s => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
    (@count) => { 0usize };
    (@count $head:ident $($tail:ident)*) => { 1usize + $crate::string_enum!(@count $($tail)*) };
}

pub mod admin;
pub mod auth;
pub mod budget;
pub mod enrolment;
pub mod error;
pub mod feeds;
pub mod followup;
pub mod ids;
pub mod learning;
pub mod mail;
pub mod meetings;
pub mod monitoring;
pub mod planning;
pub mod privacy;
pub mod readiness;
pub mod survey;
pub mod reference;
pub mod training;
pub mod waitlist;

pub use error::{ErrorCode, FieldError, Problem};
pub use ids::*;

/// Maximum length of short text fields (names, titles).
pub const MAX_NAME_LEN: usize = 200;
/// Maximum length of an email address (RFC 5321 path limit).
pub const MAX_EMAIL_LEN: usize = 254;
/// Password length bounds.
pub const MIN_PASSWORD_LEN: usize = 10;
pub const MAX_PASSWORD_LEN: usize = 128;

#[cfg(test)]
mod tests {
    /// The wire string, `as_str` and `parse` agree for every variant of every string enum.
    macro_rules! round_trip {
        ($($t:ty),+ $(,)?) => {$(
            for v in <$t>::ALL {
                let wire = serde_json::to_string(&v).expect("serialise");
                assert_eq!(wire, format!("\"{}\"", v.as_str()), "{v:?}");
                assert_eq!(<$t>::parse(v.as_str()), Some(v));
                assert_eq!(serde_json::from_str::<$t>(&wire).expect("deserialise"), v);
            }
            assert_eq!(<$t>::parse("no such value"), None);
        )+};
    }

    #[test]
    fn string_enums_say_the_same_string_everywhere() {
        use crate::*;
        round_trip!(
            auth::Role,
            enrolment::EnrolmentStatus,
            ErrorCode,
            followup::FollowupKind,
            followup::SessionStatus,
            followup::FollowupRequestStatus,
            readiness::Answer,
            readiness::CheckStatus,
            readiness::Owner,
            readiness::FollowupStatus,
            readiness::TemplateStatus,
            reference::OrganisationKind,
            reference::GroupStatus,
            admin::OrganisationImportAction,
            admin::CourseType,
            admin::AccountState,
            training::AttendanceStatus,
            waitlist::OfferStatus,
            waitlist::SubstitutionStatus,
            waitlist::ProposalStatus,
        );
        assert_eq!(reference::GroupStatus::ALL.len(), 5);
    }
}
