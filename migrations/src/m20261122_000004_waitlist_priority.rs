//! Waiting-list priority: BEL's adjustment of an entry's priority, with the reason.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Enrolments::Table).add_column(integer(Enrolments::PriorityAdjustment).default(0)).take())
            .await?;
        m.alter_table(Table::alter().table(Enrolments::Table).add_column(text_null(Enrolments::PriorityReason)).take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Enrolments::Table).drop_column(Enrolments::PriorityReason).take()).await?;
        m.alter_table(Table::alter().table(Enrolments::Table).drop_column(Enrolments::PriorityAdjustment).take()).await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    PriorityAdjustment,
    PriorityReason,
}
