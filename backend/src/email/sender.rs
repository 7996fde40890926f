//! Delivers outbox messages, at least once. A row is claimed by a conditional
//! update right before it is sent, so two senders (or two instances) never send
//! the same message; a few messages go out at once, so one slow recipient does
//! not hold the queue; a failure is retried with exponential backoff, then
//! marked failed for BEL to see and re-send (`email::admin`). On shutdown no
//! new message starts and the ones in flight finish.

use super::transport::{build_message, Transport};
use crate::entities::email_outbox::{self, Column as C};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Mutex, MutexGuard, Notify};
use tracing::Instrument;

/// How long a claim protects a row from other senders, counted from the moment
/// it is taken (a send is bounded by the SMTP timeout, at most 90 s).
pub const CLAIM: Duration = Duration::from_secs(120);

/// Rows one update claims.
const BATCH: u64 = 50;

/// Messages in flight at once: one server that stalls on a recipient holds
/// one of these until the SMTP timeout, the others go on.
pub const PARALLEL: usize = 4;

/// Delay before retry number `attempts` (1-based): 30 s, 60 s, 2 min ... capped at 1 hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.saturating_sub(1).clamp(0, 16) as u32;
    Duration::from_secs(30u64.saturating_mul(2u64.saturating_pow(exp)).min(3600))
}

pub struct Sender {
    pub db: DatabaseConnection,
    pub transport: Transport,
    pub from: String,
    pub max_attempts: i32,
    /// How long a claim lasts (`CLAIM`; tests shorten it).
    pub claim_for: Duration,
    /// SQLite's one writer: the sender's writes queue with the application's
    /// instead of waiting out busy timeouts against them.
    pub write_gate: Option<Arc<Mutex<()>>>,
    pub parallel: usize,
    /// Set when the process stops: no new message starts.
    pub stop: watch::Receiver<bool>,
}

impl Sender {
    /// A sender on the application's database, settings and write gate.
    pub fn new(state: &AppState, transport: Transport, stop: watch::Receiver<bool>) -> Sender {
        Sender {
            db: state.db.clone(),
            transport,
            from: state.settings.mail_from.clone(),
            max_attempts: state.settings.email_max_attempts,
            claim_for: CLAIM,
            write_gate: state.write_gate.clone(),
            parallel: PARALLEL,
            stop,
        }
    }

    fn stopping(&self) -> bool {
        *self.stop.borrow()
    }

