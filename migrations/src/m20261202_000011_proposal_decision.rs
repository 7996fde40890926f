//! An extra-group proposal keeps the waiting count its decision saw: a new
//! proposal for the scope comes only when the list grows past that count, not
//! past the (smaller) count when the proposal was made.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(ExtraGroupProposals::Table).add_column(&mut integer_null(ExtraGroupProposals::WaitingAtDecision)).take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(ExtraGroupProposals::Table).drop_column(ExtraGroupProposals::WaitingAtDecision).take()).await
    }
}

#[derive(DeriveIden)]
enum ExtraGroupProposals {
    Table,
    WaitingAtDecision,
}
