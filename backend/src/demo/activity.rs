//! Demo activity, so every screen shows something real: requests at each
//! stage, a placement, a returned professional, a completed readiness check,
//! the waiting list in motion and monitoring. Goes through the services
//! (rules, timeline, outbox), as a user would.

use super::{app_err, caller_for, PROGRAMME};
use crate::entities::{programme, user};
use crate::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Demo activity, so every screen shows something real: requests at each stage,
/// a placement, a returned professional, and a completed readiness check with
/// follow-ups. Goes through the services (rules, timeline, outbox) and runs
/// only when there are no requests yet.
pub async fn seed_activity(state: &AppState) -> anyhow::Result<()> {
    use crate::entities::{enrolment_request, training_group};
    use va_openapi::enrolment::{Decision, DecisionRequest, NewEnrolment, NewEnrolmentRequest};
    use va_openapi::readiness::{Answer, AnswerInput, CompleteInput};
    if enrolment_request::Entity::find().one(&state.db).await?.is_some() {
        return Ok(());
    }
    let programme = programme::Entity::find().filter(programme::Column::Name.eq(PROGRAMME)).one(&state.db).await?;
    let Some(programme) = programme else { return Ok(()) };
    // First the past: groups that ran and the one running now.
    super::history::write(state, &programme, state.settings.clock.today()).await?;
    let started = chrono::Utc::now();
    let pid = va_openapi::ProgrammeId(programme.id);
    let person = |name: &str, email: &str, function: &str, ret: bool| NewEnrolment {
        name: name.into(),
        email: email.into(),
        function: Some(function.into()),
        works_on_ret_uhp: ret,
        remarks: None,
    };
    let request = |pros: Vec<NewEnrolment>, period: &str| NewEnrolmentRequest {
        organisation_id: None,
        programme_id: pid,
        preferred_period: Some(period.into()),
        preferred_region_id: None,
        remarks: None,
        professionals: pros,
        submit: true,
    };
    use crate::enrolment::service as es;

    // Venlo: waiting for the Noord ambassador.
    let venlo = caller_for(state, "gemeente.venlo@demo.local").await?;
    es::create_request(
        state,
        &venlo,
        request(
            vec![
                person("Sanne Willems", "s.willems@venlo.demo.local", "Medewerker toegangsteam", true),
                person("Bram Jacobs", "b.jacobs@venlo.demo.local", "Gedragswetenschapper", false),
            ],
            &super::season_nl(state.settings.clock.today() + chrono::Duration::days(120)),
        ),
    )
    .await
    .map_err(app_err)?;

    // Maastricht: one approved and placed, one returned for more information.
    let maastricht = caller_for(state, "gemeente.maastricht@demo.local").await?;
    let zuid = caller_for(state, "ambassadeur.zuid@demo.local").await?;
    let bel = caller_for(state, "bel@demo.local").await?;
    let m = es::create_request(
        state,
        &maastricht,
        request(
            vec![
                person("Noah Brouwers", "n.brouwers@maastricht.demo.local", "Medewerker toegangsteam", true),
                person("Julia Lemmens", "j.lemmens@maastricht.demo.local", "Gedragswetenschapper", false),
            ],
            "zo snel mogelijk",
        ),
    )
    .await
    .map_err(app_err)?;
    let (noah, julia) = (m.enrolments[0].id, m.enrolments[1].id);
    es::decide(state, &zuid, noah, DecisionRequest { decision: Decision::Approve, reason: None }).await.map_err(app_err)?;
    es::decide(
        state,
        &zuid,
        julia,
        DecisionRequest { decision: Decision::Return, reason: Some("Graag aanvullen: werkt Julia aan RET- of UHP-casussen?".into()) },
    )
    .await
    .map_err(app_err)?;
    if let Some(g6) = training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(programme.id))
        .filter(training_group::Column::Name.eq("Groep 6 - Zuid-Limburg"))
        .one(&state.db)
        .await?
    {
        crate::enrolment::placement::allocate(state, &bel, noah, va_openapi::enrolment::AllocateRequest { group_id: va_openapi::GroupId(g6.id), late_entry: false }).await.map_err(app_err)?;
    }

    // Maastricht's readiness check, held and completed.
    if let Some(check) = m.readiness_check.as_ref() {
        use crate::readiness::service as rs;
        let leader = user::Entity::find().filter(user::Column::Email.eq("bel@demo.local")).one(&state.db).await?;
        if let Some(leader) = leader {
            let at = state.settings.clock.now() - chrono::Duration::hours(3);
            let input = va_openapi::readiness::ScheduleInput { at, location: "Gemeentehuis Maastricht".into(), project_leader_id: va_openapi::UserId(leader.id) };
            rs::schedule(state, &zuid, check.id, input).await.map_err(app_err)?;
        }
        let view = rs::get_check(state, &zuid, check.id).await.map_err(app_err)?;
        for item in &view.items {
            let answer = match item.code.as_str() {
                "wp.ret_uhp" | "kw.toetsing" => Answer::InProgress,
                "beg.supervisie" => Answer::NotYet,
                _ => Answer::InPlace,
            };
            let note = (answer != Answer::InPlace).then(|| format!("Besproken in het gesprek van {}.", super::month_nl(state.settings.clock.today())));
            rs::answer(state, &zuid, check.id, AnswerInput { item_id: item.id, answer, note }).await.map_err(app_err)?;
        }
        let followups = rs::proposals(state, &zuid, check.id).await.map_err(app_err)?;
        rs::complete(
            state,
            &zuid,
            check.id,
            CompleteInput {
                summary: format!("Maastricht werkt met de VA in de toegang; supervisie en toetsing krijgen in {} vorm.", super::season_nl(state.settings.clock.today() + chrono::Duration::days(120))),
                followups,
            },
        )
        .await
        .map_err(app_err)?;
    }

    // A GI professional, approved by BEL and waiting for a seat.
    let gi = caller_for(state, "gi@demo.local").await?;
    let g = es::create_request(state, &gi, request(vec![person("Daan Hermans", "d.hermans@bjzl.demo.local", "Jeugdbeschermer (GI)", true)], &super::season_nl(state.settings.clock.today() + chrono::Duration::days(300))))
        .await
        .map_err(app_err)?;
    es::decide(state, &bel, g.enrolments[0].id, DecisionRequest { decision: Decision::Approve, reason: None }).await.map_err(app_err)?;
    super::waitlist::seed_waitlist(state, &programme, &maastricht, &zuid, &gi, &bel).await?;
    super::monitoring::seed_monitoring(state, &bel).await?;
    super::learning::seed_learning(state, &bel).await?;
    super::budget::seed_budget(state, &bel, &zuid).await?;
    super::history::spread(state, started).await
}

