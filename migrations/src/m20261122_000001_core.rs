//! Core schema: regions, organisations, users, one-time tokens, professionals,
//! programmes, training groups, audit log, email outbox, login attempts.

use crate::util::{fk, id_col};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Regions::Table)
                .if_not_exists()
                .col(id_col(Regions::Id))
                .col(string_len_uniq(Regions::Code, 32))
                .col(string_len(Regions::Name, 200))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Organisations::Table)
                .if_not_exists()
                .col(id_col(Organisations::Id))
                .col(string_len_uniq(Organisations::Name, 200))
                .col(string_len(Organisations::Kind, 32))
                .col(big_integer_null(Organisations::RegionId))
                .foreign_key(&mut fk(Organisations::Table, Organisations::RegionId, Regions::Table))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .if_not_exists()
                .col(id_col(Users::Id))
                .col(string_len_uniq(Users::Email, 254))
                .col(string_len(Users::Name, 200))
                .col(string_len(Users::Role, 32))
                .col(big_integer_null(Users::RegionId))
                .col(big_integer_null(Users::OrganisationId))
                .col(string_len_null(Users::PasswordHash, 255))
                .col(boolean(Users::Active).default(false))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .foreign_key(&mut fk(Users::Table, Users::RegionId, Regions::Table))
                .foreign_key(&mut fk(Users::Table, Users::OrganisationId, Organisations::Table))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(OneTimeTokens::Table)
                .if_not_exists()
                .col(id_col(OneTimeTokens::Id))
                .col(big_integer(OneTimeTokens::UserId))
                .col(string_len(OneTimeTokens::Purpose, 16))
                .col(string_len_uniq(OneTimeTokens::TokenHash, 64))
                .col(timestamp_with_time_zone(OneTimeTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(OneTimeTokens::UsedAt))
                .col(timestamp_with_time_zone(OneTimeTokens::CreatedAt))
                .foreign_key(&mut fk(OneTimeTokens::Table, OneTimeTokens::UserId, Users::Table))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Professionals::Table)
                .if_not_exists()
                .col(id_col(Professionals::Id))
                .col(big_integer(Professionals::OrganisationId))
                .col(string_len(Professionals::Name, 200))
                .col(string_len_uniq(Professionals::Email, 254))
                .col(string_len_null(Professionals::Function, 200))
                .col(timestamp_with_time_zone(Professionals::CreatedAt))
                .foreign_key(&mut fk(Professionals::Table, Professionals::OrganisationId, Organisations::Table))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Programmes::Table)
                .if_not_exists()
                .col(id_col(Programmes::Id))
                .col(string_len_uniq(Programmes::Name, 200))
                .col(string_len(Programmes::CourseType, 32))
                .col(date(Programmes::StartsOn))
                .col(date(Programmes::EndsOn))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TrainingGroups::Table)
                .if_not_exists()
                .col(id_col(TrainingGroups::Id))
                .col(big_integer(TrainingGroups::ProgrammeId))
                .col(string_len(TrainingGroups::Name, 200))
                .col(big_integer_null(TrainingGroups::RegionId))
                .col(integer(TrainingGroups::Capacity))
                .col(string_len(TrainingGroups::Status, 32))
                .col(date(TrainingGroups::StartsOn))
                .col(date(TrainingGroups::EndsOn))
                .foreign_key(&mut fk(TrainingGroups::Table, TrainingGroups::ProgrammeId, Programmes::Table))
                .foreign_key(&mut fk(TrainingGroups::Table, TrainingGroups::RegionId, Regions::Table))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_training_groups_programme_name")
                .table(TrainingGroups::Table)
                .col(TrainingGroups::ProgrammeId)
                .col(TrainingGroups::Name)
                .unique()
                .if_not_exists()
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .if_not_exists()
                .col(id_col(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(big_integer_null(AuditLog::ActorId))
                .col(string_len(AuditLog::Action, 64))
                .col(string_len(AuditLog::Subject, 200))
                .col(text_null(AuditLog::Detail))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EmailOutbox::Table)
                .if_not_exists()
                .col(id_col(EmailOutbox::Id))
                .col(string_len_uniq(EmailOutbox::MessageId, 200))
                .col(string_len(EmailOutbox::Template, 64))
                .col(string_len(EmailOutbox::ToAddr, 254))
                .col(string_len(EmailOutbox::Subject, 300))
                .col(text(EmailOutbox::BodyText))
                .col(text_null(EmailOutbox::AttachmentName))
                .col(text_null(EmailOutbox::AttachmentContentType))
                .col(text_null(EmailOutbox::Attachment))
                .col(integer(EmailOutbox::Attempts).default(0))
                .col(timestamp_with_time_zone(EmailOutbox::NextAttemptAt))
                .col(timestamp_with_time_zone_null(EmailOutbox::ClaimedUntil))
                .col(timestamp_with_time_zone_null(EmailOutbox::SentAt))
                .col(timestamp_with_time_zone_null(EmailOutbox::FailedAt))
                .col(text_null(EmailOutbox::LastError))
                .col(timestamp_with_time_zone(EmailOutbox::CreatedAt))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_email_outbox_pending")
                .table(EmailOutbox::Table)
                .col(EmailOutbox::SentAt)
                .col(EmailOutbox::NextAttemptAt)
                .if_not_exists()
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginAttempts::Table)
                .if_not_exists()
                .col(id_col(LoginAttempts::Id))
                .col(string_len(LoginAttempts::Key, 300))
                .col(timestamp_with_time_zone(LoginAttempts::At))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_login_attempts_key_at")
                .table(LoginAttempts::Table)
                .col(LoginAttempts::Key)
                .col(LoginAttempts::At)
                .if_not_exists()
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            LoginAttempts::Table.into_iden(),
            EmailOutbox::Table.into_iden(),
            AuditLog::Table.into_iden(),
            TrainingGroups::Table.into_iden(),
            Programmes::Table.into_iden(),
            Professionals::Table.into_iden(),
            OneTimeTokens::Table.into_iden(),
            Users::Table.into_iden(),
            Organisations::Table.into_iden(),
            Regions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).if_exists().take()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Name,
    Kind,
    RegionId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    Name,
    Role,
    RegionId,
    OrganisationId,
    PasswordHash,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OneTimeTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
    Id,
    OrganisationId,
    Name,
    Email,
    Function,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    Id,
    Name,
    CourseType,
    StartsOn,
    EndsOn,
}

#[derive(DeriveIden)]
enum TrainingGroups {
    Table,
    Id,
    ProgrammeId,
    Name,
    RegionId,
    Capacity,
    Status,
    StartsOn,
    EndsOn,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Action,
    Subject,
    Detail,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    MessageId,
    Template,
    ToAddr,
    Subject,
    BodyText,
    AttachmentName,
    AttachmentContentType,
    Attachment,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    SentAt,
    FailedAt,
    LastError,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    Key,
    At,
}
