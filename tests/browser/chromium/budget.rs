//! The whole budget: an ambassador registers their region's learning question
//! on a phone (refused without a title first); BEL cannot fund it while the
//! learning-questions line is full, raises the line, funds it, and books an
//! expense on the other line.

use super::log_in;
use va_tests::browser::Browser;
use va_tests::{Backend, DEMO_PASSWORD};

async fn set_value(b: &Browser, id: &str, value: &str) {
    let js = format!("const e = document.getElementById('{id}'); e.value = '{value}'; e.dispatchEvent(new Event('input', {{ bubbles: true }}));");
    b.client.execute(&js, vec![]).await.expect("value");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ambassador_registers_a_learning_question_and_bel_funds_it_after_raising_the_line() {
    let Some(b) = Browser::start().await else { return };
    let app = va_tests::spawn_app_with(Backend::Sqlite, |s| s.demo_activity = true).await.expect("app");
    let year = chrono::Datelike::year(&app.state.settings.clock.today());

    // The Midden ambassador on a phone: the network's questions, then their own, refused without a title first.
    b.resize(390, 844).await;
    log_in(&app, &b, "ambassadeur.midden@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.client.goto(&app.url("/leervragen")).await.expect("goto");
    b.wait_text("h1", "Leervragen").await;
    b.wait_text("[data-testid=questions]", "Leervraag 1: Vervlechting JIM-aanpak").await;
    b.wait_text("[data-testid=questions]", "VA in het wijkteam Heerlen").await;
    assert!(!b.has_text("[data-testid=questions]", "Uitgegeven", 1).await, "the money is BEL's");
    b.find("[data-testid=lq-submit]").await.click().await.expect("submit");
    b.wait_text("#lq-title-err", "Verplicht veld").await;
    assert_eq!(b.find("#lq-title").await.attr("aria-invalid").await.expect("attr").as_deref(), Some("true"));
    for (id, value) in [
        ("lq-title", "VA bij de jeugdbescherming in Roermond"),
        ("lq-goal", "Samen met de GI de VA inzetten voor een kinderbeschermingsmaatregel."),
        ("lq-target", "Jeugdbeschermers en consulenten"),
        ("lq-partners", "Gemeente Roermond, GI"),
        ("lq-capacity", "Twee consulenten, 4 dagdelen"),
        ("lq-outcomes", "Afspraken tussen toegang en GI"),
        ("lq-sharing", "In het lerend netwerk van Midden-Limburg"),
        ("lq-budget", "4500"),
    ] {
        b.find(&format!("#{id}")).await.send_keys(value).await.expect("type");
    }
    set_value(&b, "lq-starts", &format!("{year}-03-01")).await;
    set_value(&b, "lq-ends", &format!("{year}-10-31")).await;
    b.find("[data-testid=lq-submit]").await.click().await.expect("submit");
    super::screens::confirmed(&b, "Leervraag geregistreerd: VA bij de jeugdbescherming in Roermond", "registering").await;
    b.wait_text("[data-testid=questions]", "VA bij de jeugdbescherming in Roermond").await;
    let status = "SELECT status FROM learning_questions WHERE title = 'VA bij de jeugdbescherming in Roermond'";
    assert_eq!(app.db_text(status).await, "proposed");
    b.assert_no_overflow("the learning questions at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the learning questions");
    b.screenshot("questions-ambassador-390").await;
    super::log_out(&b).await;

    // BEL on a laptop: the line is full, so funding is refused with the reason.
    b.resize(1366, 900).await;
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.find("a[href='/bel/begroting']").await.click().await.expect("nav");
    b.wait_text("h1", "Begroting borging VA").await;
    b.wait_text("[data-testid=budget-lines]", "Overige borgingsactiviteiten").await;
    b.wait_text("[data-testid=budget-questions]", "Leervraag 2: VA voorafgaand aan plaatsing in JeugdzorgPlus").await;
    assert!(b.axe().await.is_empty(), "axe-core on the budget");
    b.screenshot_full("budget-bel-1366").await;
    b.resize(1366, 900).await;
    b.client.goto(&app.url("/leervragen")).await.expect("goto");
    b.wait_text("[data-testid=questions]", "VA bij de jeugdbescherming in Roermond").await;
    let cards = b.client.find_all(fantoccini::Locator::Css("[data-testid=question]")).await.expect("cards");
    let mut fund = None;
    for c in cards {
        if c.text().await.unwrap_or_default().contains("VA bij de jeugdbescherming in Roermond") {
            fund = Some(c.find(fantoccini::Locator::Css("[data-testid=question-fund]")).await.expect("fund button"));
        }
    }
    fund.expect("the new question").click().await.expect("fund");
    b.wait_text("[data-testid=error]", "BEL de post verhogen").await;
    assert_eq!(app.db_text(status).await, "proposed", "refused: nothing changed");

    // BEL raises the line by the question's budget, then funds it.
    b.client.goto(&app.url("/bel/begroting")).await.expect("goto");
    b.wait_text("h1", "Begroting borging VA").await;
    b.wait_text("[data-testid=budget-lines]", "Leervragen").await;
    set_value(&b, "bud-year", &year.to_string()).await;
    b.find("#bud-questions").await.clear().await.expect("clear");
    b.find("#bud-questions").await.send_keys("39500").await.expect("type");
    b.find("[data-testid=budget-save]").await.click().await.expect("save");
    super::screens::confirmed(&b, "Begroting opgeslagen", "the raised line").await;
    assert_eq!(app.scalar::<i64>(&format!("SELECT learning_questions_eur FROM budgets WHERE year = {year}")).await, 39_500);
    b.client.goto(&app.url("/leervragen")).await.expect("goto");
    b.wait_text("[data-testid=questions]", "VA bij de jeugdbescherming in Roermond").await;
    let cards = b.client.find_all(fantoccini::Locator::Css("[data-testid=question]")).await.expect("cards");
    for c in cards {
        if c.text().await.unwrap_or_default().contains("VA bij de jeugdbescherming in Roermond") {
            c.find(fantoccini::Locator::Css("[data-testid=question-fund]")).await.expect("fund").click().await.expect("fund");
            break;
        }
    }
    super::screens::confirmed(&b, "Leervraag gefinancierd: VA bij de jeugdbescherming in Roermond", "funding").await;
    assert_eq!(app.db_text(status).await, "funded");
    assert!(b.axe().await.is_empty(), "axe-core on the decisions");

    // An expense on the other line: refused without an amount at its field, then booked.
    b.client.goto(&app.url("/bel/begroting")).await.expect("goto");
    b.wait_text("[data-testid=budget-expenses]", "Lerend netwerk: zaalhuur en catering").await;
    b.find("#exp-description").await.send_keys("Drukwerk handreiking").await.expect("type");
    set_value(&b, "exp-date", &app.state.settings.clock.today().to_string()).await;
    b.find("[data-testid=expense-submit]").await.click().await.expect("book");
    b.wait_text("[data-testid=error]", "Bedrag (euro)").await;
    assert_eq!(b.find("#exp-amount").await.attr("aria-invalid").await.expect("attr").as_deref(), Some("true"));
    b.find("#exp-amount").await.send_keys("750").await.expect("type");
    b.find("[data-testid=expense-submit]").await.click().await.expect("book");
    super::screens::confirmed(&b, "Uitgave geboekt: Drukwerk handreiking", "booking").await;
    b.wait_text("[data-testid=budget-expenses]", "Drukwerk handreiking").await;
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM budget_expenses WHERE description = 'Drukwerk handreiking' AND amount_eur = 750").await, 1);
    b.resize(390, 844).await;
    b.assert_no_overflow("the budget at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the budget on a phone");
    b.screenshot("budget-bel-390").await;
    b.close().await;
}
