//! Retention: one row of periods BEL sets (with the defaults of the README),
//! and the record of each purge (what kind, how many rows, when).

use crate::util::id_col;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RetentionSettings::Table)
                .if_not_exists()
                .col(integer(RetentionSettings::Id).primary_key())
                .col(integer(RetentionSettings::MailBodyDays).default(90))
                .col(integer(RetentionSettings::LoginAttemptDays).default(30))
                .col(integer(RetentionSettings::TokenDays).default(30))
                .col(integer(RetentionSettings::EvaluationLinkDays).default(90))
                .col(integer(RetentionSettings::AuditDays).default(730))
                .col(integer_null(RetentionSettings::SessionNotesDays))
                .to_owned(),
        )
        .await?;
        let defaults = Query::insert()
            .into_table(RetentionSettings::Table)
            .columns([RetentionSettings::Id])
            .values([1.into()])
            .map_err(|e| DbErr::Custom(e.to_string()))?
            .to_owned();
        m.exec_stmt(defaults).await?;
        m.create_table(
            Table::create()
                .table(PurgeLog::Table)
                .if_not_exists()
                .col(id_col(PurgeLog::Id))
                .col(string_len(PurgeLog::Kind, 40))
                .col(big_integer(PurgeLog::Rows))
                .col(timestamp_with_time_zone(PurgeLog::At))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PurgeLog::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(RetentionSettings::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum RetentionSettings {
    Table,
    Id,
    MailBodyDays,
    LoginAttemptDays,
    TokenDays,
    EvaluationLinkDays,
    AuditDays,
    SessionNotesDays,
}

#[derive(DeriveIden)]
enum PurgeLog {
    Table,
    Id,
    Kind,
    Rows,
    At,
}
