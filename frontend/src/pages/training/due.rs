//! The trainer's start page names the days whose attendance is still to fill in,
//! with a link to the group's page.

use crate::api::{self, ApiError};
use crate::components::format::nl_date;
use crate::components::loaded::{load, loaded};
use crate::i18n::{lookup, use_lang};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::reference::GroupStatus;
use va_openapi::training::GroupAttendance;
use va_openapi::GroupId;

#[derive(Clone, PartialEq)]
struct Due {
    group: GroupId,
    name: String,
    /// 1-based number of the day among the group's days that take place.
    number: usize,
    day: NaiveDate,
    unmarked: usize,
    placed: usize,
}

/// Days open for marking with a placed participant still without a mark.
fn due_days(g: &GroupAttendance) -> Vec<Due> {
    let placed: Vec<_> = g.participants.iter().filter(|p| p.status == EnrolmentStatus::Placed).collect();
    g.days
        .iter()
        .filter(|d| !d.cancelled)
        .enumerate()
        .filter(|(_, d)| d.open_for_marking)
        .filter_map(|(i, d)| {
            let unmarked = placed.iter().filter(|p| p.marks.get(i).is_none_or(Option::is_none)).count();
            (unmarked > 0).then(|| Due { group: g.group.id, name: g.group.name.clone(), number: i + 1, day: d.day, unmarked, placed: placed.len() })
        })
        .collect()
}

/// Today in the browser's calendar.
pub(super) fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default()
}

#[component]
pub fn AttendanceDue() -> impl IntoView {
    let lang = use_lang();
    let data = load(None, move || async move {
        let since = today() - chrono::Duration::days(30);
        let mut out = Vec::new();
        // Running groups, and groups that ended lately (their window may still be open).
        for g in api::trainer_groups().await?.into_iter().filter(|g| g.status == GroupStatus::Running || (g.status == GroupStatus::Completed && g.ends_on >= since)) {
            out.extend(due_days(&api::group_attendance(g.id).await?));
        }
        Ok::<_, ApiError>(out)
    });
    view! {
        <section class="va-section" data-testid="attendance-due">
            <h2 class="utrecht-heading-2">{t!("tr.due_title")}</h2>
            {loaded(data, move |due| if due.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("tr.due_none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="utrecht-unordered-list">
                        {due.into_iter().map(|d| view! {
                            <li class="utrecht-unordered-list__item">
                                <A href=format!("/trainer/groepen/{}", d.group.0) attr:class="utrecht-link">{d.name.clone()}</A>
                                " — "{move || lookup(lang.get(), k!("tr.day"))}" "{d.number}", "{nl_date(d.day)}": "
                                {move || lookup(lang.get(), k!("tr.due_count")).replace("{n}", &d.unmarked.to_string()).replace("{t}", &d.placed.to_string())}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}
