//! After the training: the trainer's feedback shared with ambassadors, the
//! anonymous participant evaluation, follow-up sessions (supervision, coaching
//! on the job, deepening) with attendance, organisations' requests for them,
//! quality reflections, and the cost settings of follow-up.

use crate::util::{fk, id_col};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            big_integer(Programmes::SupervisionSessionEur).default(450).take(),
            big_integer(Programmes::CoachingSessionEur).default(350).take(),
            big_integer(Programmes::DeepeningSessionEur).default(600).take(),
        ] {
            let mut col = col;
            m.alter_table(Table::alter().table(Programmes::Table).add_column(&mut col).take()).await?;
        }
        // Set once the evaluation links went out, so the scheduler sends them once.
        m.alter_table(Table::alter().table(TrainingGroups::Table).add_column(timestamp_with_time_zone_null(TrainingGroups::EvaluationSentAt)).take())
            .await?;

        m.create_table(
            Table::create()
                .table(GroupFeedback::Table)
                .if_not_exists()
                .col(id_col(GroupFeedback::Id))
                .col(big_integer_uniq(GroupFeedback::GroupId))
                .col(text(GroupFeedback::Experiences))
                .col(text(GroupFeedback::WentWell))
                .col(text(GroupFeedback::Sharpen))
                .col(big_integer(GroupFeedback::UpdatedBy))
                .col(timestamp_with_time_zone(GroupFeedback::UpdatedAt))
                .col(timestamp_with_time_zone_null(GroupFeedback::SharedAt))
                .foreign_key(&mut fk(GroupFeedback::Table, GroupFeedback::GroupId, TrainingGroups::Table))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(FeedbackRemarks::Table)
                .if_not_exists()
                .col(id_col(FeedbackRemarks::Id))
                .col(big_integer(FeedbackRemarks::GroupId))
                .col(big_integer(FeedbackRemarks::OrganisationId))
                .col(text(FeedbackRemarks::Remark))
                .foreign_key(&mut fk(FeedbackRemarks::Table, FeedbackRemarks::GroupId, TrainingGroups::Table))
                .foreign_key(&mut fk(FeedbackRemarks::Table, FeedbackRemarks::OrganisationId, Organisations::Table))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(FeedbackActions::Table)
                .if_not_exists()
                .col(id_col(FeedbackActions::Id))
                .col(big_integer(FeedbackActions::GroupId))
                .col(big_integer_null(FeedbackActions::RegionId))
                .col(text(FeedbackActions::Action))
                .col(string_len_null(FeedbackActions::Owner, 200))
                .col(date_null(FeedbackActions::DueOn))
                .col(big_integer(FeedbackActions::CreatedBy))
                .col(timestamp_with_time_zone(FeedbackActions::CreatedAt))
                .foreign_key(&mut fk(FeedbackActions::Table, FeedbackActions::GroupId, TrainingGroups::Table))
                .take(),
        )
        .await?;

        // One link per participant; only its hash is kept, and it is used once.
        m.create_table(
            Table::create()
                .table(EvaluationInvites::Table)
                .if_not_exists()
                .col(id_col(EvaluationInvites::Id))
                .col(big_integer(EvaluationInvites::GroupId))
                .col(big_integer_uniq(EvaluationInvites::EnrolmentId))
                .col(string_len(EvaluationInvites::TokenHash, 64))
                .col(timestamp_with_time_zone(EvaluationInvites::SentAt))
                .col(timestamp_with_time_zone_null(EvaluationInvites::UsedAt))
                .foreign_key(&mut fk(EvaluationInvites::Table, EvaluationInvites::GroupId, TrainingGroups::Table))
                .foreign_key(&mut fk(EvaluationInvites::Table, EvaluationInvites::EnrolmentId, Enrolments::Table))
                .take(),
        )
        .await?;
        // Answers hold no reference to the invite, the enrolment or a time of day.
        m.create_table(
            Table::create()
                .table(EvaluationResponses::Table)
                .if_not_exists()
                .col(id_col(EvaluationResponses::Id))
                .col(big_integer(EvaluationResponses::GroupId))
                .col(integer(EvaluationResponses::Content))
                .col(integer(EvaluationResponses::Trainers))
                .col(integer(EvaluationResponses::Practice))
                .col(integer(EvaluationResponses::Overall))
                .col(text_null(EvaluationResponses::Valuable))
                .col(text_null(EvaluationResponses::Improve))
                .foreign_key(&mut fk(EvaluationResponses::Table, EvaluationResponses::GroupId, TrainingGroups::Table))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(FollowupRequests::Table)
                .if_not_exists()
                .col(id_col(FollowupRequests::Id))
                .col(big_integer(FollowupRequests::OrganisationId))
                .col(string_len(FollowupRequests::Kind, 16))
                .col(text(FollowupRequests::Message))
                // open, planned or declined
                .col(string_len(FollowupRequests::Status, 16).default("open"))
                .col(text_null(FollowupRequests::Reason))
                .col(big_integer_null(FollowupRequests::SessionId))
                .col(big_integer(FollowupRequests::RequestedBy))
                .col(timestamp_with_time_zone(FollowupRequests::CreatedAt))
                .col(timestamp_with_time_zone_null(FollowupRequests::DecidedAt))
                .foreign_key(&mut fk(FollowupRequests::Table, FollowupRequests::OrganisationId, Organisations::Table))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(FollowupRequestPeople::Table)
                .if_not_exists()
                .col(id_col(FollowupRequestPeople::Id))
                .col(big_integer(FollowupRequestPeople::RequestId))
                .col(big_integer(FollowupRequestPeople::ProfessionalId))
                .foreign_key(&mut fk(FollowupRequestPeople::Table, FollowupRequestPeople::RequestId, FollowupRequests::Table))
                .foreign_key(&mut fk(FollowupRequestPeople::Table, FollowupRequestPeople::ProfessionalId, Professionals::Table))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(FollowupSessions::Table)
                .if_not_exists()
                .col(id_col(FollowupSessions::Id))
                .col(big_integer(FollowupSessions::ProgrammeId))
                // supervision, coaching or deepening
                .col(string_len(FollowupSessions::Kind, 16))
                .col(big_integer_null(FollowupSessions::GroupId))
                .col(date(FollowupSessions::Day))
                .col(string_len(FollowupSessions::StartsAt, 5))
                .col(string_len(FollowupSessions::EndsAt, 5))
                .col(string_len(FollowupSessions::Place, 200))
                .col(big_integer_null(FollowupSessions::TrainerId))
                // planned, held or cancelled
                .col(string_len(FollowupSessions::Status, 16).default("planned"))
                .col(text_null(FollowupSessions::Notes))
                .col(text_null(FollowupSessions::Reason))
                .col(big_integer(FollowupSessions::CostEur))
                .col(big_integer(FollowupSessions::CreatedBy))
                .col(timestamp_with_time_zone(FollowupSessions::CreatedAt))
                .foreign_key(&mut fk(FollowupSessions::Table, FollowupSessions::ProgrammeId, Programmes::Table))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(FollowupParticipants::Table)
                .if_not_exists()
                .col(id_col(FollowupParticipants::Id))
                .col(big_integer(FollowupParticipants::SessionId))
                .col(big_integer(FollowupParticipants::ProfessionalId))
                .col(string_len_null(FollowupParticipants::Attendance, 16))
                .col(text_null(FollowupParticipants::Note))
                .foreign_key(&mut fk(FollowupParticipants::Table, FollowupParticipants::SessionId, FollowupSessions::Table))
                .foreign_key(&mut fk(FollowupParticipants::Table, FollowupParticipants::ProfessionalId, Professionals::Table))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_followup_participant")
                .table(FollowupParticipants::Table)
                .col(FollowupParticipants::SessionId)
                .col(FollowupParticipants::ProfessionalId)
                .unique()
                .if_not_exists()
                .take(),
        )
        .await?;
        // The professional's own reflection on a VA; nothing about the young person or family.
        m.create_table(
            Table::create()
                .table(QualityReflections::Table)
                .if_not_exists()
                .col(id_col(QualityReflections::Id))
                .col(big_integer(QualityReflections::SessionId))
                .col(big_integer(QualityReflections::ProfessionalId))
                .col(integer(QualityReflections::Complete))
                .col(integer(QualityReflections::Economical))
                .col(integer(QualityReflections::Coherent))
                .col(integer(QualityReflections::Predictive))
                .col(text_null(QualityReflections::Note))
                .col(big_integer(QualityReflections::RecordedBy))
                .col(timestamp_with_time_zone(QualityReflections::CreatedAt))
                .foreign_key(&mut fk(QualityReflections::Table, QualityReflections::SessionId, FollowupSessions::Table))
                .foreign_key(&mut fk(QualityReflections::Table, QualityReflections::ProfessionalId, Professionals::Table))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            QualityReflections::Table.into_iden(),
            FollowupParticipants::Table.into_iden(),
            FollowupSessions::Table.into_iden(),
            FollowupRequestPeople::Table.into_iden(),
            FollowupRequests::Table.into_iden(),
            EvaluationResponses::Table.into_iden(),
            EvaluationInvites::Table.into_iden(),
            FeedbackActions::Table.into_iden(),
            FeedbackRemarks::Table.into_iden(),
            GroupFeedback::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).if_exists().take()).await?;
        }
        m.alter_table(Table::alter().table(TrainingGroups::Table).drop_column(TrainingGroups::EvaluationSentAt).take()).await?;
        for c in [Programmes::SupervisionSessionEur, Programmes::CoachingSessionEur, Programmes::DeepeningSessionEur] {
            m.alter_table(Table::alter().table(Programmes::Table).drop_column(c).take()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    SupervisionSessionEur,
    CoachingSessionEur,
    DeepeningSessionEur,
}

#[derive(DeriveIden)]
enum TrainingGroups {
    Table,
    EvaluationSentAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
}

#[derive(DeriveIden)]
enum GroupFeedback {
    Table,
    Id,
    GroupId,
    Experiences,
    WentWell,
    Sharpen,
    UpdatedBy,
    UpdatedAt,
    SharedAt,
}

#[derive(DeriveIden)]
enum FeedbackRemarks {
    Table,
    Id,
    GroupId,
    OrganisationId,
    Remark,
}

#[derive(DeriveIden)]
enum FeedbackActions {
    Table,
    Id,
    GroupId,
    RegionId,
    Action,
    Owner,
    DueOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EvaluationInvites {
    Table,
    Id,
    GroupId,
    EnrolmentId,
    TokenHash,
    SentAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum EvaluationResponses {
    Table,
    Id,
    GroupId,
    Content,
    Trainers,
    Practice,
    Overall,
    Valuable,
    Improve,
}

#[derive(DeriveIden)]
enum FollowupRequests {
    Table,
    Id,
    OrganisationId,
    Kind,
    Message,
    Status,
    Reason,
    SessionId,
    RequestedBy,
    CreatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum FollowupRequestPeople {
    Table,
    Id,
    RequestId,
    ProfessionalId,
}

#[derive(DeriveIden)]
enum FollowupSessions {
    Table,
    Id,
    ProgrammeId,
    Kind,
    GroupId,
    Day,
    StartsAt,
    EndsAt,
    Place,
    TrainerId,
    Status,
    Notes,
    Reason,
    CostEur,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FollowupParticipants {
    Table,
    Id,
    SessionId,
    ProfessionalId,
    Attendance,
    Note,
}

#[derive(DeriveIden)]
enum QualityReflections {
    Table,
    Id,
    SessionId,
    ProfessionalId,
    Complete,
    Economical,
    Coherent,
    Predictive,
    Note,
    RecordedBy,
    CreatedAt,
}
