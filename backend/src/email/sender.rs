//! Delivers outbox messages, at least once. One conditional update claims a
//! batch for a round (`claimed_by`), so two senders (or two instances) never
//! send the same message; a message starts only while its claim outlasts the
//! longest send; a few go out at once, so one slow recipient does not hold the
//! queue; the outcomes are written together (SQLite has one writer, and the
//! application's writes queue with them). A failure is retried with
//! exponential backoff, then marked failed for BEL to see and re-send
//! (`email::admin`). On shutdown no new message starts, the ones in flight
//! finish, and the rest of the batch is released.

use super::transport::{build_message, Transport};
use crate::entities::email_outbox::{self, Column as C};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, UpdateMany};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};
use tracing::Instrument;

/// How long a claim protects a batch from other senders, counted from the
/// moment it is taken (a send is bounded by the SMTP timeout, at most 90 s).
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

/// Rows due at `round` that nobody holds at `at`.
fn due(round: DateTime<Utc>, at: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(C::SentAt.is_null())
        .add(C::FailedAt.is_null())
        .add(C::NextAttemptAt.lte(round))
        .add(Condition::any().add(C::ClaimedUntil.is_null()).add(C::ClaimedUntil.lt(at)))
}

/// An outbox update that also gives up the row's claim.
pub fn released(update: UpdateMany<email_outbox::Entity>) -> UpdateMany<email_outbox::Entity> {
    update.col_expr(C::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None)).col_expr(C::ClaimedBy, Expr::value(Option::<String>::None))
}

/// Rows one round claimed with one update.
struct Batch {
    token: String,
    until: DateTime<Utc>,
    rows: Vec<email_outbox::Model>,
}

enum Outcome {
    Sent(i64),
    /// Row id, its attempts so far including this one, the reason.
    Failed(i64, i32, String),
    /// Not started (stopping, or the claim too short for another send).
    Skipped,
}

pub struct Sender {
    /// The database, and SQLite's write gate: the sender's writes go through
    /// `db::write_txn` and queue with the application's.
    pub state: AppState,
    pub transport: Transport,
    pub from: String,
    pub max_attempts: i32,
    /// How long a claim lasts (`CLAIM`; tests shorten it).
    pub claim_for: Duration,
    pub parallel: usize,
    /// Set when the process stops: no new message starts.
    pub stop: watch::Receiver<bool>,
}

impl Sender {
    /// A sender on the application's database, settings and write gate.
    pub fn new(state: &AppState, transport: Transport, stop: watch::Receiver<bool>) -> Sender {
        Sender {
            state: state.clone(),
            transport,
            from: state.settings.mail_from.clone(),
            max_attempts: state.settings.email_max_attempts,
            claim_for: CLAIM,
            parallel: PARALLEL,
            stop,
        }
    }

    /// The application's clock: what the sender records (sent, failed) is
    /// compared with what the job runner reads from it (retention of bodies).
    fn now(&self) -> DateTime<Utc> {
        self.state.settings.clock.now()
    }

    fn stopping(&self) -> bool {
        *self.stop.borrow()
    }

    /// Sends every message due at `round`, batch after batch; returns how many went out.
    pub async fn deliver_due(&self, round: DateTime<Utc>) -> anyhow::Result<usize> {
        let mut sent = 0;
        while !self.stopping() {
            let Some(batch) = self.claim_batch(round).await? else { break };
            let full = batch.rows.len() as u64 == BATCH;
            let until = batch.until;
            let outcomes: Vec<Outcome> = futures_util::stream::iter(batch.rows.clone())
                .map(move |row| async move { self.send_within_claim(&row, until).await })
                .buffer_unordered(self.parallel.max(1))
                .collect()
                .await;
            // A batch where nothing started (stopping, or a claim shorter than
            // one send) would be claimed again at once: the round ends instead.
            let started = outcomes.iter().any(|o| !matches!(o, Outcome::Skipped));
            sent += self.record(&batch, outcomes, round).await?;
            // A failed message is due again only after its backoff, so this ends.
            if !full || !started {
                break;
            }
        }
        Ok(sent)
    }

