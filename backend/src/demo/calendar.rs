//! The demo lives in the present: the reference plan describes the programme as
//! it stands on `REFERENCE_DAY`; loading the demo on another day moves every
//! date of the demo programme by the whole weeks in between (weekdays stay),
//! so groups are completed, running, open and planned on any day just as they
//! are then. Done once, when the programme still has the reference dates.

use crate::entities::{budget, programme, training_day, training_group};
use crate::reference::seed::ReferenceData;
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};

/// The day the reference plan describes.
pub const REFERENCE_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 2) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Whole weeks from the reference day to `day`, in days.
pub fn shift_days(day: NaiveDate) -> i64 {
    (day - REFERENCE_DAY).num_days().div_euclid(7) * 7
}

pub async fn lay_out(db: &DatabaseConnection, reference: &ReferenceData, day: NaiveDate) -> anyhow::Result<()> {
    let delta = chrono::Duration::days(shift_days(day));
    if delta.is_zero() {
        return Ok(());
    }
    let txn = db.begin().await?;
    for p in &reference.programmes {
        let Some(found) = programme::Entity::find().filter(programme::Column::Name.eq(&p.name)).one(&txn).await? else { continue };
        if found.starts_on != p.starts_on {
            continue;
        }
        programme::Entity::update_many()
            .col_expr(programme::Column::StartsOn, Expr::value(found.starts_on + delta))
            .col_expr(programme::Column::EndsOn, Expr::value(found.ends_on + delta))
            .filter(programme::Column::Id.eq(found.id))
            .exec(&txn)
            .await?;
        for g in training_group::Entity::find().filter(training_group::Column::ProgrammeId.eq(found.id)).all(&txn).await? {
            training_group::Entity::update_many()
                .col_expr(training_group::Column::StartsOn, Expr::value(g.starts_on + delta))
                .col_expr(training_group::Column::EndsOn, Expr::value(g.ends_on + delta))
                .filter(training_group::Column::Id.eq(g.id))
                .exec(&txn)
                .await?;
            for d in training_day::Entity::find().filter(training_day::Column::GroupId.eq(g.id)).all(&txn).await? {
                training_day::Entity::update_many()
                    .col_expr(training_day::Column::Day, Expr::value(d.day + delta))
                    .filter(training_day::Column::Id.eq(d.id))
                    .exec(&txn)
                    .await?;
            }
        }
    }
    // The plan's yearly budget moves with it, so the demo's years have one.
    for b in budget::Entity::find().all(&txn).await? {
        let Some(mid) = NaiveDate::from_ymd_opt(b.year, 7, 1) else { continue };
        let year = (mid + delta).year();
        if budget::Entity::find_by_id(year).one(&txn).await?.is_none() {
            budget::ActiveModel { year: Set(year), training_eur: Set(b.training_eur), learning_questions_eur: Set(b.learning_questions_eur), other_eur: Set(b.other_eur), updated_at: Set(chrono::Utc::now()) }.insert(&txn).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_weeks_keep_the_weekday() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(shift_days(d(2026, 12, 2)), 0);
        assert_eq!(shift_days(d(2026, 12, 8)), 0);
        assert_eq!(shift_days(d(2026, 12, 9)), 7);
        assert_eq!(shift_days(d(2026, 12, 1)), -7);
        for day in [d(2027, 2, 1), d(2027, 8, 15), d(2026, 2, 1)] {
            let moved = d(2026, 10, 27) + chrono::Duration::days(shift_days(day));
            assert_eq!(moved.weekday(), chrono::Weekday::Tue);
            assert!((day - (REFERENCE_DAY + chrono::Duration::days(shift_days(day)))).num_days() < 7);
        }
    }
}
