//! Indexes for the reads that grow with the programme: a request's
//! professionals, a programme's waiting list, a professional by e-mail address
//! (every request filed looks it up), an organisation's professionals and requests.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &[&str]); 5] = [
    ("ix_enrolments_request", "enrolments", &["request_id"]),
    ("ix_enrolments_programme_status", "enrolments", &["programme_id", "status"]),
    ("ix_professionals_email", "professionals", &["email"]),
    ("ix_professionals_organisation", "professionals", &["organisation_id"]),
    ("ix_enrolment_requests_organisation", "enrolment_requests", &["organisation_id"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        crate::util::create_indexes(m, &INDEXES).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        crate::util::drop_indexes(m, &INDEXES).await?;
        Ok(())
    }
}
