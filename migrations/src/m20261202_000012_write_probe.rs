//! A table that readiness writes to (and empties) to prove the database takes
//! a write.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(Table::create().table(WriteProbes::Table).col(pk_auto(WriteProbes::Id)).col(text(WriteProbes::Payload)).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(WriteProbes::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum WriteProbes {
    Table,
    Id,
    Payload,
}
