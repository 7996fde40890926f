//! Training delivery: day changes and cancellations, trainers per day,
//! attendance per participant and day, the completion rule, closing a group.

use crate::util::{fk, id_col};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(TrainingDays::Table).add_column(string_len(TrainingDays::Status, 16).default("active")).take())
            .await?;
        m.alter_table(Table::alter().table(TrainingDays::Table).add_column(big_integer_null(TrainingDays::TrainerId)).take()).await?;
        m.alter_table(Table::alter().table(TrainingGroups::Table).add_column(timestamp_with_time_zone_null(TrainingGroups::ClosedAt)).take())
            .await?;
        m.alter_table(Table::alter().table(Enrolments::Table).add_column(date_null(Enrolments::TrainedOn)).take()).await?;
        for col in [
            integer(Programmes::AttendanceWindowDays).default(14).take(),
            integer(Programmes::CompletionMaxExcused).default(1).take(),
            integer(Programmes::CompletionMaxAbsent).default(0).take(),
        ] {
            let mut col = col;
            m.alter_table(Table::alter().table(Programmes::Table).add_column(&mut col).take()).await?;
        }
        m.create_table(
            Table::create()
                .table(Attendance::Table)
                .if_not_exists()
                .col(id_col(Attendance::Id))
                .col(big_integer(Attendance::EnrolmentId))
                .col(big_integer(Attendance::DayId))
                // present, absent or excused
                .col(string_len(Attendance::Status, 16))
                .col(text_null(Attendance::Note))
                .col(big_integer(Attendance::MarkedBy))
                .col(timestamp_with_time_zone(Attendance::MarkedAt))
                .foreign_key(&mut fk(Attendance::Table, Attendance::EnrolmentId, Enrolments::Table))
                .foreign_key(&mut fk(Attendance::Table, Attendance::DayId, TrainingDays::Table))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_attendance_enrolment_day")
                .table(Attendance::Table)
                .col(Attendance::EnrolmentId)
                .col(Attendance::DayId)
                .unique()
                .if_not_exists()
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Attendance::Table).if_exists().take()).await?;
        for c in [Programmes::AttendanceWindowDays, Programmes::CompletionMaxExcused, Programmes::CompletionMaxAbsent] {
            m.alter_table(Table::alter().table(Programmes::Table).drop_column(c).take()).await?;
        }
        m.alter_table(Table::alter().table(Enrolments::Table).drop_column(Enrolments::TrainedOn).take()).await?;
        m.alter_table(Table::alter().table(TrainingGroups::Table).drop_column(TrainingGroups::ClosedAt).take()).await?;
        m.alter_table(Table::alter().table(TrainingDays::Table).drop_column(TrainingDays::TrainerId).take()).await?;
        m.alter_table(Table::alter().table(TrainingDays::Table).drop_column(TrainingDays::Status).take()).await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum TrainingDays {
    Table,
    Status,
    TrainerId,
}

#[derive(DeriveIden)]
enum TrainingGroups {
    Table,
    ClosedAt,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    TrainedOn,
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    AttendanceWindowDays,
    CompletionMaxExcused,
    CompletionMaxAbsent,
}

#[derive(DeriveIden)]
enum Attendance {
    Table,
    Id,
    EnrolmentId,
    DayId,
    Status,
    Note,
    MarkedBy,
    MarkedAt,
}
