//! Reference data as data: the regions, organisations and programmes of
//! `backend/data/reference.toml` (or another file of that shape), loaded
//! without creating any user. Idempotent: rows are matched by their natural
//! keys and never duplicated or overwritten.

use crate::entities::{organisation, programme, region, training_day, training_group};
use anyhow::{anyhow, bail, Context};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set, TransactionTrait};
use serde::Deserialize;
use std::collections::HashMap;
use va_openapi::reference::{GroupStatus, OrganisationKind};

/// The file shipped with the planner: Limburg's regions, organisations and the 2026-2027 programme.
pub const BUILTIN: &str = include_str!("../../data/reference.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceData {
    #[serde(default)]
    pub regions: Vec<RegionRow>,
    #[serde(default)]
    pub organisations: Vec<OrganisationRow>,
    #[serde(default)]
    pub programmes: Vec<ProgrammeRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRow {
    pub name: String,
    pub kind: String,
    /// Region code; none for organisations working across the regions.
    pub region: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRow {
    pub name: String,
    pub course_type: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub readiness_validity_months: i32,
    pub readiness_gate: bool,
    #[serde(default)]
    pub groups: Vec<GroupRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRow {
    pub name: String,
    pub region: Option<String>,
    pub capacity: i32,
    pub status: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub place: String,
    pub starts_at: String,
    pub ends_at: String,
    pub days: Vec<NaiveDate>,
}

impl ReferenceData {
    /// Parses and checks a reference file: known kinds, statuses and region codes, sane dates.
    pub fn parse(text: &str) -> anyhow::Result<ReferenceData> {
        let data: ReferenceData = toml::from_str(text).context("reading the reference data")?;
        data.check()?;
        Ok(data)
    }

    pub fn builtin() -> anyhow::Result<ReferenceData> {
        Self::parse(BUILTIN)
    }

    fn check(&self) -> anyhow::Result<()> {
        let codes: Vec<&str> = self.regions.iter().map(|r| r.code.as_str()).collect();
        let known = |r: &Option<String>, what: &str| match r {
            Some(code) if !codes.contains(&code.as_str()) => Err(anyhow!("{what}: unknown region {code}")),
            _ => Ok(()),
        };
        for o in &self.organisations {
            OrganisationKind::parse(&o.kind).ok_or_else(|| anyhow!("{}: unknown kind {}", o.name, o.kind))?;
            known(&o.region, &o.name)?;
        }
        for p in &self.programmes {
            if p.ends_on < p.starts_on {
                bail!("{}: ends before it starts", p.name);
            }
            for g in &p.groups {
                GroupStatus::parse(&g.status).ok_or_else(|| anyhow!("{}: unknown status {}", g.name, g.status))?;
                known(&g.region, &g.name)?;
                if g.capacity < 1 || g.ends_on < g.starts_on || g.days.iter().any(|d| *d < g.starts_on || *d > g.ends_on) {
                    bail!("{}: capacity below 1, or a day outside {}..{}", g.name, g.starts_on, g.ends_on);
                }
            }
        }
        Ok(())
    }
}

/// What a load added (rows that were there already are not counted).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    pub regions: usize,
    pub organisations: usize,
    pub programmes: usize,
    pub groups: usize,
}

async fn region_ids<C: ConnectionTrait>(db: &C) -> anyhow::Result<HashMap<String, i64>> {
    Ok(region::Entity::find().all(db).await?.into_iter().map(|r| (r.code, r.id)).collect())
}

/// Loads the data in one transaction.
pub async fn load(db: &DatabaseConnection, data: &ReferenceData) -> anyhow::Result<Loaded> {
    let txn = db.begin().await?;
    let mut n = Loaded::default();
    for r in &data.regions {
        if region::Entity::find().filter(region::Column::Code.eq(&r.code)).one(&txn).await?.is_none() {
            region::ActiveModel { code: Set(r.code.clone()), name: Set(r.name.clone()), ..Default::default() }.insert(&txn).await?;
            n.regions += 1;
        }
    }
    let regions = region_ids(&txn).await?;
    let region_of = |r: &Option<String>| r.as_ref().and_then(|code| regions.get(code).copied());
    for o in &data.organisations {
        if organisation::Entity::find().filter(organisation::Column::Name.eq(&o.name)).one(&txn).await?.is_none() {
            organisation::ActiveModel {
                name: Set(o.name.clone()),
                kind: Set(o.kind.clone()),
                region_id: Set(region_of(&o.region)),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            n.organisations += 1;
        }
    }
    for p in &data.programmes {
        // Only the id is read and written back, so the seed also runs on the
        // schema of an older migration (the migration tests load it there).
        let existing: Option<i64> =
            programme::Entity::find().select_only().column(programme::Column::Id).filter(programme::Column::Name.eq(&p.name)).into_tuple().one(&txn).await?;
        let programme_id = match existing {
            Some(id) => id,
            None => {
                n.programmes += 1;
                let row = programme::ActiveModel {
                    name: Set(p.name.clone()),
                    course_type: Set(p.course_type.clone()),
                    starts_on: Set(p.starts_on),
                    ends_on: Set(p.ends_on),
                    readiness_validity_months: Set(p.readiness_validity_months),
                    readiness_gate: Set(p.readiness_gate),
                    ..Default::default()
                };
                programme::Entity::insert(row).exec(&txn).await?.last_insert_id
            }
        };
        for g in &p.groups {
            let exists = training_group::Entity::find()
                .filter(training_group::Column::ProgrammeId.eq(programme_id))
                .filter(training_group::Column::Name.eq(&g.name))
                .one(&txn)
                .await?
                .is_some();
            if exists {
                continue;
            }
            n.groups += 1;
            let group = training_group::ActiveModel {
                programme_id: Set(programme_id),
                name: Set(g.name.clone()),
                region_id: Set(region_of(&g.region)),
                capacity: Set(g.capacity),
                seats_taken: Set(0),
                status: Set(g.status.clone()),
                starts_on: Set(g.starts_on),
                ends_on: Set(g.ends_on),
                location: Set(g.place.clone()),
                // Groups that ran before the planner: no evaluation links go out for them.
                evaluation_sent_at: Set((g.status == GroupStatus::Completed.as_str()).then(chrono::Utc::now)),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            for day in &g.days {
                let row = training_day::ActiveModel {
                    group_id: Set(group.id),
                    day: Set(*day),
                    starts_at: Set(g.starts_at.clone()),
                    ends_at: Set(g.ends_at.clone()),
                    place: Set(g.place.clone()),
                    sequence: Set(0),
                    ..Default::default()
                };
                // Nothing read back: the seed also runs on an older schema (migration tests).
                training_day::Entity::insert(row).exec_without_returning(&txn).await?;
            }
        }
    }
    txn.commit().await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_holds_limburg() {
        let d = ReferenceData::builtin().expect("builtin reference data");
        assert_eq!(d.regions.len(), 3);
        let munis = d.organisations.iter().filter(|o| o.kind == "municipality").count();
        assert_eq!(munis, 31);
        assert!(d.organisations.iter().any(|o| o.kind == "cjg" && o.region.as_deref() == Some("midden")));
        assert_eq!(d.organisations.iter().filter(|o| o.kind == "gi").count(), 3);
        assert_eq!(d.programmes.len(), 1);
        assert_eq!(d.programmes[0].groups.len(), 8);
        assert_eq!(d.programmes[0].groups.iter().map(|g| g.capacity).sum::<i32>(), 128);
    }

    #[test]
    fn bad_files_are_refused_with_the_row_named() {
        let err = |t: &str| format!("{:#}", ReferenceData::parse(t).expect_err("refused"));
        assert!(err("[[organisations]]\nname = \"X\"\nkind = \"bakery\"\n").contains("unknown kind bakery"));
        assert!(err("[[organisations]]\nname = \"X\"\nkind = \"gi\"\nregion = \"oost\"\n").contains("unknown region oost"));
        assert!(err("[[regions]]\ncode = \"a\"\nname = \"A\"\ncolour = \"red\"\n").contains("colour"));
    }
}
