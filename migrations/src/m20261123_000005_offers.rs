//! Waiting-list offers and seat holds, substitution windows, regional quotas,
//! extra-group proposals, the yearly training budget and the programme's
//! waiting-list settings.

use crate::util::{fk, id_col};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Seats held for open offers and substitution windows. Kept in the same
        // transaction as the hold itself: `seats_taken + seats_held <= capacity`.
        m.alter_table(Table::alter().table(TrainingGroups::Table).add_column(integer(TrainingGroups::SeatsHeld).default(0)).take())
            .await?;
        m.alter_table(Table::alter().table(TrainingGroups::Table).add_column(big_integer_null(TrainingGroups::TrainerId)).take())
            .await?;
        // Set once the reserved seats of regions were released to everyone (cut-off).
        m.alter_table(
            Table::alter().table(TrainingGroups::Table).add_column(timestamp_with_time_zone_null(TrainingGroups::QuotaReleasedAt)).take(),
        )
        .await?;

        // One statement per column: SQLite alters one column at a time.
        for col in [
            integer(Programmes::OfferHours).default(72).take(),
            integer(Programmes::SubstitutionHours).default(48).take(),
            boolean(Programmes::RegionalQuotas).default(false).take(),
            integer(Programmes::QuotaCutoffDays).default(21).take(),
            integer(Programmes::ExtraGroupThreshold).default(12).take(),
            big_integer(Programmes::CostPerGroupEur).default(4000).take(),
            big_integer(Programmes::CostPerTrainerDayEur).default(1100).take(),
            integer(Programmes::TrainerDaysPerGroup).default(8).take(),
        ] {
            let mut col = col;
            m.alter_table(Table::alter().table(Programmes::Table).add_column(&mut col).take()).await?;
        }

        m.create_table(
            Table::create()
                .table(SeatHolds::Table)
                .if_not_exists()
                .col(id_col(SeatHolds::Id))
                .col(big_integer(SeatHolds::GroupId))
                // `offer` (to a waiting entry) or `substitution` (for the organisation of a withdrawn participant).
                .col(string_len(SeatHolds::Kind, 16))
                // open, accepted, declined, expired, cancelled (offers); open, substituted, released (substitutions).
                .col(string_len(SeatHolds::Status, 16))
                .col(big_integer(SeatHolds::EnrolmentId))
                .col(big_integer(SeatHolds::OrganisationId))
                // The region the seat counts for under regional quotas (none for GIs and care providers).
                .col(big_integer_null(SeatHolds::RegionId))
                .col(timestamp_with_time_zone(SeatHolds::Deadline))
                // SHA-256 of the signed link; the link itself is only in the email.
                .col(string_len_null(SeatHolds::TokenHash, 64))
                .col(text_null(SeatHolds::ManualReason))
                .col(big_integer_null(SeatHolds::CreatedBy))
                .col(timestamp_with_time_zone(SeatHolds::CreatedAt))
                .col(timestamp_with_time_zone_null(SeatHolds::ResolvedAt))
                .col(big_integer_null(SeatHolds::SubstituteEnrolmentId))
                .foreign_key(&mut fk(SeatHolds::Table, SeatHolds::GroupId, TrainingGroups::Table))
                .foreign_key(&mut fk(SeatHolds::Table, SeatHolds::EnrolmentId, Enrolments::Table))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_seat_holds_status_deadline").table(SeatHolds::Table).col(SeatHolds::Status).col(SeatHolds::Deadline).if_not_exists().take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_seat_holds_enrolment").table(SeatHolds::Table).col(SeatHolds::EnrolmentId).if_not_exists().take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ux_seat_holds_token").table(SeatHolds::Table).col(SeatHolds::TokenHash).unique().if_not_exists().take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(GroupQuotas::Table)
                .if_not_exists()
                .col(id_col(GroupQuotas::Id))
                .col(big_integer(GroupQuotas::GroupId))
                .col(big_integer(GroupQuotas::RegionId))
                .col(integer(GroupQuotas::Seats))
                .foreign_key(&mut fk(GroupQuotas::Table, GroupQuotas::GroupId, TrainingGroups::Table))
                .foreign_key(&mut fk(GroupQuotas::Table, GroupQuotas::RegionId, Regions::Table))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_group_quotas_group_region")
                .table(GroupQuotas::Table)
                .col(GroupQuotas::GroupId)
                .col(GroupQuotas::RegionId)
                .unique()
                .if_not_exists()
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ExtraGroupProposals::Table)
                .if_not_exists()
                .col(id_col(ExtraGroupProposals::Id))
                .col(big_integer(ExtraGroupProposals::ProgrammeId))
                // Null: the whole list; otherwise one region's waiting entries.
                .col(big_integer_null(ExtraGroupProposals::ScopeRegionId))
                .col(string_len(ExtraGroupProposals::Status, 16))
                .col(integer(ExtraGroupProposals::WaitingCount))
                .col(big_integer_null(ExtraGroupProposals::SuggestedRegionId))
                .col(integer(ExtraGroupProposals::SuggestedSize))
                .col(big_integer(ExtraGroupProposals::CostEur))
                .col(integer(ExtraGroupProposals::BudgetYear))
                .col(timestamp_with_time_zone(ExtraGroupProposals::CreatedAt))
                .col(timestamp_with_time_zone_null(ExtraGroupProposals::DecidedAt))
                .col(big_integer_null(ExtraGroupProposals::DecidedBy))
                .col(text_null(ExtraGroupProposals::DecisionReason))
                .col(big_integer_null(ExtraGroupProposals::GroupId))
                .foreign_key(&mut fk(ExtraGroupProposals::Table, ExtraGroupProposals::ProgrammeId, Programmes::Table))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Budgets::Table)
                .if_not_exists()
                .col(integer(Budgets::Year).primary_key())
                // Training, coaching and supervision, in whole euros.
                .col(big_integer(Budgets::TrainingEur))
                .col(timestamp_with_time_zone(Budgets::UpdatedAt))
                .take(),
        )
        .await?;
        // The plan's 2026 budget for training, coaching and supervision; 2027 is budgeted later.
        let insert = Query::insert()
            .into_table(Budgets::Table)
            .columns([Budgets::Year, Budgets::TrainingEur, Budgets::UpdatedAt])
            .values([2026.into(), 115_000i64.into(), Expr::current_timestamp().into()])
            .map_err(|e| DbErr::Custom(e.to_string()))?
            .to_owned();
        m.exec_stmt(insert).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [Budgets::Table.into_iden(), ExtraGroupProposals::Table.into_iden(), GroupQuotas::Table.into_iden(), SeatHolds::Table.into_iden()] {
            m.drop_table(Table::drop().table(t).if_exists().take()).await?;
        }
        for c in [
            Programmes::OfferHours,
            Programmes::SubstitutionHours,
            Programmes::RegionalQuotas,
            Programmes::QuotaCutoffDays,
            Programmes::ExtraGroupThreshold,
            Programmes::CostPerGroupEur,
            Programmes::CostPerTrainerDayEur,
            Programmes::TrainerDaysPerGroup,
        ] {
            m.alter_table(Table::alter().table(Programmes::Table).drop_column(c).take()).await?;
        }
        for c in [TrainingGroups::QuotaReleasedAt, TrainingGroups::TrainerId, TrainingGroups::SeatsHeld] {
            m.alter_table(Table::alter().table(TrainingGroups::Table).drop_column(c).take()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Regions {
    Table,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
}

#[derive(DeriveIden)]
enum TrainingGroups {
    Table,
    SeatsHeld,
    TrainerId,
    QuotaReleasedAt,
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    OfferHours,
    SubstitutionHours,
    RegionalQuotas,
    QuotaCutoffDays,
    ExtraGroupThreshold,
    CostPerGroupEur,
    CostPerTrainerDayEur,
    TrainerDaysPerGroup,
}

#[derive(DeriveIden)]
enum SeatHolds {
    Table,
    Id,
    GroupId,
    Kind,
    Status,
    EnrolmentId,
    OrganisationId,
    RegionId,
    Deadline,
    TokenHash,
    ManualReason,
    CreatedBy,
    CreatedAt,
    ResolvedAt,
    SubstituteEnrolmentId,
}

#[derive(DeriveIden)]
enum GroupQuotas {
    Table,
    Id,
    GroupId,
    RegionId,
    Seats,
}

#[derive(DeriveIden)]
enum ExtraGroupProposals {
    Table,
    Id,
    ProgrammeId,
    ScopeRegionId,
    Status,
    WaitingCount,
    SuggestedRegionId,
    SuggestedSize,
    CostEur,
    BudgetYear,
    CreatedAt,
    DecidedAt,
    DecidedBy,
    DecisionReason,
    GroupId,
}

#[derive(DeriveIden)]
enum Budgets {
    Table,
    Year,
    TrainingEur,
    UpdatedAt,
}
