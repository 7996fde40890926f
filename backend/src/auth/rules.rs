//! Pure rules of access and login: no IO, tested without HTTP or a database.

use va_openapi::auth::Role;
use va_openapi::{OrganisationId, RegionId, MAX_PASSWORD_LEN, MIN_PASSWORD_LEN};

/// What part of the data a caller's role reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// BEL coordinators: everything.
    All,
    /// Ambassadors: the organisations of one region.
    Region(RegionId),
    /// Organisation contacts: their own organisation.
    Organisation(OrganisationId),
    /// Trainers: their groups (later); no organisation data.
    Groups,
}

/// The scope a role with the given claims has, or `None` when the claims are
/// inconsistent (an ambassador without a region), which is then refused.
pub fn scope_of(role: Role, region: Option<RegionId>, org: Option<OrganisationId>) -> Option<Scope> {
    match role {
        Role::BelCoordinator => Some(Scope::All),
        Role::Ambassador => region.map(Scope::Region),
        Role::OrgContact => org.map(Scope::Organisation),
        Role::Trainer => Some(Scope::Groups),
    }
}

/// How much of one organisation a scope may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgAccess {
    /// Read and change (enrol professionals).
    Manage,
    /// Read only.
    Read,
    /// Not visible: answered with 404 so existence is not revealed.
    Hidden,
}

pub fn org_access(scope: Scope, org: OrganisationId, org_region: Option<RegionId>) -> OrgAccess {
    match scope {
        Scope::All => OrgAccess::Manage,
        Scope::Organisation(own) if own == org => OrgAccess::Manage,
        Scope::Region(r) if org_region == Some(r) => OrgAccess::Read,
        // Organisations are public reference data; trainers and foreign contacts see the name only.
        Scope::Groups | Scope::Organisation(_) => OrgAccess::Read,
        Scope::Region(_) => OrgAccess::Hidden,
    }
}

/// May the scope see the professionals (personal data) of the organisation?
pub fn may_see_professionals(scope: Scope, org: OrganisationId, org_region: Option<RegionId>) -> bool {
    match scope {
        Scope::All => true,
        Scope::Organisation(own) => own == org,
        Scope::Region(r) => org_region == Some(r),
        Scope::Groups => false,
    }
}

/// Would this change leave no active BEL coordinator? `others` counts the
/// active coordinators besides this account.
pub fn leaves_no_coordinator(is_active_coordinator: bool, stays_active_coordinator: bool, others: u64) -> bool {
    is_active_coordinator && !stays_active_coordinator && others == 0
}

/// Failed logins within the window, or their limits, by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    /// This account from this address: the lock a guesser meets first; the
    /// account's owner elsewhere is not locked out by it.
    pub pair: u64,
    /// This account from any address (guessing spread over many addresses).
    pub account: u64,
    /// Any account from this address (one address trying many accounts).
    pub address: u64,
}

/// Login throttling: refuse while any key has reached its limit of failures
/// within the window. Checked before the password, so guessing stops too.
pub fn login_allowed(seen: Failures, max: Failures) -> bool {
    seen.pair < max.pair && seen.account < max.account && seen.address < max.address
}

/// Password policy: length only (NIST 800-63B), no composition rules.
pub fn password_problem(password: &str) -> Option<&'static str> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        Some("too_short")
    } else if n > MAX_PASSWORD_LEN {
        Some("too_long")
    } else {
        None
    }
}

