//! The demo's whole budget: learning question 1 (the JIM pilot) funded from
//! the year's learning-questions line with what it has spent, learning
//! question 2 proposed for next year (which has no budget yet), a region's
//! question waiting for BEL, and the other line's bookings (communication,
//! learning network, monitoring, materials), some paid and some to come.

use super::app_err;
use crate::auth::Caller;
use crate::state::AppState;
use chrono::{Datelike, Duration, NaiveDate};
use va_openapi::budget::*;
use va_openapi::RegionId;

/// `today` moved by `days`, kept inside today's year (the bookings count in it).
fn in_year(today: NaiveDate, days: i64) -> NaiveDate {
    let d = today + Duration::days(days);
    let first = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let last = NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today);
    d.clamp(first, last)
}

#[allow(clippy::too_many_arguments)]
fn question(title: &str, region_id: Option<RegionId>, goal: &str, target_group: &str, partners: &str, (starts_on, ends_on): (NaiveDate, NaiveDate), capacity: &str, outcomes: &str, budget_eur: i64, budget_year: i32) -> LearningQuestionInput {
    LearningQuestionInput {
        title: title.into(),
        region_id,
        goal: goal.into(),
        target_group: target_group.into(),
        partners: partners.into(),
        starts_on,
        ends_on,
        capacity: capacity.into(),
        outcomes: outcomes.into(),
        sharing: "Ervaringen, knelpunten en succesfactoren worden per kwartaal opgehaald en gedeeld in het lerend netwerk en het overleg borging VA.".into(),
        budget_eur,
        budget_year,
    }
}

async fn book(state: &AppState, bel: &Caller, line: BudgetLineKind, q: Option<va_openapi::LearningQuestionId>, what: &str, eur: i64, on: NaiveDate) -> anyhow::Result<()> {
    crate::budget::expenses::create(state, bel, BudgetExpenseInput { line, learning_question_id: q, description: what.into(), amount_eur: eur, spent_on: on }).await.map_err(app_err)?;
    Ok(())
}

pub(super) async fn seed_budget(state: &AppState, bel: &Caller, amb_zuid: &Caller) -> anyhow::Result<()> {
    use crate::budget::questions;
    let today = state.settings.clock.today();
    let year = today.year();
    // Early in a year the plan's budget may still sit in the year before: the current year gets the plan's lines.
    if crate::budget::lines::budget_year(&state.db, year, today).await.map_err(app_err)?.training_eur.is_none() {
        let plan = va_openapi::waitlist::BudgetInput { training_eur: 115_000, learning_questions_eur: Some(35_000), other_eur: Some(25_000) };
        crate::budget::lines::set_budget(state, bel, year, plan).await.map_err(app_err)?;
    }
    let jim = questions::create(
        state,
        bel,
        question(
            "Leervraag 1: Vervlechting JIM-aanpak en Verklarende Analyse",
            None,
            "Onderzoeken hoe de JIM-aanpak en de VA elkaar versterken, en hoe steunfiguren uit het netwerk van de jeugdige worden betrokken bij het gezamenlijk begrijpen van de situatie.",
            "Jeugdprofessionals die met JIM-jongeren en hun JIM werken",
            "BEL, trainers VA, JIM-coaches, twee gemeenten per regio",
            (in_year(today, -120), in_year(today, 150)),
            "Projectleider 8 uur per week, 2 trainers, 12 professionals",
            "Praktische handvatten voor professionals over de samenhang van JIM en VA",
            35_000,
            year,
        ),
    )
    .await
    .map_err(app_err)?;
    questions::decide(state, bel, jim.id, LearningQuestionDecision { decision: QuestionDecision::Fund, note: Some("Gefinancierd uit de begroting borging VA.".into()) }).await.map_err(app_err)?;
    let lq = BudgetLineKind::LearningQuestions;
    book(state, bel, lq, Some(jim.id), "Projectleiding pilot JIM en VA, eerste periode", 8_500, in_year(today, -60)).await?;
    book(state, bel, lq, Some(jim.id), "Expertbijeenkomst met JIM-coaches", 3_200, in_year(today, -20)).await?;
    book(state, bel, lq, Some(jim.id), "Uitwerking handvatten voor professionals", 6_000, in_year(today, 40)).await?;
    let next = NaiveDate::from_ymd_opt(year + 1, 2, 1).unwrap_or(today);
    questions::create(
        state,
        bel,
        question(
            "Leervraag 2: VA voorafgaand aan plaatsing in JeugdzorgPlus",
            None,
            "Procesafspraken maken zodat geen jongere in JeugdzorgPlus wordt geplaatst zonder dat vooraf een VA is uitgevoerd (behalve in acute situaties).",
            "Gemeenten, GI's en aanbieders van JeugdzorgPlus",
            "BEL, gemeenten, GI's, zorgaanbieders JeugdzorgPlus",
            (next, next + Duration::days(300)),
            "Projectleider 6 uur per week, ambassadeurs per regio",
            "Werkafspraken over het tijdig inzetten van de VA vóór besluitvorming over JeugdzorgPlus",
            30_000,
            year + 1,
        ),
    )
    .await
    .map_err(app_err)?;
    questions::create(
        state,
        amb_zuid,
        question(
            "VA in het wijkteam Heerlen",
            amb_zuid.region(),
            "Onderzoeken hoe het wijkteam de VA inzet bij de eerste vraag van een gezin.",
            "Medewerkers van het wijkteam Heerlen",
            "Gemeente Heerlen, wijkteam, VA-ambassadeur Zuid-Limburg",
            (in_year(today, 30), in_year(today, 30) + Duration::days(180)),
            "Twee coaches, 6 dagdelen",
            "Een werkinstructie voor de eerste vraag",
            6_500,
            year,
        ),
    )
    .await
    .map_err(app_err)?;
    let other = BudgetLineKind::Other;
    book(state, bel, other, None, "Monitoring: vragenlijst en analyse", 1_800, in_year(today, -70)).await?;
    book(state, bel, other, None, "Communicatie: nieuwsbrief en website VA", 2_400, in_year(today, -45)).await?;
    book(state, bel, other, None, "Lerend netwerk: zaalhuur en catering", 1_150, in_year(today, -21)).await?;
    book(state, bel, other, None, "Ontwikkeling materialen: handreiking VA", 4_500, in_year(today, 30)).await?;
    Ok(())
}
