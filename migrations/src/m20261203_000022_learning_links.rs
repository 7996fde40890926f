//! Personal registration links for learning-network sessions: one row per
//! link mailed to a trained professional (its hash only), so the professional
//! registers, withdraws or answers an offered place without an account.

use crate::util::{create_indexes, drop_indexes, fk, id_col, Indexes};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: Indexes = &[("ix_learning_links_session_professional", "learning_links", &["session_id", "professional_id"]), ("ix_learning_links_professional", "learning_links", &["professional_id"])];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(LearningLinks::Table)
                .if_not_exists()
                .col(id_col(LearningLinks::Id))
                .col(big_integer(LearningLinks::SessionId))
                .col(big_integer(LearningLinks::ProfessionalId))
                .col(string_len(LearningLinks::TokenHash, 64))
                .col(big_integer_null(LearningLinks::SentBy))
                .col(timestamp_with_time_zone(LearningLinks::SentAt))
                .col(timestamp_with_time_zone_null(LearningLinks::UsedAt))
                .foreign_key(&mut fk(LearningLinks::Table, LearningLinks::SessionId, LearningSessions::Table))
                .foreign_key(&mut fk(LearningLinks::Table, LearningLinks::ProfessionalId, Professionals::Table))
                .foreign_key(&mut fk(LearningLinks::Table, LearningLinks::SentBy, Users::Table))
                .to_owned(),
        )
        .await?;
        create_indexes(m, INDEXES).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_indexes(m, INDEXES).await?;
        m.drop_table(Table::drop().table(LearningLinks::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum LearningLinks {
    Table,
    Id,
    SessionId,
    ProfessionalId,
    TokenHash,
    SentBy,
    SentAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum LearningSessions {
    Table,
}

#[derive(DeriveIden)]
enum Users {
    Table,
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
}
