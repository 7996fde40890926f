//! The one job runner: every domain's due work, called from one loop with the
//! injectable clock. Each job keeps its state in the database (deadlines,
//! statuses, sent-at timestamps) and claims its rows with guarded updates, so
//! a restart loses nothing and two instances on one database repeat nothing.

use crate::error::AppResult;
use crate::state::AppState;
use crate::{followup, learning, privacy, readiness, survey, training, waitlist};

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tick {
    /// Offers past their deadline, offered on.
    pub expired: usize,
    /// Substitution windows closed, their seats offered to the list.
    pub released: usize,
    /// Groups whose regional reservations were released at the cut-off.
    pub quotas_released: usize,
    /// Extra-group proposals made or refreshed.
    pub proposals: usize,
    /// Groups whose evaluation links went out.
    pub evaluations: usize,
    /// Survey reminders queued.
    pub survey_reminders: usize,
    /// Readiness follow-up activities reminded (before and after their due date).
    pub followup_reminders: usize,
    /// Mails to participants a few days before a training day.
    pub day_reminders: usize,
    /// Mails to organisations about trained professionals still without follow-up.
    pub followup_nudges: usize,
    /// Learning-network offers past their deadline, offered on.
    pub learning_offers: usize,
    /// Rows purged (or emptied) under the retention periods.
    pub purged: usize,
}

/// One round; tests call it after moving the clock.
pub async fn tick(state: &AppState) -> AppResult<Tick> {
    let t = Tick {
        expired: waitlist::offers::expire_due(state).await?,
        released: waitlist::substitutions::release_due(state).await?,
        quotas_released: waitlist::quotas::release_due(state).await?,
        proposals: waitlist::proposals::refresh(state).await?,
        evaluations: followup::evaluation::send_due(state).await?,
        survey_reminders: survey::service::remind_due(state).await?,
        followup_reminders: readiness::overview::send_reminders(&state.db, state.settings.clock.today()).await?,
        day_reminders: training::reminders::send_due(state).await?,
        followup_nudges: followup::reminders::send_due(state).await?,
        learning_offers: learning::registrations::expire_due(state).await?,
        purged: privacy::service::purge_due(state).await?,
    };
    if t != Tick::default() {
        state.answers.changed();
        state.mail_notify.notify_one();
        tracing::info!(?t, "jobs");
    }
    Ok(t)
}

/// Runs `tick` every `scheduler_interval` until the process ends.
pub async fn run(state: AppState) {
    loop {
        if let Err(e) = tick(&state).await {
            tracing::error!(error = %e, "job round failed");
        }
        tokio::time::sleep(state.settings.scheduler_interval).await;
    }
}