    async fn gate(&self) -> Option<MutexGuard<'_, ()>> {
        match &self.write_gate {
            Some(g) => Some(g.lock().await),
            None => None,
        }
    }

    /// Sends every message due at `now`, batch after batch; returns how many went out.
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let mut sent = 0;
        while !self.stopping() {
            let batch = self.due(now).await?;
            let full = batch.len() as u64 == BATCH;
            if batch.is_empty() {
                break;
            }
            let outcomes: Vec<anyhow::Result<bool>> =
                futures_util::stream::iter(batch).map(|row| self.claim_and_deliver(row, now)).buffer_unordered(self.parallel.max(1)).collect().await;
            for outcome in outcomes {
                if outcome? {
                    sent += 1;
                }
            }
            // A failed message is due again only after its backoff, so this ends.
            if !full {
                break;
            }
        }
        Ok(sent)
    }

    /// Up to `BATCH` rows due at `round` that nobody holds.
    async fn due(&self, round: DateTime<Utc>) -> anyhow::Result<Vec<email_outbox::Model>> {
        Ok(email_outbox::Entity::find()
            .filter(C::SentAt.is_null())
            .filter(C::FailedAt.is_null())
            .filter(C::NextAttemptAt.lte(round))
            .filter(Condition::any().add(C::ClaimedUntil.is_null()).add(C::ClaimedUntil.lt(round.max(Utc::now()))))
            .order_by_asc(C::Id)
            .limit(BATCH)
            .all(&self.db)
            .await?)
    }

    /// Claims the row right before sending it (so a claim covers one message,
    /// however long the batch takes), then sends it; false when another
    /// sender was first or the process is stopping.
    async fn claim_and_deliver(&self, row: email_outbox::Model, round: DateTime<Utc>) -> anyhow::Result<bool> {
        if self.stopping() || !self.claim(&row).await? {
            return Ok(false);
        }
        // Instrumented, not entered: an entered span guard must not live across an await.
        let span = tracing::info_span!("email.send", id = row.id, template = %row.template);
        self.deliver_one(&row, round).instrument(span).await
    }

    /// Takes the row for this sender; false when another sender was first. The
    /// claim runs from the moment it is taken: a round behind a slow server
    /// would otherwise set claims already expired, and another instance would
    /// send the same message again.
    async fn claim(&self, row: &email_outbox::Model) -> anyhow::Result<bool> {
        let now = Utc::now();
        let until = now + chrono::Duration::from_std(self.claim_for)?;
        let _gate = self.gate().await;
        let res = email_outbox::Entity::update_many()
            .col_expr(C::ClaimedUntil, Expr::value(Some(until)))
            .filter(C::Id.eq(row.id))
            .filter(C::SentAt.is_null())
            .filter(C::FailedAt.is_null())
            .filter(Condition::any().add(C::ClaimedUntil.is_null()).add(C::ClaimedUntil.lt(now)))
            .exec(&self.db)
            .await?;
        Ok(res.rows_affected == 1)
    }

    /// Sends one claimed row and records the outcome; true when it went out.
    async fn deliver_one(&self, row: &email_outbox::Model, round: DateTime<Utc>) -> anyhow::Result<bool> {
        let result = match build_message(&self.from, row) {
            Ok(msg) => self.transport.send(msg).await,
            Err(e) => Err(e),
        };
        let _gate = self.gate().await;
        match result {
            Ok(()) => {
                email_outbox::Entity::update_many()
                    .col_expr(C::SentAt, Expr::value(Utc::now()))
                    .col_expr(C::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
                    .col_expr(C::Attempts, Expr::value(row.attempts + 1))
                    .filter(C::Id.eq(row.id))
                    .exec(&self.db)
                    .await?;
                tracing::info!(to = %row.to_addr, "email sent");
                Ok(true)
            }
            Err(e) => {
                let attempts = row.attempts + 1;
                let give_up = attempts >= self.max_attempts;
                let next = round.max(Utc::now()) + chrono::Duration::from_std(backoff(attempts)).unwrap_or_default();
                if give_up {
                    tracing::error!(error = %e, attempts, to = %row.to_addr, "email not sent, no further attempts: BEL sees it under Berichten");
                } else {
                    tracing::warn!(error = %e, attempts, "email not sent, will retry");
                }
                email_outbox::Entity::update_many()
                    .col_expr(C::Attempts, Expr::value(attempts))
                    .col_expr(C::LastError, Expr::value(Some(format!("{e:#}").chars().take(1000).collect::<String>())))
                    .col_expr(C::NextAttemptAt, Expr::value(next))
                    .col_expr(C::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
                    .col_expr(C::FailedAt, Expr::value(if give_up { Some(Utc::now()) } else { None }))
                    .filter(C::Id.eq(row.id))
                    .exec(&self.db)
                    .await?;
                Ok(false)
            }
        }
    }

    /// Runs until the process stops: wakes on `notify` or every `interval`.
    pub async fn run(self: Arc<Self>, interval: Duration, notify: Arc<Notify>) {
        let mut stop = self.stop.clone();
        while !self.stopping() {
            if let Err(e) = self.deliver_due(Utc::now()).await {
                tracing::error!(error = %e, "outbox delivery round failed");
            }
            tokio::select! {
                _ = notify.notified() => {}
                _ = tokio::time::sleep(interval) => {}
                _ = async {
                    // A closed channel can never say stop: wait on the others then.
                    if stop.changed().await.is_err() {
                        std::future::pending::<()>().await;
                    }
                } => {}
            }
        }
        tracing::info!("mail sender stopped");
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(3), Duration::from_secs(120));
        assert_eq!(backoff(50), Duration::from_secs(3600));
        assert!((1..40).all(|a| backoff(a) <= backoff(a + 1)));
    }
}
