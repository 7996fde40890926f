//! The readable version of a person's data: one self-contained HTML page in
//! Dutch (the person and BEL's privacy officer read it; it prints as a PDF).

use va_openapi::privacy::{PersonData, PersonMail, UserData};
use va_openapi::reference::AuditEntry;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map(esc).unwrap_or_else(|| "—".into())
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

fn at(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%d-%m-%Y %H:%M UTC").to_string()
}

/// A table with a caption; `rows` already escaped.
fn table(caption: &str, headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = format!("<h2>{}</h2>", esc(caption));
    if rows.is_empty() {
        out.push_str("<p>Geen.</p>");
        return out;
    }
    out.push_str("<table><thead><tr>");
    for h in headers {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            out.push_str(&format!("<td>{c}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

pub fn html(d: &PersonData) -> String {
    let p = &d.profile;
    let mut body = format!(
        "<h1>Persoonsgegevens van {}</h1><p>Opgesteld op {} door het VA-trainingsplanner van BEL, op verzoek (AVG artikel 15 en 20).</p>\
         <dl><dt>Naam</dt><dd>{}</dd><dt>E-mailadres</dt><dd>{}</dd><dt>Functie</dt><dd>{}</dd><dt>Organisatie</dt><dd>{}</dd>\
         <dt>Vastgelegd op</dt><dd>{}</dd><dt>Eerder getraind op</dt><dd>{}</dd><dt>Verwijderd op</dt><dd>{}</dd></dl>",
        esc(&p.name),
        at(d.made_at),
        esc(&p.name),
        esc(&p.email),
        opt(&p.function),
        esc(&p.organisation.name),
        at(p.created_at),
        p.trained_before_on.map(date).unwrap_or_else(|| "—".into()),
        p.erased_at.map(at).unwrap_or_else(|| "—".into()),
    );
    body.push_str(&table(
        "Aanmeldingen",
        &["Programma", "Status", "Groep", "Functie", "RET/UHP", "Opmerkingen", "Getraind op", "Verloop"],
        d.enrolments
            .iter()
            .map(|e| {
                let timeline = e
                    .timeline
                    .iter()
                    .map(|t| format!("{}: {}{}", at(t.at), esc(&t.action), t.reason.as_deref().map(|r| format!(" ({})", esc(r))).unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join("<br>");
                vec![
                    esc(&e.programme),
                    esc(&e.status),
                    e.group.as_ref().map(|g| esc(&g.name)).unwrap_or_else(|| "—".into()),
                    opt(&e.function),
                    if e.ret_uhp { "ja".into() } else { "nee".into() },
                    opt(&e.remarks),
                    e.trained_on.map(date).unwrap_or_else(|| "—".into()),
                    timeline,
                ]
            })
            .collect(),
    ));
    body.push_str(&table(
        "Gereedheidscheck van de aanvraag",
        &["Aanvraag", "Status", "Afgerond", "Antwoorden"],
        d.readiness_checks
            .iter()
            .map(|c| {
                let answers = c.answers.iter().map(|a| format!("{}: {}{}", esc(&a.item), esc(&a.answer), a.note.as_deref().map(|n| format!(" — {}", esc(n))).unwrap_or_default())).collect::<Vec<_>>().join("<br>");
                vec![c.request_id.to_string(), esc(&c.status), c.completed_at.map(at).unwrap_or_else(|| "—".into()), answers]
            })
            .collect(),
    ));
    body.push_str(&table(
        "Aanwezigheid",
        &["Dag", "Groep", "Aanwezigheid", "Notitie"],
        d.attendance.iter().map(|a| vec![date(a.day), esc(&a.group), esc(&a.status), opt(&a.note)]).collect(),
    ));
    body.push_str(&table(
        "Nazorg",
        &["Dag", "Soort", "Status", "Aanwezigheid", "Notitie"],
        d.followup.iter().map(|f| vec![date(f.day), esc(&f.kind), esc(&f.status), opt(&f.attendance), opt(&f.note)]).collect(),
    ));
    body.push_str(&table(
        "Leernetwerk",
        &["Dag", "Bijeenkomst", "Status", "Aanwezig"],
        d.learning
            .iter()
            .map(|l| vec![date(l.held_on), esc(&l.title), esc(&l.status), l.attended.map(|a| if a { "ja" } else { "nee" }.to_string()).unwrap_or_default()])
            .collect(),
    ));
    body.push_str(&table(
        "Certificaten",
        &["Programma", "Getraind op"],
        d.certificates.iter().map(|c| vec![esc(&c.programme), date(c.trained_on)]).collect(),
    ));
    body.push_str(&mails(&d.mails));
    body.push_str(&audit("Logboek", &d.audit));
    document(&p.name, &body)
}

fn mails(list: &[PersonMail]) -> String {
    table(
        "Berichten aan dit adres",
        &["Aangemaakt", "Verzonden", "Onderwerp", "Tekst"],
        list.iter()
            .map(|m| {
                let text = if m.body_text.is_empty() { "(tekst verwijderd na de bewaartermijn)".into() } else { format!("<pre>{}</pre>", esc(&m.body_text)) };
                vec![at(m.created_at), m.sent_at.map(at).unwrap_or_else(|| "—".into()), esc(&m.subject), text]
            })
            .collect(),
    )
}

fn audit(caption: &str, entries: &[AuditEntry]) -> String {
    table(
        caption,
        &["Wanneer", "Wie", "Wat", "Object", "Toelichting"],
        entries
            .iter()
            .map(|a| {
                let changes = a.changes.iter().map(|c| format!("{}: {} → {}", esc(&c.field), opt(&c.before), opt(&c.after))).collect::<Vec<_>>().join("<br>");
                vec![at(a.at), opt(&a.actor), esc(&a.action), esc(&a.subject), [changes, opt(&a.detail)].join("<br>")]
            })
            .collect(),
    )
}

/// One self-contained page (no outside resources: it is opened from disk).
fn document(name: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Persoonsgegevens van {}</title><style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}\
         table{{border-collapse:collapse;width:100%;margin-bottom:1.5rem}}th,td{{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}}\
         dt{{font-weight:bold}}pre{{white-space:pre-wrap;margin:0}}</style></head><body><main>{body}</main></body></html>",
        esc(name)
    )
}

/// The readable version of a user's data.
pub fn user_html(d: &UserData) -> String {
    let p = &d.profile;
    let mut body = format!(
        "<h1>Persoonsgegevens van {}</h1><p>Opgesteld op {} door het VA-trainingsplanner van BEL, op verzoek (AVG artikel 15 en 20).</p>\
         <dl><dt>Naam</dt><dd>{}</dd><dt>E-mailadres</dt><dd>{}</dd><dt>Rol</dt><dd>{}</dd><dt>Regio</dt><dd>{}</dd><dt>Organisatie</dt><dd>{}</dd>\
         <dt>Actief</dt><dd>{}</dd><dt>Aangemaakt op</dt><dd>{}</dd><dt>Gedeactiveerd op</dt><dd>{}</dd><dt>Laatst ingelogd</dt><dd>{}</dd></dl>",
        esc(&p.name),
        at(d.made_at),
        esc(&p.name),
        esc(&p.email),
        esc(p.role.as_str()),
        opt(&p.region),
        opt(&p.organisation),
        if p.active { "ja" } else { "nee" },
        at(p.created_at),
        p.deactivated_at.map(at).unwrap_or_else(|| "—".into()),
        p.last_login_at.map(at).unwrap_or_else(|| "—".into()),
    );
    body.push_str(&audit("Wat deze gebruiker deed", &d.actions));
    body.push_str(&audit("Wijzigingen van het account", &d.about));
    body.push_str(&mails(&d.mails));
    document(&p.name, &body)
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_escaped() {
        assert_eq!(super::esc("<b>\"Jan\" & 'Piet'</b>"), "&lt;b&gt;&quot;Jan&quot; &amp; &#39;Piet&#39;&lt;/b&gt;");
    }
}
