//! The demo learning network: a regional session held three weeks ago with
//! its attendance and shared report, sessions to come in every region and a
//! supra-regional one that is full with people waiting, and the regions'
//! learning needs.

use super::{app_err, caller_for};
use crate::auth::Caller;
use crate::entities::{learning_session, professional, region};
use crate::state::AppState;
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use va_openapi::learning::*;
use va_openapi::{ProfessionalId, RegionId};

async fn region_id(state: &AppState, code: &str) -> anyhow::Result<Option<RegionId>> {
    Ok(region::Entity::find().filter(region::Column::Code.eq(code)).one(&state.db).await?.map(|r| RegionId(r.id)))
}

async fn people(state: &AppState, emails: &[&str]) -> anyhow::Result<Vec<ProfessionalId>> {
    let mut out = Vec::new();
    for e in emails {
        if let Some(p) = professional::Entity::find().filter(professional::Column::Email.eq(*e)).one(&state.db).await? {
            out.push(ProfessionalId(p.id));
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn input(scope: LearningScope, region_id: Option<RegionId>, title: &str, held_on: chrono::NaiveDate, place: &str, capacity: i32, target: &str, description: &str) -> LearningSessionInput {
    LearningSessionInput {
        scope,
        region_id,
        title: title.into(),
        held_on,
        starts_at: "13:30".into(),
        ends_at: "16:30".into(),
        place: place.into(),
        capacity,
        target_group: target.into(),
        description: Some(description.into()),
    }
}

async fn register(state: &AppState, who: &Caller, s: va_openapi::LearningSessionId, emails: &[&str]) -> anyhow::Result<LearningSession> {
    let ids = people(state, emails).await?;
    crate::learning::registrations::register(state, who, s, NewLearningRegistrations { professional_ids: ids }).await.map_err(app_err)
}

pub(super) async fn seed_learning(state: &AppState, bel: &Caller) -> anyhow::Result<()> {
    use crate::learning::{needs, sessions};
    use LearningScope::{Regional, SupraRegional};
    let today = state.settings.clock.today();
    let days = Duration::days;
    let (noord, midden, zuid) = (region_id(state, "noord").await?, region_id(state, "midden").await?, region_id(state, "zuid").await?);
    let amb_noord = caller_for(state, "ambassadeur.noord@demo.local").await?;
    let amb_midden = caller_for(state, "ambassadeur.midden@demo.local").await?;
    let amb_zuid = caller_for(state, "ambassadeur.zuid@demo.local").await?;
    let target = "Getrainde jeugdprofessionals van gemeenten, GI's en aanbieders";

    // Held three weeks ago: announced and registered before, then its day came.
    let held = sessions::create(state, &amb_noord, input(Regional, noord, "Casuïstiekleren Noord-Limburg: de VA in het casusoverleg", today + days(1), "Gemeentehuis Venlo, zaal De Maas", 12, target, "Twee deelnemers brengen een lopende casus in; samen maken we de verklarende analyse af."))
        .await
        .map_err(app_err)?;
    let s = register(state, &amb_noord, held.summary.id, &["a.peeters@venlo.demo.local", "k.hesen@venlo.demo.local", "l.verbeek@venray.demo.local", "t.janssen@horst.demo.local"]).await?;
    if let Some(row) = learning_session::Entity::find_by_id(held.summary.id.0).one(&state.db).await? {
        let mut row: learning_session::ActiveModel = row.into();
        row.held_on = Set(today - days(21));
        row.update(&state.db).await?;
    }
    let entries = s.registrations.iter().enumerate().map(|(i, r)| LearningAttendance { registration_id: r.id, attended: i != 3 }).collect();
    sessions::attendance(state, &amb_noord, held.summary.id, LearningAttendanceInput { entries }).await.map_err(app_err)?;
    let report = "Wat werkte: de hypothesen hardop toetsen aan de feiten van de casus. Wat lastig bleef: de stem van de jeugdige zelf \
                  terug laten komen in de analyse. Afspraak: volgende keer brengt Venray een casus met een uithuisplaatsing in.";
    sessions::report(state, &amb_noord, held.summary.id, LearningReportInput { report: report.into() }).await.map_err(app_err)?;

    // To come: a supra-regional session that is full, with two waiting.
    let supra = sessions::create(state, bel, input(SupraRegional, None, "Bovenregionale leersessie: VA bij RET en uithuisplaatsing", today + days(24), "BEL, Roermond", 4, target, "Met een jeugdbeschermer en een gedragswetenschapper van een GI."))
        .await
        .map_err(app_err)?;
    register(state, &amb_zuid, supra.summary.id, &["s.ramakers@maastricht.demo.local", "r.kusters@maastricht.demo.local"]).await?;
    register(state, bel, supra.summary.id, &["r.claessens@bjzl.demo.local", "e.coenen@roermond.demo.local", "m.wetzels@bjzl.demo.local", "j.moonen@roermond.demo.local"]).await?;

    let m = sessions::create(state, &amb_midden, input(Regional, midden, "Casuïstiekleren Midden-Limburg", today + days(38), "CJG Midden-Limburg, Weert", 15, target, "Casussen uit het toegangsteam; neem uw VA mee.")).await.map_err(app_err)?;
    register(state, &amb_midden, m.summary.id, &["m.smeets@weert.demo.local", "f.driessen@cjgml.demo.local"]).await?;
    let z = sessions::create(state, &amb_zuid, input(Regional, zuid, "Casuïstiekleren Zuid-Limburg", today + days(31), "Gemeentehuis Heerlen", 12, target, "Eerste bijeenkomst in Zuid-Limburg.")).await.map_err(app_err)?;
    register(state, &amb_zuid, z.summary.id, &["n.bemelmans@heerlen.demo.local", "i.lenders@sittard.demo.local"]).await?;
    sessions::create(state, &amb_noord, input(Regional, noord, "Casuïstiekleren Noord-Limburg: de stem van de jeugdige", today + days(45), "Gemeentehuis Venray", 12, target, "Vervolg op de eerste bijeenkomst."))
        .await
        .map_err(app_err)?;

    let need = |topic: &str, description: &str| LearningNeedInput { region_id: None, topic: topic.into(), description: Some(description.into()) };
    needs::create(state, &amb_noord, need("De stem van de jeugdige in de analyse", "Hoe laat je de jeugdige zelf meepraten over de hypothesen?")).await.map_err(app_err)?;
    needs::create(state, &amb_noord, need("VA bij scheidingsproblematiek", "Veel casussen in het toegangsteam gaan over ouders die uit elkaar zijn.")).await.map_err(app_err)?;
    needs::create(state, &amb_midden, need("Van analyse naar hulpverleningsplan", "De stap van de verklaring naar wat we gaan doen blijft lastig.")).await.map_err(app_err)?;
    needs::create(state, &amb_zuid, need("Samenwerking met de GI bij de VA", "Wie doet wat als de GI al betrokken is?")).await.map_err(app_err)?;
    needs::create(state, &amb_zuid, need("VA bij uithuisplaatsing", "Terugkeer naar huis voorbereiden met de analyse.")).await.map_err(app_err)?;
    Ok(())
}
