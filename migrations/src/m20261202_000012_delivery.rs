//! Reliability: a table that readiness writes to (and empties) to prove the
//! database takes a write; and the outbox claim's owner, so that one update
//! claims a batch of messages and the sender knows which rows are its own.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(Table::create().table(WriteProbes::Table).col(pk_auto(WriteProbes::Id)).col(text(WriteProbes::Payload)).to_owned()).await?;
        m.alter_table(Table::alter().table(EmailOutbox::Table).add_column(&mut string_null(EmailOutbox::ClaimedBy)).take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(EmailOutbox::Table).drop_column(EmailOutbox::ClaimedBy).take()).await?;
        m.drop_table(Table::drop().table(WriteProbes::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum WriteProbes {
    Table,
    Id,
    Payload,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    ClaimedBy,
}
