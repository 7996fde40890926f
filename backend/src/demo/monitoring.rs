//! Demo monitoring: earlier-trained professionals, snapshots, the yearly
//! survey partly answered, and planner scenarios.

use super::{app_err, caller_for, PROGRAMME};
use crate::entities::{organisation, programme, user};
use crate::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Professionals trained before the programme (Accare's records), in CSV as BEL imports them.
const EARLIER_TRAINED: &str = "naam;e-mail;organisatie;functie;getraind op
Ans Peeters;a.peeters@venlo.demo.local;Venlo;Medewerker toegangsteam;12-05-2024
Koen Hesen;k.hesen@venlo.demo.local;Venlo;Gedragswetenschapper;12-05-2024
Lieke Verbeek;l.verbeek@venray.demo.local;Venray;Medewerker toegangsteam;03-10-2024
Tim Janssen;t.janssen@horst.demo.local;Horst aan de Maas;Jeugdconsulent;03-10-2024
Eva Coenen;e.coenen@roermond.demo.local;Roermond;Medewerker toegangsteam;14-03-2025
Joris Moonen;j.moonen@roermond.demo.local;Roermond;Gedragswetenschapper;14-03-2025
Mieke Smeets;m.smeets@weert.demo.local;Weert;Jeugdconsulent;01-06-2025
Femke Driessen;f.driessen@cjgml.demo.local;CJG Midden-Limburg;Jeugdverpleegkundige;01-06-2025
Rob Kusters;r.kusters@maastricht.demo.local;Maastricht;Medewerker toegangsteam;20-01-2025
Sophie Ramakers;s.ramakers@maastricht.demo.local;Maastricht;Gedragswetenschapper;20-01-2025
Niels Bemelmans;n.bemelmans@heerlen.demo.local;Heerlen;Medewerker toegangsteam;20-01-2025
Iris Lenders;i.lenders@sittard.demo.local;Sittard-Geleen;Jeugdconsulent;09-09-2025
Ruud Claessens;r.claessens@bjzl.demo.local;Bureau Jeugdzorg Limburg;Jeugdbeschermer;15-11-2024
Marloes Wetzels;m.wetzels@bjzl.demo.local;Bureau Jeugdzorg Limburg;Gedragswetenschapper;15-11-2024
Dirk Schoenmakers;d.schoenmakers@koraal.demo.local;Koraal;Gedragswetenschapper;09-09-2025
";

/// Monitoring: earlier-trained professionals imported, a snapshot for the
/// meeting, this year's survey partly answered (one form handed to the
/// municipality), a second snapshot, and two planner scenarios.
pub(super) async fn seed_monitoring(state: &AppState, bel: &crate::auth::Caller) -> anyhow::Result<()> {
    use va_openapi::monitoring::{ImportInput, NewSnapshot};
    use va_openapi::planning::{ExtraGroups, ScenarioInput};
    use va_openapi::survey::{NewSurveyRound, SurveyAnswers, SurveyDelegate, SurveySave};
    crate::monitoring::import::import(state, bel, ImportInput { csv: EARLIER_TRAINED.into() }).await.map_err(app_err)?;
    let label = |l: String| NewSnapshot { label: l };
    let today = state.settings.clock.today();
    let earlier = super::month_nl(today - chrono::Duration::days(70));
    let first = crate::monitoring::snapshots::take(state, bel, label(format!("Overleg borging VA {earlier}"))).await.map_err(app_err)?.current.id;

    let Some(p) = programme::Entity::find().filter(programme::Column::Name.eq(PROGRAMME)).one(&state.db).await? else { return Ok(()) };
    let pid = Some(va_openapi::ProgrammeId(p.id));
    let new_round = NewSurveyRound { year: chrono::Datelike::year(&today), deadline: today + chrono::Duration::days(21), programme_id: pid };
    let round = crate::survey::service::open(state, bel, new_round).await.map_err(app_err)?;
    // (who answers, organisation, doing VAs, still to train, VAs done, hours needed, hours available, submit)
    let answers: [(&str, &str, i32, i32, i32, f64, f64, bool); 9] = [
        ("ambassadeur.noord@demo.local", "Venlo", 4, 18, 40, 24.0, 16.0, true),
        ("ambassadeur.noord@demo.local", "Venray", 1, 9, 12, 10.0, 6.0, true),
        ("ambassadeur.noord@demo.local", "Horst aan de Maas", 1, 7, 6, 8.0, 4.0, false),
        ("ambassadeur.midden@demo.local", "Roermond", 2, 12, 22, 14.0, 12.0, true),
        ("ambassadeur.midden@demo.local", "Weert", 1, 8, 9, 8.0, 8.0, true),
        ("ambassadeur.zuid@demo.local", "Heerlen", 1, 15, 10, 16.0, 8.0, true),
        ("ambassadeur.zuid@demo.local", "Sittard-Geleen", 1, 11, 7, 12.0, 6.0, true),
        ("bel@demo.local", "Bureau Jeugdzorg Limburg", 2, 20, 18, 20.0, 12.0, true),
        ("bel@demo.local", "Koraal", 1, 6, 5, 6.0, 4.0, true),
    ];
    for (who, org, doing, still, vas, needed, available, submit) in answers {
        let caller = caller_for(state, who).await?;
        let Some(o) = organisation::Entity::find().filter(organisation::Column::Name.eq(org)).one(&state.db).await? else { continue };
        let oid = va_openapi::OrganisationId(o.id);
        let form = crate::survey::service::form(state, &caller, round.id, oid).await.map_err(app_err)?;
        let a = SurveyAnswers {
            trained: Some(form.trained_in_system),
            trained_note: None,
            doing_vas: Some(doing),
            still_to_train: Some(still),
            vas_done: Some(vas),
            hours_needed: Some(needed),
            hours_available: Some(available),
            bottlenecks: Some("Weinig tijd naast de caseload; VA's worden nog niet overal in het casusoverleg besproken.".into()),
            success_factors: Some("Vaste intervisie en een teamleider die de VA vraagt.".into()),
        };
        crate::survey::service::save(state, &caller, round.id, oid, SurveySave { answers: a, submit }).await.map_err(app_err)?;
    }
    // Zuid hands Maastricht's form to the municipality; it is still open.
    let zuid = caller_for(state, "ambassadeur.zuid@demo.local").await?;
    if let Some(o) = organisation::Entity::find().filter(organisation::Column::Name.eq("Maastricht")).one(&state.db).await? {
        let contact = user::Entity::find().filter(user::Column::Email.eq("gemeente.maastricht@demo.local")).one(&state.db).await?;
        let user_id = contact.map(|u| va_openapi::UserId(u.id));
        crate::survey::service::delegate(state, &zuid, round.id, va_openapi::OrganisationId(o.id), SurveyDelegate { user_id }).await.map_err(app_err)?;
    }
    let second = crate::monitoring::snapshots::take(state, bel, label(format!("Overleg borging VA {}", super::month_nl(today)))).await.map_err(app_err)?.current.id;
    seed_meetings(state, bel, first, second).await?;

    let base = crate::planning::service::default_params(&p);
    crate::planning::service::save(state, bel, None, ScenarioInput { name: "Basis: instellingen van het programma".into(), params: base.clone() }, pid)
        .await
        .map_err(app_err)?;
    let zuid_id = crate::entities::region::Entity::find().filter(crate::entities::region::Column::Code.eq("zuid")).one(&state.db).await?.map(|r| va_openapi::RegionId(r.id));
    let mut extra = base;
    extra.turnover_pct = 12.0;
    extra.extra_groups = vec![ExtraGroups { region_id: zuid_id, groups: 1 }];
    crate::planning::service::save(state, bel, None, ScenarioInput { name: "Extra groep Zuid, 12 % verloop".into(), params: extra }, pid).await.map_err(app_err)?;
    Ok(())
}


/// The monitoring meetings around today: one held ten weeks ago on the first
/// snapshot (an action done, one overdue), one today on the second, the next
/// one planned; each with what such a meeting decides.
async fn seed_meetings(state: &AppState, bel: &crate::auth::Caller, first: va_openapi::SnapshotId, second: va_openapi::SnapshotId) -> anyhow::Result<()> {
    use crate::meetings::service;
    use va_openapi::meetings::{ItemDone, MeetingInput, MeetingItemKind as K, NewMeetingItem};
    let today = state.settings.clock.today();
    let days = chrono::Duration::days;
    let region = |code: &'static str| async move {
        crate::entities::region::Entity::find().filter(crate::entities::region::Column::Code.eq(code)).one(&state.db).await.map(|r| r.map(|r| va_openapi::RegionId(r.id)))
    };
    let meeting = |held_on: chrono::NaiveDate, snapshot_id: Option<va_openapi::SnapshotId>, notes: &str| MeetingInput {
        held_on,
        label: format!("Overleg borging VA {}", super::month_nl(held_on)),
        location: Some("BEL, Roermond".into()),
        snapshot_id,
        notes: Some(notes.into()),
    };
    let item = |kind: K, text: &str, owner: Option<&str>, region_id: Option<va_openapi::RegionId>, due_on: Option<chrono::NaiveDate>| NewMeetingItem {
        kind,
        text: text.into(),
        owner: owner.map(Into::into),
        region_id,
        due_on,
    };
    let (held, zuid, noord) = (today - days(70), region("zuid").await?, region("noord").await?);
    let m = service::create(state, bel, meeting(held, Some(first), "Aanwezig: BEL en de drie VA-ambassadeurs. De wachtlijst in Zuid-Limburg groeit het snelst.")).await.map_err(app_err)?;
    let id = m.summary.id;
    service::add_item(state, bel, id, item(K::Decision, "Een extra groep voor Zuid-Limburg onderzoeken zodra de wachtlijst daar acht mensen telt.", None, zuid, None)).await.map_err(app_err)?;
    let m = service::add_item(state, bel, id, item(K::Action, "Wachtenden in Zuid-Limburg nabellen over hun voorkeursperiode.", Some("VA-ambassadeur Zuid-Limburg"), zuid, Some(held + days(30)))).await.map_err(app_err)?;
    if let Some(done) = m.items.iter().find(|i| i.kind == K::Action) {
        service::set_done(state, bel, done.id, ItemDone { done: true }).await.map_err(app_err)?;
    }
    service::add_item(state, bel, id, item(K::Action, "Begroting voor het lerend netwerk voorleggen aan de regio's.", Some("Projectleider BEL"), None, Some(held + days(60)))).await.map_err(app_err)?;
    let m = service::create(state, bel, meeting(today, Some(second), "De uitvraag loopt; Maastricht vult zelf in.")).await.map_err(app_err)?;
    service::add_item(state, bel, m.summary.id, item(K::Decision, "Casuïstiekleren start in Noord-Limburg; de andere regio's volgen na de evaluatie.", None, noord, None)).await.map_err(app_err)?;
    service::add_item(state, bel, m.summary.id, item(K::Action, "Leerbehoeften voor casuïstiekleren per regio ophalen.", Some("VA-ambassadeurs"), None, Some(today + days(30)))).await.map_err(app_err)?;
    service::create(state, bel, meeting(today + days(120), None, "")).await.map_err(app_err)?;
    Ok(())
}
