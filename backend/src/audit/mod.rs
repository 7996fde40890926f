//! The audit log: who did what, when; for a change, the fields it changed
//! (before/after); for a read of personal data, who opened or downloaded it.
//! Written in the transaction of the change; reads are written on their own.

mod routes;

pub use routes::{configure, entries_of};

use crate::entities::audit_log;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use va_openapi::reference::FieldChange;
use va_openapi::UserId;

pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: Option<UserId>,
    action: &str,
    subject: &str,
    detail: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    record_all(db, vec![entry(actor, action, subject, detail)]).await
}

/// Records a change with the fields it changed (nothing is written for the
/// fields when none changed; the entry itself always is).
pub async fn record_change<C: ConnectionTrait>(
    db: &C,
    actor: UserId,
    action: &str,
    subject: &str,
    detail: Option<String>,
    changes: Changes,
) -> Result<(), sea_orm::DbErr> {
    let mut e = entry(Some(actor), action, subject, detail);
    e.changes = Set(changes.json());
    record_all(db, vec![e]).await
}

/// Records that `actor` read personal data (`what` ends in `viewed` or
/// `exported`). Its own statement: a read has no transaction to join.
pub async fn record_read<C: ConnectionTrait>(db: &C, actor: UserId, what: &str, subject: &str, detail: Option<String>) -> Result<(), sea_orm::DbErr> {
    record(db, Some(actor), what, subject, detail).await
}

/// One audit entry, now, to write with `record_all`.
pub fn entry(actor: Option<UserId>, action: &str, subject: &str, detail: Option<String>) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_id: Set(actor.map(|a| a.0)),
        action: Set(action.to_string()),
        subject: Set(subject.to_string()),
        detail: Set(detail),
        changes: Set(None),
        ..Default::default()
    }
}

/// Writes entries with one statement (nothing is read back).
pub async fn record_all<C: ConnectionTrait>(db: &C, entries: Vec<audit_log::ActiveModel>) -> Result<(), sea_orm::DbErr> {
    if !entries.is_empty() {
        audit_log::Entity::insert_many(entries).exec_without_returning(db).await?;
    }
    Ok(())
}

/// The fields a change changed: only those whose value differs are kept.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes(pub Vec<FieldChange>);

impl Changes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `field` when `before` and `after` differ.
    pub fn field<T: PartialEq + std::fmt::Display>(mut self, field: &str, before: T, after: T) -> Self {
        if before != after {
            self.0.push(FieldChange { field: field.into(), before: Some(before.to_string()), after: Some(after.to_string()) });
        }
        self
    }

    /// Adds an optional `field` when `before` and `after` differ (empty is `None`).
    pub fn opt<T: PartialEq + std::fmt::Display>(mut self, field: &str, before: Option<T>, after: Option<T>) -> Self {
        if before != after {
            self.0.push(FieldChange { field: field.into(), before: before.map(|v| v.to_string()), after: after.map(|v| v.to_string()) });
        }
        self
    }

    fn json(&self) -> Option<String> {
        if self.0.is_empty() {
            None
        } else {
            serde_json::to_string(&self.0).ok()
        }
    }

    /// The changes of a stored entry (an unreadable one reads as none).
    pub fn parse(stored: Option<&str>) -> Vec<FieldChange> {
        stored.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_fields_are_kept_and_read_back() {
        let c = Changes::new().field("name", "Venlo", "Venlo").field("capacity", 16, 18).opt("location", Some("Roermond"), None);
        assert_eq!(c.0.len(), 2);
        assert_eq!(c.0[0], FieldChange { field: "capacity".into(), before: Some("16".into()), after: Some("18".into()) });
        assert_eq!(Changes::parse(c.json().as_deref()), c.0);
        assert_eq!(Changes::new().field("a", 1, 1).json(), None);
        assert!(Changes::parse(Some("not json")).is_empty());
    }
}
