//! Schema migrations, one file per migration, run at start-up and by `backend migrate`.
//! The same statements are rendered for SQLite and PostgreSQL by sea-query.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_core;
mod util;
mod m20261122_000002_enrolment;
mod m20261122_000003_readiness;
mod m20261122_000004_waitlist_priority;
mod m20261123_000005_offers;
mod m20261123_000006_delivery;
mod m20261123_000007_followup;
mod m20261123_000008_monitoring;
mod m20261202_000009_administration;
mod m20261202_000010_per_programme;
mod m20261202_000011_proposal_decision;
mod m20261202_000012_delivery;
mod m20261202_000013_read_indexes;
mod m20261203_000014_retention;
mod m20261203_000015_privacy_rights;
mod m20261203_000016_meetings;
mod m20261203_000017_followup_reminders;
mod m20261203_000018_day_reminders;
mod m20261203_000019_learning_network;
mod m20261203_000020_calendar_feeds;
mod m20261203_000021_budget_lines;
mod m20261203_000022_learning_links;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261122_000001_core::Migration), Box::new(m20261122_000002_enrolment::Migration),
            Box::new(m20261122_000003_readiness::Migration),
            Box::new(m20261122_000004_waitlist_priority::Migration),
            Box::new(m20261123_000005_offers::Migration),
            Box::new(m20261123_000006_delivery::Migration),
            Box::new(m20261123_000007_followup::Migration),
            Box::new(m20261123_000008_monitoring::Migration),
            Box::new(m20261202_000009_administration::Migration),
            Box::new(m20261202_000010_per_programme::Migration),
            Box::new(m20261202_000011_proposal_decision::Migration),
            Box::new(m20261202_000012_delivery::Migration),
            Box::new(m20261202_000013_read_indexes::Migration),
            Box::new(m20261203_000014_retention::Migration),
            Box::new(m20261203_000015_privacy_rights::Migration),
            Box::new(m20261203_000016_meetings::Migration),
            Box::new(m20261203_000017_followup_reminders::Migration),
            Box::new(m20261203_000018_day_reminders::Migration),
            Box::new(m20261203_000019_learning_network::Migration),
            Box::new(m20261203_000020_calendar_feeds::Migration),
            Box::new(m20261203_000021_budget_lines::Migration),
            Box::new(m20261203_000022_learning_links::Migration),
        ]
    }
}
