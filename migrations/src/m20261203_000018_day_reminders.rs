//! A reminder to the participants some days before each training day: the
//! number of days per programme (0: off) and when a day's reminder went out.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Programmes::Table).add_column(integer(Programmes::DayReminderDays).default(3)).take()).await?;
        m.alter_table(Table::alter().table(TrainingDays::Table).add_column(timestamp_with_time_zone_null(TrainingDays::ReminderSentAt)).take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(TrainingDays::Table).drop_column(TrainingDays::ReminderSentAt).take()).await?;
        m.alter_table(Table::alter().table(Programmes::Table).drop_column(Programmes::DayReminderDays).take()).await
    }
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    DayReminderDays,
}

#[derive(DeriveIden)]
enum TrainingDays {
    Table,
    ReminderSentAt,
}
