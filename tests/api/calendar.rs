//! Calendars that work: a placed participant gets the training days as an
//! invitation (`REQUEST`, they are the attendee, BEL the organizer); a move
//! cancels the old group's days (`CANCEL`, the same UIDs, a higher SEQUENCE)
//! and invites to the new ones; a withdrawal cancels them; follow-up sessions
//! alike. The .ics is read with a calendar parser, field by field.

use serde_json::json;
use std::collections::BTreeMap;
use va_tests::{db_tests, expect_json as send, TestApp};

/// The calendar's METHOD and its events as (UID → properties).
fn parse(ics: &str) -> (String, BTreeMap<String, Vec<(String, String)>>) {
    let unfolded = icalendar::parser::unfold(ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("the .ics parses");
    let method = cal.properties.iter().find(|p| p.name.as_str() == "METHOD").map(|p| p.val.as_str().to_string()).unwrap_or_default();
    let mut events = BTreeMap::new();
    for c in cal.components.iter().filter(|c| c.name.as_str() == "VEVENT") {
        let props: Vec<(String, String)> = c.properties.iter().map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string())).collect();
        let uid = props.iter().find(|(n, _)| n == "UID").map(|(_, v)| v.clone()).expect("a UID");
        events.insert(uid, props);
    }
    (method, events)
}

fn value<'a>(props: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    props.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
}

async fn attachment(app: &TestApp, to: &str, template: &str) -> String {
    app.db_text(&format!("SELECT attachment FROM email_outbox WHERE to_addr = '{to}' AND template = '{template}' ORDER BY id DESC")).await
}

