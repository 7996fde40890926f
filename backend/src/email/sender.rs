//! Delivers outbox messages. A row is claimed by a conditional update before it
//! is sent, so two senders (or two instances) never send the same message; a
//! failure is retried with exponential backoff, then marked failed.

use super::transport::{build_message, Transport};
use crate::entities::email_outbox::{self, Column as C};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tracing::Instrument;

/// How long a claim protects a row from other senders, counted from the moment
/// it is taken (a send is bounded by the transport's timeout well within it).
pub const CLAIM: Duration = Duration::from_secs(120);

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
}

impl Sender {
    /// Sends every due message once; returns how many were sent.
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let due = email_outbox::Entity::find()
            .filter(C::SentAt.is_null())
            .filter(C::FailedAt.is_null())
            .filter(C::NextAttemptAt.lte(now))
            .filter(Condition::any().add(C::ClaimedUntil.is_null()).add(C::ClaimedUntil.lt(now)))
            .order_by_asc(C::Id)
            .limit(50)
            .all(&self.db)
            .await?;
        let mut sent = 0;
        for row in due {
            if !self.claim(&row, now).await? {
                continue;
            }
            // Instrumented, not entered: an entered span guard must not live across an await.
            let span = tracing::info_span!("email.send", id = row.id, template = %row.template);
            if self.deliver_one(&row).instrument(span).await? {
                sent += 1;
            }
        }
        Ok(sent)
    }

    /// Sends one claimed row and records the outcome; true when it went out.
    async fn deliver_one(&self, row: &email_outbox::Model) -> anyhow::Result<bool> {
        let result = match build_message(&self.from, row) {
            Ok(msg) => self.transport.send(msg).await,
            Err(e) => Err(e),
        };
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
                let next = Utc::now() + chrono::Duration::from_std(backoff(attempts)).unwrap_or_default();
                tracing::warn!(error = %e, attempts, give_up, "email not sent");
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

    /// Takes the row for this sender; false when another sender was first. The
    /// claim runs from the moment it is taken, not from the start of the round:
    /// a round behind a slow server would otherwise set claims already expired,
    /// and another instance would send the same message again.
    async fn claim(&self, row: &email_outbox::Model, round: DateTime<Utc>) -> anyhow::Result<bool> {
        let now = round.max(Utc::now());
        let until = now + chrono::Duration::from_std(self.claim_for)?;
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

    /// Runs until the process ends: wakes on `notify` or every `interval`.
    pub async fn run(self: Arc<Self>, interval: Duration, notify: Arc<Notify>) {
        loop {
            if let Err(e) = self.deliver_due(Utc::now()).await {
                tracing::error!(error = %e, "outbox delivery round failed");
            }
            tokio::select! {
                _ = notify.notified() => {}
                _ = tokio::time::sleep(interval) => {}
            }
        }
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
