//! The demo's waiting list in motion.

use super::app_err;
use crate::entities::programme;
use crate::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The waiting list in motion: Groep 6 full, one participant withdrew and
/// Maastricht let the seat go (an offer is open), another withdrew just now
/// (Maastricht may still name a substitute), and twelve people waiting, which
/// brings an extra-group proposal.
pub(super) async fn seed_waitlist(
    state: &AppState,
    programme: &programme::Model,
    maastricht: &crate::auth::Caller,
    zuid: &crate::auth::Caller,
    gi: &crate::auth::Caller,
    bel: &crate::auth::Caller,
) -> anyhow::Result<()> {
    use crate::enrolment::service as es;
    use crate::entities::{seat_hold, training_group};
    use va_openapi::enrolment::{Decision, DecisionRequest, NewEnrolment, NewEnrolmentRequest, WithdrawRequest};
    let pid = va_openapi::ProgrammeId(programme.id);
    let people = |list: &[(&str, &str, &str, bool)]| -> Vec<NewEnrolment> {
        list.iter()
            .map(|(name, email, function, ret)| NewEnrolment {
                name: (*name).into(),
                email: (*email).into(),
                function: Some((*function).into()),
                works_on_ret_uhp: *ret,
                remarks: None,
            })
            .collect()
    };
    let request = |pros: Vec<NewEnrolment>| NewEnrolmentRequest {
        organisation_id: None,
        programme_id: pid,
        preferred_period: Some("2027".into()),
        preferred_region_id: None,
        remarks: None,
        professionals: pros,
        submit: true,
    };
    let m = es::create_request(
        state,
        maastricht,
        request(people(&[
            ("Lotte Janssen", "l.janssen@maastricht.demo.local", "Medewerker toegangsteam", false),
            ("Sem Hendriks", "s.hendriks@maastricht.demo.local", "Medewerker toegangsteam", false),
            ("Eva Smeets", "e.smeets@maastricht.demo.local", "Gedragswetenschapper", true),
            ("Luuk Vermeulen", "l.vermeulen@maastricht.demo.local", "Medewerker toegangsteam", false),
            ("Anouk Coenen", "a.coenen@maastricht.demo.local", "Medewerker toegangsteam", false),
            ("Milan Dassen", "m.dassen@maastricht.demo.local", "Jeugdconsulent", false),
            ("Roos Kessels", "r.kessels@maastricht.demo.local", "Jeugdconsulent", true),
        ])),
    )
    .await
    .map_err(app_err)?;
    for e in &m.enrolments {
        es::decide(state, zuid, e.id, DecisionRequest { decision: Decision::Approve, reason: None }).await.map_err(app_err)?;
    }
    let g = es::create_request(
        state,
        gi,
        request(people(&[
            ("Fenna Bosch", "f.bosch@bjzl.demo.local", "Jeugdbeschermer (GI)", true),
            ("Thijs Wouters", "t.wouters@bjzl.demo.local", "Jeugdreclasseerder (GI)", false),
            ("Iris Maas", "i.maas@bjzl.demo.local", "Jeugdbeschermer (GI)", false),
            ("Jesse Lenders", "j.lenders@bjzl.demo.local", "Jeugdbeschermer (GI)", false),
            ("Lisa Peeters", "l.peeters@bjzl.demo.local", "Gedragswetenschapper (GI)", false),
            ("Ruben Claessens", "r.claessens@bjzl.demo.local", "Jeugdbeschermer (GI)", false),
            ("Maud Geurts", "m.geurts@bjzl.demo.local", "Jeugdreclasseerder (GI)", false),
        ])),
    )
    .await
    .map_err(app_err)?;
    for e in &g.enrolments {
        es::decide(state, bel, e.id, DecisionRequest { decision: Decision::Approve, reason: None }).await.map_err(app_err)?;
    }
    let Some(g6) = training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(programme.id))
        .filter(training_group::Column::Name.eq("Groep 6 - Zuid-Limburg"))
        .one(&state.db)
        .await?
    else {
        return Ok(());
    };
    let g6_id = va_openapi::GroupId(g6.id);
    // A small group (the training room of that week holds three), full with Noah, Lotte and Sem.
    crate::waitlist::service::set_capacity(state, bel, g6_id, va_openapi::waitlist::CapacityInput { capacity: 3 }).await.map_err(app_err)?;
    let (lotte, sem) = (m.enrolments[0].id, m.enrolments[1].id);
    crate::enrolment::placement::allocate(state, bel, lotte, va_openapi::enrolment::AllocateRequest { group_id: g6_id, late_entry: false }).await.map_err(app_err)?;
    crate::enrolment::placement::allocate(state, bel, sem, va_openapi::enrolment::AllocateRequest { group_id: g6_id, late_entry: false }).await.map_err(app_err)?;
    crate::enrolment::placement::withdraw(state, maastricht, sem, WithdrawRequest { reason: Some("Andere functie per januari.".into()) }).await.map_err(app_err)?;
    let window = seat_hold::Entity::find()
        .filter(seat_hold::Column::EnrolmentId.eq(sem.0))
        .filter(seat_hold::Column::Status.eq("open"))
        .one(&state.db)
        .await?;
    if let Some(w) = window {
        crate::waitlist::substitutions::release_substitution(state, maastricht, va_openapi::SubstitutionId(w.id)).await.map_err(app_err)?;
    }
    crate::enrolment::placement::withdraw(state, maastricht, lotte, WithdrawRequest { reason: Some("Zwangerschapsverlof.".into()) }).await.map_err(app_err)?;
    // BEL offers Eva a seat in Groep 5 out of list order: the Zuid ambassador sees the offer run.
    let g5 = training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(programme.id))
        .filter(training_group::Column::Name.eq("Groep 5 - Noord-Limburg"))
        .one(&state.db)
        .await?;
    if let (Some(g5), Some(eva)) = (g5, m.enrolments.get(2)) {
        let offer = va_openapi::waitlist::ManualOfferInput {
            enrolment_id: eva.id,
            group_id: va_openapi::GroupId(g5.id),
            reason: "Start in het nieuwe jeugdteam; Venlo is voor haar goed bereikbaar.".into(),
        };
        crate::waitlist::service::manual_offer(state, bel, offer).await.map_err(app_err)?;
    }
    Ok(())
}
