//! Reminders to organisations when a trained professional has had no follow-up
//! some weeks after the training: the period per programme (0: off) and when a
//! professional's organisation was reminded (once).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Programmes::Table).add_column(integer(Programmes::FollowupReminderWeeks).default(12)).take()).await?;
        m.alter_table(Table::alter().table(Professionals::Table).add_column(timestamp_with_time_zone_null(Professionals::FollowupRemindedAt)).take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Professionals::Table).drop_column(Professionals::FollowupRemindedAt).take()).await?;
        m.alter_table(Table::alter().table(Programmes::Table).drop_column(Programmes::FollowupReminderWeeks).take()).await
    }
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    FollowupReminderWeeks,
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
    FollowupRemindedAt,
}