    /// Claims up to `BATCH` due rows with one update; `None` when nothing is due.
    async fn claim_batch(&self, round: DateTime<Utc>) -> anyhow::Result<Option<Batch>> {
        // The claim runs from the moment it is taken, not from the start of the
        // round: a round behind a slow server would otherwise set claims already
        // expired, and another instance would send the same message again.
        let at = round.max(self.now());
        let until = at + chrono::Duration::from_std(self.claim_for)?;
        let ids: Vec<i64> = email_outbox::Entity::find()
            .select_only()
            .column(C::Id)
            .filter(due(round, at))
            .order_by_asc(C::Id)
            .limit(BATCH)
            .into_tuple()
            .all(&self.state.db)
            .await?;
        if ids.is_empty() {
            return Ok(None);
        }
        let token = uuid::Uuid::new_v4().simple().to_string();
        let owner = token.clone();
        crate::db::write_txn(&self.state, move |txn| {
            Box::pin(async move {
                // The condition again: a row another sender claimed meanwhile is not
                // taken (PostgreSQL re-checks it on a row it waited for).
                email_outbox::Entity::update_many()
                    .col_expr(C::ClaimedUntil, Expr::value(Some(until)))
                    .col_expr(C::ClaimedBy, Expr::value(Some(owner)))
                    .filter(C::Id.is_in(ids))
                    .filter(due(round, at))
                    .exec(txn)
                    .await?;
                Ok(())
            })
        })
        .await?;
        let rows = email_outbox::Entity::find().filter(C::ClaimedBy.eq(token.as_str())).order_by_asc(C::Id).all(&self.state.db).await?;
        Ok(Some(Batch { token, until, rows }))
    }

    /// Sends one claimed row if its claim outlasts the longest send; a row
    /// left when the process stops or the claim runs short is skipped (and
    /// released by `record`), so no other sender can take it mid-send.
    async fn send_within_claim(&self, row: &email_outbox::Model, until: DateTime<Utc>) -> Outcome {
        let margin = chrono::Duration::from_std(self.transport.limit() + Duration::from_secs(5)).unwrap_or_default();
        if self.stopping() || self.now() + margin >= until {
            return Outcome::Skipped;
        }
        // Instrumented, not entered: an entered span guard must not live across an await.
        let span = tracing::info_span!("email.send", id = row.id, template = %row.template);
        let result = async {
            let msg = build_message(&self.from, row)?;
            self.transport.send(msg).await
        }
        .instrument(span)
        .await;
        match result {
            Ok(()) => {
                tracing::info!(id = row.id, to = %row.to_addr, "email sent");
                Outcome::Sent(row.id)
            }
            Err(e) => Outcome::Failed(row.id, row.attempts + 1, format!("{e:#}")),
        }
    }

    /// Writes a batch's outcomes in one transaction: sent rows at once, each
    /// failure with its backoff, skipped rows released. Returns how many went out.
    async fn record(&self, batch: &Batch, outcomes: Vec<Outcome>, round: DateTime<Utc>) -> anyhow::Result<usize> {
        let now = self.now();
        let sent: Vec<i64> = outcomes.iter().filter_map(|o| if let Outcome::Sent(id) = o { Some(*id) } else { None }).collect();
        let count = sent.len();
        let (token, max_attempts) = (batch.token.clone(), self.max_attempts);
        crate::db::write_txn(&self.state, move |txn| {
            Box::pin(async move {
                let mine = || C::ClaimedBy.eq(token.as_str());
                if !sent.is_empty() {
                    released(email_outbox::Entity::update_many())
                        .col_expr(C::SentAt, Expr::value(now))
                        .col_expr(C::Attempts, Expr::col(C::Attempts).add(1))
                        .filter(C::Id.is_in(sent))
                        .filter(mine())
                        .exec(txn)
                        .await?;
                }
                for outcome in &outcomes {
                    let Outcome::Failed(id, attempts, error) = outcome else { continue };
                    let give_up = *attempts >= max_attempts;
                    let next = round.max(now) + chrono::Duration::from_std(backoff(*attempts)).unwrap_or_default();
                    if give_up {
                        tracing::error!(id, error = %error, attempts, "email not sent, no further attempts: BEL sees it under Berichten");
                    } else {
                        tracing::warn!(id, error = %error, attempts, "email not sent, will retry");
                    }
                    released(email_outbox::Entity::update_many())
                        .col_expr(C::Attempts, Expr::value(*attempts))
                        .col_expr(C::LastError, Expr::value(Some(error.chars().take(1000).collect::<String>())))
                        .col_expr(C::NextAttemptAt, Expr::value(next))
                        .col_expr(C::FailedAt, Expr::value(if give_up { Some(now) } else { None }))
                        .filter(C::Id.eq(*id))
                        .filter(mine())
                        .exec(txn)
                        .await?;
                }
                if outcomes.iter().any(|o| matches!(o, Outcome::Skipped)) {
                    released(email_outbox::Entity::update_many()).filter(mine()).exec(txn).await?;
                }
                Ok(())
            })
        })
        .await?;
        Ok(count)
    }

    /// Runs until the process stops: wakes on `notify` or every `interval`.
    pub async fn run(self: Arc<Self>, interval: Duration, notify: Arc<Notify>) {
        const GATHER: Duration = Duration::from_millis(100);
        let mut stop = self.stop.clone();
        while !self.stopping() {
            if let Err(e) = self.deliver_due(self.now()).await {
                tracing::error!(error = %e, "outbox delivery round failed");
            }
            tokio::select! {
                // Mail queued: gather what follows it for a moment, so that a busy
                // minute costs the writers a few claims instead of one per message.
                _ = notify.notified() => tokio::time::sleep(GATHER).await,
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