/// The scope fields an invitation must carry for its role: a region for an
/// ambassador, an organisation for a contact, neither otherwise.
pub fn invite_scope_problems(
    role: Role,
    region: Option<RegionId>,
    org: Option<OrganisationId>,
) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    match role {
        Role::Ambassador => {
            if region.is_none() {
                out.push(("region_id", "required"));
            }
            if org.is_some() {
                out.push(("organisation_id", "not_allowed"));
            }
        }
        Role::OrgContact => {
            if org.is_none() {
                out.push(("organisation_id", "required"));
            }
            if region.is_some() {
                out.push(("region_id", "not_allowed"));
            }
        }
        Role::BelCoordinator | Role::Trainer => {
            if region.is_some() {
                out.push(("region_id", "not_allowed"));
            }
            if org.is_some() {
                out.push(("organisation_id", "not_allowed"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOORD: RegionId = RegionId(1);
    const ZUID: RegionId = RegionId(3);

    #[test]
    fn the_last_coordinator_stays() {
        assert!(leaves_no_coordinator(true, false, 0));
        assert!(!leaves_no_coordinator(true, false, 1));
        assert!(!leaves_no_coordinator(true, true, 0));
        assert!(!leaves_no_coordinator(false, false, 0));
    }

    #[test]
    fn scopes_follow_roles_and_require_their_claims() {
        assert_eq!(scope_of(Role::BelCoordinator, None, None), Some(Scope::All));
        assert_eq!(scope_of(Role::Ambassador, Some(NOORD), None), Some(Scope::Region(NOORD)));
        assert_eq!(scope_of(Role::Ambassador, None, None), None);
        assert_eq!(scope_of(Role::OrgContact, None, Some(OrganisationId(4))), Some(Scope::Organisation(OrganisationId(4))));
        assert_eq!(scope_of(Role::OrgContact, Some(NOORD), None), None);
    }

    #[test]
    fn ambassadors_see_their_region_and_not_others() {
        let venlo = OrganisationId(10);
        assert_eq!(org_access(Scope::Region(NOORD), venlo, Some(NOORD)), OrgAccess::Read);
        assert_eq!(org_access(Scope::Region(ZUID), venlo, Some(NOORD)), OrgAccess::Hidden);
        assert!(may_see_professionals(Scope::Region(NOORD), venlo, Some(NOORD)));
        assert!(!may_see_professionals(Scope::Region(ZUID), venlo, Some(NOORD)));
    }

    #[test]
    fn contacts_manage_only_their_own_organisation() {
        let own = OrganisationId(10);
        let other = OrganisationId(11);
        assert_eq!(org_access(Scope::Organisation(own), own, Some(NOORD)), OrgAccess::Manage);
        assert_eq!(org_access(Scope::Organisation(own), other, Some(NOORD)), OrgAccess::Read);
        assert!(may_see_professionals(Scope::Organisation(own), own, None));
        assert!(!may_see_professionals(Scope::Organisation(own), other, None));
        assert!(!may_see_professionals(Scope::Groups, own, None));
        assert!(may_see_professionals(Scope::All, other, None));
    }

    #[test]
    fn login_is_refused_at_any_limit() {
        let max = Failures { pair: 5, account: 50, address: 100 };
        let seen = |pair, account, address| Failures { pair, account, address };
        assert!(login_allowed(seen(4, 49, 99), max));
        assert!(!login_allowed(seen(5, 5, 5), max), "one address guessing one account");
        assert!(!login_allowed(seen(0, 50, 0), max), "many addresses guessing one account");
        assert!(!login_allowed(seen(0, 0, 100), max), "one address guessing many accounts");
    }

    #[test]
    fn password_length_is_bounded_both_ways() {
        assert_eq!(password_problem("short"), Some("too_short"));
        assert_eq!(password_problem(&"x".repeat(129)), Some("too_long"));
        assert_eq!(password_problem("lang genoeg wachtwoord"), None);
    }

    #[test]
    fn invitations_carry_exactly_the_scope_of_their_role() {
        assert!(invite_scope_problems(Role::Ambassador, Some(NOORD), None).is_empty());
        assert_eq!(invite_scope_problems(Role::Ambassador, None, None), vec![("region_id", "required")]);
        assert_eq!(
            invite_scope_problems(Role::OrgContact, Some(NOORD), None),
            vec![("organisation_id", "required"), ("region_id", "not_allowed")]
        );
        assert!(invite_scope_problems(Role::Trainer, None, None).is_empty());
        assert_eq!(invite_scope_problems(Role::BelCoordinator, None, Some(OrganisationId(1))), vec![("organisation_id", "not_allowed")]);
    }
}
