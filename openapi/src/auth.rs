//! Login, the caller's identity, invitations and password resets.

use crate::ids::{OrganisationId, RegionId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// What a user may do. Ambassadors are scoped to a region, organisation
    /// contacts to an organisation.
    pub enum Role {
        BelCoordinator = "bel_coordinator",
        Ambassador = "ambassador",
        OrgContact = "org_contact",
        Trainer = "trainer",
    }
}


#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[cfg_attr(feature = "server", schema(example = "bel@demo.local"))]
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Bearer token (JWT, HS256) for the `Authorization` header.
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: Me,
}

/// The caller as the server sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Set for ambassadors.
    pub region: Option<NamedRef<RegionId>>,
    /// Set for organisation contacts.
    pub organisation: Option<NamedRef<OrganisationId>>,
}

/// An id with its display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NamedRef<T> {
    pub id: T,
    pub name: String,
}

/// BEL invites a user; they receive a one-time link to set a password.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteUserRequest {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Required for ambassadors.
    #[serde(default)]
    pub region_id: Option<RegionId>,
    /// Required for organisation contacts.
    #[serde(default)]
    pub organisation_id: Option<OrganisationId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UserSummary {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub region_id: Option<RegionId>,
    pub organisation_id: Option<OrganisationId>,
    /// False until the user has set a password through their invitation.
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// Ask for a password-reset link. Always answered with 202 so that the
/// answer does not tell whether an account exists.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    pub email: String,
}

/// Redeem an invitation or reset link.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPasswordRequest {
    pub token: String,
    pub password: String,
}
