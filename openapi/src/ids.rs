//! Typed identifiers: an organisation id cannot be passed where a user id is meant.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($($(#[$meta:meta])* $name:ident),* $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl From<i64> for $name {
            fn from(v: i64) -> Self {
                Self(v)
            }
        }
    )*};
}

typed_id!(
    /// A youth region (Noord-, Midden-, Zuid-Limburg).
    RegionId,
    /// A municipality, CJG, certified institution or care provider.
    OrganisationId,
    /// A user account.
    UserId,
    /// A professional who can be enrolled.
    ProfessionalId,
    /// A training programme, e.g. "VA-training 2026-2027".
    ProgrammeId,
    /// A training group within a programme.
    GroupId,
    /// An audit log entry.
    AuditId,
    /// An enrolment request of an organisation (one or more professionals).
    RequestId,
    /// One professional's enrolment within a request.
    EnrolmentId,
    /// A seat offered to a waiting entry.
    OfferId,
    /// A substitution window after a placed professional withdrew.
    SubstitutionId,
    /// A proposal to open an extra training group.
    ProposalId,
    /// One day of a training group.
    TrainingDayId,
    /// An action agreed on after a group's feedback.
    FeedbackActionId,
    /// A supervision, coaching or deepening session.
    FollowupSessionId,
    /// An organisation's request for follow-up.
    FollowupRequestId,
    /// A quality reflection recorded in supervision.
    ReflectionId,
    /// A yearly survey round.
    SurveyRoundId,
    /// A frozen set of monitoring figures.
    SnapshotId,
    /// A monitoring meeting ("overleg borging VA").
    MeetingId,
    /// A decision or action of a monitoring meeting.
    MeetingItemId,
    /// A learning-network session (casuistry learning, plan actions 15-16).
    LearningSessionId,
    /// A professional's place (or wait) for a learning-network session.
    LearningRegistrationId,
    /// A region's learning need, recorded by its ambassador.
    LearningNeedId,
    /// A learning question (plan section 6) with its own budget.
    LearningQuestionId,
    /// Money booked on a budget line.
    BudgetExpenseId,
    /// A saved planner scenario.
    ScenarioId,
    /// A message in the outbox.
    MailId,
);