async fn placement_move_and_withdrawal_invite_and_cancel_by_the_same_uids(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let email = "f.invite@venlo.demo.local";
    let e = super::waitlist::approved(&app, "gemeente.venlo@demo.local", "ambassadeur.noord@demo.local", &[("Fleur Invite", email, false)]).await[0];
    let g5 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 5%'").await;
    let g8 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 8%'").await;
    send(app.post_json(&format!("/api/v1/enrolments/{e}/allocate"), Some(&bel), &json!({"group_id": g5})).await, 200).await;
    let organizer = format!("mailto:{}", va_backend::email::calendar::address_of(&app.state.settings.mail_from));

    // The participant: an invitation with them as attendee, one event per day.
    let (method, first) = parse(&attachment(&app, email, "placed_professional").await);
    assert_eq!(method, "REQUEST");
    let days: i64 = app.scalar(&format!("SELECT COUNT(*) FROM training_days WHERE group_id = {g5} AND status <> 'cancelled'")).await;
    assert_eq!(first.len() as i64, days);
    for (uid, p) in &first {
        assert!(uid.starts_with("va-day-") && uid.ends_with(&format!("-enrolment-{e}@va-planner.bel-limburg.nl")), "{uid}");
        assert_eq!(value(p, "ATTENDEE"), [format!("mailto:{email}").as_str()]);
        assert_eq!(value(p, "ORGANIZER"), [organizer.as_str()]);
        assert_eq!(value(p, "SEQUENCE"), ["0"]);
        assert!(value(p, "STATUS").is_empty());
    }
    let content_type = app.db_text(&format!("SELECT attachment_content_type FROM email_outbox WHERE to_addr = '{email}' AND template = 'placed_professional'")).await;
    assert!(content_type.ends_with("method=REQUEST"), "{content_type}");
    // The contact's copy is to look at: nobody invited.
    let (method, copy) = parse(&attachment(&app, "gemeente.venlo@demo.local", "placed_contact").await);
    assert_eq!(method, "PUBLISH");
    assert!(copy.values().all(|p| value(p, "ATTENDEE").is_empty()));

    // Moved: the old days are cancelled by their UIDs, the new ones invited.
    send(app.post_json(&format!("/api/v1/enrolments/{e}/move"), Some(&bel), &json!({"group_id": g8})).await, 200).await;
    let (method, cancelled) = parse(&attachment(&app, email, "moved_from").await);
    assert_eq!(method, "CANCEL");
    assert_eq!(cancelled.keys().collect::<Vec<_>>(), first.keys().collect::<Vec<_>>(), "the same events");
    for p in cancelled.values() {
        assert_eq!(value(p, "STATUS"), ["CANCELLED"]);
        assert_eq!(value(p, "SEQUENCE"), ["1"], "higher than the invitation's");
        assert_eq!(value(p, "ATTENDEE"), [format!("mailto:{email}").as_str()]);
    }
    let (method, second) = parse(&attachment(&app, email, "placed_professional").await);
    assert_eq!(method, "REQUEST");
    assert!(second.keys().all(|u| !first.contains_key(u)), "the new group's days are new events");

    // Withdrawn: the mail to the participant cancels the new group's days.
    let venlo = app.token("gemeente.venlo@demo.local").await;
    send(app.post_json(&format!("/api/v1/enrolments/{e}/withdraw"), Some(&venlo), &json!({"reason": "Langdurig ziek"})).await, 200).await;
    let (method, gone) = parse(&attachment(&app, email, "enrolment_withdrawn").await);
    assert_eq!(method, "CANCEL");
    assert_eq!(gone.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    // The contact's withdrawal mail carries no calendar.
    let contact_attachment: Option<String> = app.scalar("SELECT attachment FROM email_outbox WHERE to_addr = 'gemeente.venlo@demo.local' AND template = 'enrolment_withdrawn' ORDER BY id DESC").await;
    assert_eq!(contact_attachment, None);
}

/// A follow-up session is an invitation to each participant too, and its
/// cancellation withdraws the same event.
async fn a_followup_session_invites_and_its_cancellation_cancels_the_same_event(app: TestApp) {
    super::followup::trained_groep_5(&app).await;
    let bel = app.token("bel@demo.local").await;
    let email = "s.willems@venlo.demo.local";
    let sanne = app.id_of(&format!("SELECT id FROM professionals WHERE email = '{email}'")).await;
    let plan = json!({"kind": "coaching", "professional_ids": [sanne], "day": "2027-04-14", "starts_at": "10:00", "ends_at": "12:00", "place": "Venlo", "trainer_id": null});
    let session = send(app.post_json("/api/v1/followup/sessions", Some(&bel), &plan).await, 200).await["id"].as_i64().expect("session");
    let organizer = format!("mailto:{}", va_backend::email::calendar::address_of(&app.state.settings.mail_from));
    let uid = format!("va-followup-{session}-professional-{sanne}@va-planner.bel-limburg.nl");
    let (method, invited) = parse(&attachment(&app, email, "followup_planned").await);
    assert_eq!(method, "REQUEST");
    assert_eq!(invited.keys().collect::<Vec<_>>(), vec![&uid]);
    let p = &invited[&uid];
    assert_eq!((value(p, "ATTENDEE"), value(p, "ORGANIZER"), value(p, "SEQUENCE")), (vec![format!("mailto:{email}").as_str()], vec![organizer.as_str()], vec!["0"]));
    let content_type = app.db_text(&format!("SELECT attachment_content_type FROM email_outbox WHERE to_addr = '{email}' AND template = 'followup_planned'")).await;
    assert!(content_type.ends_with("method=REQUEST"), "{content_type}");

    send(app.post_json(&format!("/api/v1/followup/sessions/{session}/cancel"), Some(&bel), &json!({"reason": "Trainer ziek"})).await, 200).await;
    let (method, gone) = parse(&attachment(&app, email, "followup_cancelled").await);
    assert_eq!(method, "CANCEL");
    let p = &gone[&uid];
    assert_eq!((value(p, "STATUS"), value(p, "SEQUENCE"), value(p, "ATTENDEE")), (vec!["CANCELLED"], vec!["1"], vec![format!("mailto:{email}").as_str()]));
}

db_tests!(tweak va_tests::no_mail_sender; placement_move_and_withdrawal_invite_and_cancel_by_the_same_uids, a_followup_session_invites_and_its_cancellation_cancels_the_same_event);
