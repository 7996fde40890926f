//! The waiting list, offers, substitutions, proposals, budgets.

use super::*;
use va_openapi::{EnrolmentId, GroupId};
use va_openapi::enrolment::{PriorityInput, WaitlistEntry};
use va_openapi::waitlist::*;



pub async fn waitlist_board(programme: ProgrammeId) -> Result<WaitlistBoard, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/waitlist-board")).await
}

pub async fn waitlist_overview(programme: ProgrammeId) -> Result<OrganisationWaitlist, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/waitlist-overview")).await
}

pub async fn set_priority(id: EnrolmentId, adjustment: i32, reason: String) -> Result<WaitlistEntry, ApiError> {
    put(&format!("/api/v1/enrolments/{id}/priority"), &PriorityInput { adjustment, reason }).await
}

pub async fn manual_offer(input: &ManualOfferInput) -> Result<OfferView, ApiError> {
    post("/api/v1/offers", input).await
}

/// The offer behind a link; no account.
pub async fn offer_lookup(token: String) -> Result<PublicOffer, ApiError> {
    request::<_, PublicOffer>("POST", "/api/v1/offers/lookup", Some(&OfferTokenInput { token })).await?.ok_or(ApiError::Network)
}

pub async fn offer_answer(input: OfferAnswer) -> Result<PublicOffer, ApiError> {
    request::<_, PublicOffer>("POST", "/api/v1/offers/answer", Some(&input)).await?.ok_or(ApiError::Network)
}

pub async fn substitute(id: va_openapi::SubstitutionId, input: &SubstituteInput) -> Result<SubstitutionView, ApiError> {
    post(&format!("/api/v1/substitutions/{id}/substitute"), input).await
}

pub async fn release_substitution(id: va_openapi::SubstitutionId) -> Result<SubstitutionView, ApiError> {
    post(&format!("/api/v1/substitutions/{id}/release"), &serde_json::json!({})).await
}

pub async fn set_capacity(group: GroupId, capacity: i32) -> Result<GroupSeats, ApiError> {
    put(&format!("/api/v1/groups/{group}/capacity"), &CapacityInput { capacity }).await
}

pub async fn approve_proposal(id: va_openapi::ProposalId, input: &ApproveProposal) -> Result<ProposalView, ApiError> {
    post(&format!("/api/v1/proposals/{id}/approve"), input).await
}

pub async fn decline_proposal(id: va_openapi::ProposalId, reason: String) -> Result<ProposalView, ApiError> {
    post(&format!("/api/v1/proposals/{id}/decline"), &DeclineProposal { reason }).await
}

pub async fn set_budget(year: i32, training_eur: i64) -> Result<BudgetYear, ApiError> {
    put(&format!("/api/v1/budgets/{year}"), &BudgetInput { training_eur, learning_questions_eur: None, other_eur: None }).await
}

pub async fn waitlist_settings(programme: ProgrammeId, s: &WaitlistSettings) -> Result<WaitlistSettings, ApiError> {
    put(&format!("/api/v1/programmes/{programme}/waitlist-settings"), s).await
}

pub async fn set_quotas(group: GroupId, input: &QuotasInput) -> Result<GroupSeats, ApiError> {
    put(&format!("/api/v1/groups/{group}/quotas"), input).await
}
