//! Administration by BEL: organisations can be retired (kept for history),
//! programmes carry a default group size, groups a location and a cancellation
//! reason, and accounts a token version (bumped on deactivation and password
//! change, so older tokens stop working), a deactivation time and the last login.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let add = |table: DynIden, mut col: ColumnDef| Table::alter().table(table).add_column(&mut col).take();
        m.alter_table(add(Organisations::Table.into_iden(), boolean(Organisations::Active).default(true).take())).await?;
        m.alter_table(add(Programmes::Table.into_iden(), integer(Programmes::DefaultGroupSize).default(16).take())).await?;
        m.alter_table(add(TrainingGroups::Table.into_iden(), string_len(TrainingGroups::Location, 200).default("").take())).await?;
        m.alter_table(add(TrainingGroups::Table.into_iden(), text_null(TrainingGroups::CancelReason))).await?;
        m.alter_table(add(Users::Table.into_iden(), integer(Users::TokenVersion).default(0).take())).await?;
        m.alter_table(add(Users::Table.into_iden(), timestamp_with_time_zone_null(Users::DeactivatedAt))).await?;
        m.alter_table(add(Users::Table.into_iden(), timestamp_with_time_zone_null(Users::LastLoginAt))).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let drop = |table: DynIden, col: DynIden| Table::alter().table(table).drop_column(col).take();
        for (t, c) in [
            (Users::Table.into_iden(), Users::LastLoginAt.into_iden()),
            (Users::Table.into_iden(), Users::DeactivatedAt.into_iden()),
            (Users::Table.into_iden(), Users::TokenVersion.into_iden()),
            (TrainingGroups::Table.into_iden(), TrainingGroups::CancelReason.into_iden()),
            (TrainingGroups::Table.into_iden(), TrainingGroups::Location.into_iden()),
            (Programmes::Table.into_iden(), Programmes::DefaultGroupSize.into_iden()),
            (Organisations::Table.into_iden(), Organisations::Active.into_iden()),
        ] {
            m.alter_table(drop(t, c)).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Active,
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    DefaultGroupSize,
}

#[derive(DeriveIden)]
enum TrainingGroups {
    Table,
    Location,
    CancelReason,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    TokenVersion,
    DeactivatedAt,
    LastLoginAt,
}
