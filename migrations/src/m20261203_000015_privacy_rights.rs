//! A person's rights: a professional can be erased (pseudonymised, `erased_at`
//! set), audit entries carry the fields a change changed (before/after, JSON),
//! enrolments of people never trained have a retention period, and the audit
//! screen's filters have their indexes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &[&str]); 3] = [
    ("ix_audit_log_at", "audit_log", &["at"]),
    ("ix_audit_log_actor", "audit_log", &["actor_id"]),
    ("ix_audit_log_subject", "audit_log", &["subject"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let add = |table: DynIden, mut col: ColumnDef| Table::alter().table(table).add_column(&mut col).take();
        m.alter_table(add(Professionals::Table.into_iden(), timestamp_with_time_zone_null(Professionals::ErasedAt))).await?;
        m.alter_table(add(AuditLog::Table.into_iden(), text_null(AuditLog::Changes))).await?;
        m.alter_table(add(RetentionSettings::Table.into_iden(), integer(RetentionSettings::UntrainedDays).default(730).take())).await?;
        crate::util::create_indexes(m, &INDEXES).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        crate::util::drop_indexes(m, &INDEXES).await?;
        let drop = |table: DynIden, col: DynIden| Table::alter().table(table).drop_column(col).take();
        m.alter_table(drop(RetentionSettings::Table.into_iden(), RetentionSettings::UntrainedDays.into_iden())).await?;
        m.alter_table(drop(AuditLog::Table.into_iden(), AuditLog::Changes.into_iden())).await?;
        m.alter_table(drop(Professionals::Table.into_iden(), Professionals::ErasedAt.into_iden())).await
    }
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
    ErasedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Changes,
}

#[derive(DeriveIden)]
enum RetentionSettings {
    Table,
    UntrainedDays,
}
