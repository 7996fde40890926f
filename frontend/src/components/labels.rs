//! Text keys of the contract's statuses and kinds, shared by several pages.

use crate::i18n::Key;
use va_openapi::auth::Role;
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::readiness::{Answer, CheckStatus};
use va_openapi::reference::OrganisationKind;
use va_openapi::training::AttendanceStatus;

pub fn enrolment_status_key(s: EnrolmentStatus) -> Key {
    match s {
        EnrolmentStatus::Draft => k!("es.draft"),
        EnrolmentStatus::Submitted => k!("es.submitted"),
        EnrolmentStatus::Returned => k!("es.returned"),
        EnrolmentStatus::Approved => k!("es.approved"),
        EnrolmentStatus::Rejected => k!("es.rejected"),
        EnrolmentStatus::Placed => k!("es.placed"),
        EnrolmentStatus::Waitlisted => k!("es.waitlisted"),
        EnrolmentStatus::Withdrawn => k!("es.withdrawn"),
        EnrolmentStatus::Trained => k!("es.trained"),
        EnrolmentStatus::NotCompleted => k!("es.not_completed"),
    }
}

pub fn kind_key(k: OrganisationKind) -> Key {
    match k {
        OrganisationKind::Municipality => k!("kind.municipality"),
        OrganisationKind::Cjg => k!("kind.cjg"),
        OrganisationKind::Gi => k!("kind.gi"),
        OrganisationKind::CareProvider => k!("kind.care_provider"),
        OrganisationKind::Other => k!("kind.other"),
    }
}

pub fn mark_key(s: AttendanceStatus) -> Key {
    match s {
        AttendanceStatus::Present => k!("att.present"),
        AttendanceStatus::Absent => k!("att.absent"),
        AttendanceStatus::Excused => k!("att.excused"),
    }
}

pub fn check_status_key(s: CheckStatus) -> Key {
    match s {
        CheckStatus::Planned => k!("cs.planned"),
        CheckStatus::Scheduled => k!("cs.scheduled"),
        CheckStatus::Completed => k!("cs.completed"),
        CheckStatus::Cancelled => k!("cs.cancelled"),
    }
}

pub fn answer_key(a: Answer) -> Key {
    match a {
        Answer::InPlace => k!("ans.in_place"),
        Answer::InProgress => k!("ans.in_progress"),
        Answer::NotYet => k!("ans.not_yet"),
        Answer::NotApplicable => k!("ans.not_applicable"),
    }
}

pub fn role_key(role: Role) -> Key {
    match role {
        Role::BelCoordinator => k!("role.bel_coordinator"),
        Role::Ambassador => k!("role.ambassador"),
        Role::OrgContact => k!("role.org_contact"),
        Role::Trainer => k!("role.trainer"),
    }
}

pub fn group_status_key(s: va_openapi::reference::GroupStatus) -> Key {
    use va_openapi::reference::GroupStatus as G;
    match s {
        G::Planned => k!("status.planned"),
        G::Open => k!("status.open"),
        G::Running => k!("status.running"),
        G::Completed => k!("status.completed"),
        G::Cancelled => k!("status.cancelled"),
    }
}

pub fn course_key(c: va_openapi::admin::CourseType) -> Key {
    use va_openapi::admin::CourseType as C;
    match c {
        C::VaTraining => k!("course.va_training"),
        C::BasicAttitude => k!("course.basic_attitude"),
        C::Refresher => k!("course.refresher"),
    }
}

/// A line of an enrolment's timeline by its action.
pub fn timeline_action_key(a: &str) -> Key {
    match a {
        "created" => k!("act.created"),
        "submit" => k!("act.submit"),
        "approve" => k!("act.approve"),
        "reject" => k!("act.reject"),
        "return" => k!("act.return"),
        "allocate" => k!("act.allocate"),
        "move" => k!("act.move"),
        "waitlist" => k!("act.waitlist"),
        "withdraw" => k!("act.withdraw"),
        "edit" => k!("act.edit"),
        "offer" => k!("act.offer"),
        "offer_accepted" => k!("act.offer_accepted"),
        "offer_declined" => k!("act.offer_declined"),
        "offer_expired" => k!("act.offer_expired"),
        "substitute" => k!("act.substitute"),
        "priority" => k!("act.priority"),
        "complete" => k!("act.complete"),
        "not_complete" => k!("act.not_complete"),
        _ => k!("act.other"),
    }
}

pub fn followup_kind_key(k: va_openapi::followup::FollowupKind) -> Key {
    use va_openapi::followup::FollowupKind as K;
    match k {
        K::Supervision => k!("fk.supervision"),
        K::Coaching => k!("fk.coaching"),
        K::Deepening => k!("fk.deepening"),
    }
}

pub fn session_status_key(s: va_openapi::followup::SessionStatus) -> Key {
    use va_openapi::followup::SessionStatus as S;
    match s {
        S::Planned => k!("fs.planned"),
        S::Held => k!("fs.held"),
        S::Cancelled => k!("fs.cancelled"),
    }
}

pub fn budget_line_key(l: va_openapi::budget::BudgetLineKind) -> Key {
    use va_openapi::budget::BudgetLineKind as L;
    match l {
        L::Training => k!("bud.line.training"),
        L::LearningQuestions => k!("bud.line.learning_questions"),
        L::Other => k!("bud.line.other"),
    }
}

pub fn question_status_key(s: va_openapi::budget::LearningQuestionStatus) -> Key {
    use va_openapi::budget::LearningQuestionStatus as S;
    match s {
        S::Proposed => k!("lq.status.proposed"),
        S::Funded => k!("lq.status.funded"),
        S::Declined => k!("lq.status.declined"),
        S::Closed => k!("lq.status.closed"),
    }
}

pub fn registration_status_key(s: va_openapi::learning::RegistrationStatus) -> Key {
    use va_openapi::learning::RegistrationStatus as S;
    match s {
        S::Registered => k!("ln.st.registered"),
        S::Waiting => k!("ln.st.waiting"),
        S::Offered => k!("ln.st.offered"),
        S::Cancelled => k!("ln.st.cancelled"),
    }
}
