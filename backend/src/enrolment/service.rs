//! Transactions of the enrolment domain. Every state change checks the rule
//! in `rules::transition`, writes with a guarded update (so a concurrent change
//! cannot be overwritten), records a timeline event and queues its emails in
//! the same transaction.

use super::notify;
use super::rules;
use crate::roster::rules::{transition, Event};
use crate::roster::store::{
    already_enrolled, existing_active_enrolment, illegal, load_enrolment, load_request, record_event, record_events, set_status, status_of,
    Timeline,
};
use crate::auth::rules::Scope;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::entities::{
    enrolment, enrolment_event, enrolment_request, organisation, professional, programme, region, training_group,
    user,
};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::reference::lookup::{active_users, names, org_contacts, professionals_of};
use crate::state::AppState;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::enrolment::*;
use va_openapi::reference::OrganisationKind;
use va_openapi::*;

const MAX_PROFESSIONALS_PER_REQUEST: usize = 50;
pub(super) const MAX_TEXT: usize = 2000;


fn route_of(r: &enrolment_request::Model) -> Route {
    route_named(&r.route)
}

fn route_named(route: &str) -> Route {
    if route == "ambassador" {
        Route::Ambassador
    } else {
        Route::Bel
    }
}


/// What the caller may do with a request. Requests outside the caller's scope
/// are 404: their existence is not revealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Access {
    /// Edit, submit and withdraw as the organisation.
    pub(super) owner: bool,
    /// Approve, reject, return.
    pub(super) decide: bool,
    /// Allocate, move, waitlist, withdraw as BEL.
    pub(super) bel: bool,
}

pub(super) fn access(caller: &Caller, req: &enrolment_request::Model) -> AppResult<Access> {
    let route = route_of(req);
    match (caller.role, caller.scope) {
        (Role::BelCoordinator, _) => Ok(Access { owner: false, decide: route == Route::Bel, bel: true }),
        (Role::Ambassador, Scope::Region(r)) if route == Route::Ambassador && req.region_id == Some(r.0) => {
            Ok(Access { owner: false, decide: true, bel: false })
        }
        (Role::OrgContact, Scope::Organisation(o)) if req.organisation_id == o.0 => {
            Ok(Access { owner: true, decide: false, bel: false })
        }
        (Role::Trainer, _) => Err(AppError::Forbidden),
        _ => Err(AppError::NotFound),
    }
}







/// The organisation a request is filed for: the contact's own, or the one BEL
/// or an ambassador (of its region) names when filing on its behalf.
async fn filed_for(state: &AppState, caller: &Caller, named: Option<OrganisationId>) -> AppResult<(OrganisationId, bool)> {
    let (org, on_behalf) = match (caller.role, caller.organisation(), named) {
        (Role::OrgContact, Some(own), None) => (own, false),
        (Role::OrgContact, Some(own), Some(o)) if o == own => (own, false),
        (Role::OrgContact, _, _) => return Err(AppError::Forbidden),
        (Role::BelCoordinator | Role::Ambassador, _, Some(o)) => {
            crate::reference::service::organisation_for(&state.db, caller, o).await?;
            (o, true)
        }
        (Role::BelCoordinator | Role::Ambassador, _, None) => {
            return Err(AppError::field("organisation_id", "required", "the organisation the request is for"))
        }
        _ => return Err(AppError::Forbidden),
    };
    crate::reference::organisations::require_active(&state.db, org.0).await?;
    Ok((org, on_behalf))
}

/// An organisation contact creates a request for one or more professionals;
/// saved as draft or submitted at once. BEL and the region's ambassador may
/// file one on behalf of an organisation (recorded as such in the timeline).
pub async fn create_request(state: &AppState, caller: &Caller, input: NewEnrolmentRequest) -> AppResult<EnrolmentRequestView> {
    let (org_id, on_behalf) = filed_for(state, caller, input.organisation_id).await?;
    let base = state.settings.public_url.trim_end_matches('/').to_string();
    let mut errs = Errors::default();
    let preferred_period = errs.opt_text("preferred_period", input.preferred_period.as_deref(), MAX_NAME_LEN);
    let remarks = errs.opt_text("remarks", input.remarks.as_deref(), MAX_TEXT);
    if input.professionals.is_empty() {
        errs.add("professionals", "required", "name at least one professional");
    }
    if input.professionals.len() > MAX_PROFESSIONALS_PER_REQUEST {
        errs.add("professionals", "too_many", format!("at most {MAX_PROFESSIONALS_PER_REQUEST} professionals per request"));
    }
    let mut people = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, p) in input.professionals.iter().enumerate() {
        let name = errs.text(&format!("professionals[{i}].name"), &p.name, MAX_NAME_LEN);
        let email = errs.email(&format!("professionals[{i}].email"), &p.email);
        let function = errs.opt_text(&format!("professionals[{i}].function"), p.function.as_deref(), MAX_NAME_LEN);
        let remarks = errs.opt_text(&format!("professionals[{i}].remarks"), p.remarks.as_deref(), MAX_TEXT);
        if !email.is_empty() && !seen.insert(email.clone()) {
            errs.add(&format!("professionals[{i}].email"), "duplicate", "this professional is named twice");
        }
        people.push((name, email, function, p.works_on_ret_uhp, remarks));
    }
    // Reference data is read before the write, so that the writers' queue is
    // held for the writes alone.
    let db = &state.db;
    let prog = programme::Entity::find_by_id(input.programme_id.0).one(db).await?;
    if prog.is_none() {
        errs.add("programme_id", "unknown", "no such programme");
    }
    if let Some(r) = input.preferred_region_id {
        if region::Entity::find_by_id(r.0).one(db).await?.is_none() {
            errs.add("preferred_region_id", "unknown", "no such region");
        }
    }
    errs.finish()?;
    let prog = prog.ok_or(AppError::NotFound)?;
    let org = organisation::Entity::find_by_id(org_id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let kind = OrganisationKind::parse(&org.kind).unwrap_or(OrganisationKind::Other);
    let route = rules::route_for(kind, org.region_id.is_some());
    let region_id = if route == Route::Ambassador { org.region_id } else { None };
    let submit = input.submit;
    let deciders = if submit { deciders_for(db, route, region_id).await? } else { Vec::new() };
    let status = if submit { transition(EnrolmentStatus::Draft, Event::Submit).map_err(illegal)? } else { EnrolmentStatus::Draft };
    let caller = *caller;
    let preferred_region = input.preferred_region_id;
    let request_id = write_txn(state, move |txn| {
        Box::pin(async move {
            let now = Utc::now();
            let check = match route {
                Route::Ambassador if submit => Some(crate::readiness::service::check_for(txn, org_id.0, &prog).await?),
                _ => None,
            };
            let req = enrolment_request::ActiveModel {
                programme_id: Set(prog.id),
                organisation_id: Set(org_id.0),
                created_by: Set(caller.user_id.0),
                route: Set(match route {
                    Route::Ambassador => "ambassador".into(),
                    Route::Bel => "bel".into(),
                }),
                region_id: Set(region_id),
                preferred_period: Set(preferred_period),
                preferred_region_id: Set(preferred_region.map(|r| r.0)),
                remarks: Set(remarks),
                submitted_at: Set(submit.then_some(now)),
                readiness_check_id: Set(check),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            let req_id = enrolment_request::Entity::insert(req).exec(txn).await?.last_insert_id;
            let created = if on_behalf { "created_on_behalf" } else { "created" };
            let mut events = vec![Timeline::of_request(req_id, "enrolment", created).by(Some(caller.user_id))];
            let submitted = people.len();
            for (name, email, function, ret_uhp, remarks) in people {
                let prof_id = match professional::Entity::find().filter(professional::Column::Email.eq(email.clone())).one(txn).await? {
                    Some(p) if p.organisation_id == org_id.0 => {
                        if let Some(existing) = existing_active_enrolment(txn, prog.id, p.id, None).await? {
                            return Err(already_enrolled(&p.name, &existing));
                        }
                        p.id
                    }
                    Some(_) => {
                        return Err(AppError::conflict(
                            ErrorCode::AlreadyExists,
                            format!("{email} is registered with another organisation"),
                        ))
                    }
                    // A new professional has no enrolment anywhere yet.
                    None => {
                        let p = professional::ActiveModel {
                            organisation_id: Set(org_id.0),
                            name: Set(name),
                            email: Set(email),
                            function: Set(function.clone()),
                            created_at: Set(now),
                            ..Default::default()
                        };
                        professional::Entity::insert(p).exec(txn).await?.last_insert_id
                    }
                };
                let e = enrolment::ActiveModel {
                    request_id: Set(req_id),
                    programme_id: Set(prog.id),
                    professional_id: Set(prof_id),
                    function: Set(function),
                    ret_uhp: Set(ret_uhp),
                    remarks: Set(remarks),
                    status: Set(status.as_str().into()),
                    group_id: Set(None),
                    waitlist_position: Set(None),
                    last_reason: Set(None),
                    approved_at: Set(None),
                    priority_adjustment: Set(0),
                    priority_reason: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                };
                let enrolment_id = enrolment::Entity::insert(e).exec(txn).await?.last_insert_id;
                if submit {
                    // Filed and submitted at once: the timeline shows both steps.
                    events.push(Timeline::of_enrolment(req_id, enrolment_id, "enrolment", "submit", EnrolmentStatus::Draft, status).by(Some(caller.user_id)));
                }
            }
            record_events(txn, events).await?;
            tell_deciders(txn, &deciders, &org.name, submitted, route, &request_link(&base, req_id)).await?;
            Ok(req_id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    get_request(state, &caller, RequestId(request_id)).await
}

/// Submits every draft or returned enrolment of the request and tells the decider.
/// `base` is the planner's public address: the mail links to the request's page.
async fn submit_in(txn: &DatabaseTransaction, caller: &Caller, req: &enrolment_request::Model, base: &str) -> AppResult<()> {
    let enrolments =
        enrolment::Entity::find().filter(enrolment::Column::RequestId.eq(req.id)).order_by_asc(enrolment::Column::Id).all(txn).await?;
    let mut submitted = 0;
    for e in &enrolments {
        let from = status_of(e)?;
        if !matches!(from, EnrolmentStatus::Draft | EnrolmentStatus::Returned) {
            continue;
        }
        if let Some(existing) = existing_active_enrolment(txn, e.programme_id, e.professional_id, Some(e.id)).await? {
            let p = professional::Entity::find_by_id(e.professional_id).one(txn).await?;
            return Err(already_enrolled(&p.map(|p| p.name).unwrap_or_default(), &existing));
        }
        let to = transition(from, Event::Submit).map_err(illegal)?;
        set_status(txn, e, from, to, |q| q).await?;
        record_event(txn, Timeline::of(&e, "enrolment", "submit", from, to).by(Some(caller.user_id))).await?;
        submitted += 1;
    }
    if submitted == 0 {
        return Err(AppError::conflict(ErrorCode::InvalidTransition, "nothing to submit: no draft or returned professional"));
    }
    enrolment_request::Entity::update_many()
        .col_expr(enrolment_request::Column::SubmittedAt, Expr::value(Some(Utc::now())))
        .col_expr(enrolment_request::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(enrolment_request::Column::Id.eq(req.id))
        .exec(txn)
        .await?;
    if route_of(req) == Route::Ambassador {
        crate::readiness::service::attach_on_submit(txn, req).await?;
    }
    let org = organisation::Entity::find_by_id(req.organisation_id).one(txn).await?.ok_or(AppError::NotFound)?;
    tell_deciders(txn, &deciders(txn, req).await?, &org.name, submitted, route_of(req), &request_link(base, req.id)).await
}

/// Queues the mail that tells each decider `submitted` professionals of `org` await them.
async fn tell_deciders(txn: &DatabaseTransaction, deciders: &[user::Model], org: &str, submitted: usize, route: Route, link: &str) -> AppResult<()> {
    for to in deciders {
        email::enqueue(txn, notify::submitted(to, org, submitted, route, link)).await?;
    }
    Ok(())
}


/// The request's page in the planner, for mails about it.
fn request_link(base: &str, id: i64) -> String {
    format!("{base}/aanmeldingen/{id}")
}

/// Who decides: the region's ambassadors, or BEL.
pub(super) async fn deciders<C: ConnectionTrait>(db: &C, req: &enrolment_request::Model) -> AppResult<Vec<user::Model>> {
    deciders_for(db, route_of(req), req.region_id).await
}

async fn deciders_for<C: ConnectionTrait>(db: &C, route: Route, region_id: Option<i64>) -> AppResult<Vec<user::Model>> {
    Ok(match route {
        Route::Ambassador => active_users(Role::Ambassador).filter(user::Column::RegionId.eq(region_id)).all(db).await?,
        Route::Bel => active_users(Role::BelCoordinator).all(db).await?,
    })
}


pub async fn submit_request(state: &AppState, caller: &Caller, id: RequestId) -> AppResult<EnrolmentRequestView> {
    let c = *caller;
    let base = state.settings.public_url.trim_end_matches('/').to_string();
    write_txn(state, move |txn| {
        Box::pin(async move {
            let req = load_request(txn, id.0).await?;
            if !access(&c, &req)?.owner {
                return Err(AppError::Forbidden);
            }
            submit_in(txn, &c, &req, &base).await
        })
    })
    .await?;
    state.mail_notify.notify_one();
    get_request(state, caller, id).await
}

pub async fn edit_enrolment(state: &AppState, caller: &Caller, id: EnrolmentId, edit: EnrolmentEdit) -> AppResult<EnrolmentRequestView> {
    let mut errs = Errors::default();
    let function = errs.opt_text("function", edit.function.as_deref(), MAX_NAME_LEN);
    let remarks = errs.opt_text("remarks", edit.remarks.as_deref(), MAX_TEXT);
    let name = edit.name.as_deref().map(|n| errs.text("name", n, MAX_NAME_LEN));
    let email = edit.email.as_deref().map(|m| errs.email("email", m));
    errs.finish()?;
    let c = *caller;
    let request_id = write_txn(state, move |txn| {
        Box::pin(async move {
            let (e, req) = load_enrolment(txn, id.0).await?;
            if !access(&c, &req)?.owner {
                return Err(AppError::Forbidden);
            }
            let from = status_of(&e)?;
            if !matches!(from, EnrolmentStatus::Draft | EnrolmentStatus::Returned) {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, format!("an enrolment that is {} cannot be edited", from.as_str())));
            }
            // A returned enrolment may correct who it is about: the professional's name and address.
            if let Some(email) = &email {
                let taken = professional::Entity::find().filter(professional::Column::Email.eq(email.clone())).one(txn).await?;
                if taken.is_some_and(|p| p.id != e.professional_id) {
                    return Err(AppError::conflict(ErrorCode::AlreadyExists, format!("{email} belongs to another professional")));
                }
            }
            if name.is_some() || email.is_some() {
                let mut q = professional::Entity::update_many().filter(professional::Column::Id.eq(e.professional_id));
                if let Some(n) = name.clone() {
                    q = q.col_expr(professional::Column::Name, Expr::value(n));
                }
                if let Some(m) = email.clone() {
                    q = q.col_expr(professional::Column::Email, Expr::value(m));
                }
                q.exec(txn).await?;
            }
            set_status(txn, &e, from, from, |q| {
                q.col_expr(enrolment::Column::Function, Expr::value(function))
                    .col_expr(enrolment::Column::RetUhp, Expr::value(edit.works_on_ret_uhp))
                    .col_expr(enrolment::Column::Remarks, Expr::value(remarks))
            })
            .await?;
            record_event(txn, Timeline::of(&e, "enrolment", "edit", from, from).by(Some(c.user_id))).await?;
            Ok(req.id)
        })
    })
    .await?;
    get_request(state, caller, RequestId(request_id)).await
}

/// The ambassador (or BEL for GIs and care providers) decides about one professional.
pub async fn decide(state: &AppState, caller: &Caller, id: EnrolmentId, d: DecisionRequest) -> AppResult<EnrolmentRequestView> {
    let event = match d.decision {
        Decision::Approve => Event::Approve,
        Decision::Reject => Event::Reject,
        Decision::Return => Event::Return,
    };
    let mut errs = Errors::default();
    let reason = errs.opt_text("reason", d.reason.as_deref(), MAX_TEXT);
    if rules::reason_required(event) && reason.is_none() {
        errs.add("reason", "required", "a reason is required to reject or return");
    }
    errs.finish()?;
    let c = *caller;
    let base = state.settings.public_url.trim_end_matches('/').to_string();
    let request_id = write_txn(state, move |txn| {
        Box::pin(async move {
            let (e, req) = load_enrolment(txn, id.0).await?;
            if !access(&c, &req)?.decide {
                return Err(AppError::Forbidden);
            }
            let from = status_of(&e)?;
            let to = transition(from, event).map_err(illegal)?;
            let now = Utc::now();
            let reason2 = reason.clone();
            set_status(txn, &e, from, to, |q| {
                let q = q.col_expr(enrolment::Column::LastReason, Expr::value(reason2));
                if event == Event::Approve {
                    q.col_expr(enrolment::Column::ApprovedAt, Expr::value(Some(now)))
                } else {
                    q
                }
            })
            .await?;
            record_event(txn, Timeline::of(&e, "enrolment", event.as_str(), from, to).by(Some(c.user_id)).reason(reason.clone())).await?;
            let prof = professional::Entity::find_by_id(e.professional_id).one(txn).await?.ok_or(AppError::NotFound)?;
            for contact in org_contacts(txn, req.organisation_id).await? {
                email::enqueue(txn, notify::decided(&contact, &prof.name, d.decision, reason.as_deref(), &request_link(&base, req.id))).await?;
            }
            Ok(req.id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    if event == Event::Approve {
        // The list grew: an extra-group proposal may be due. The decision stands either way.
        if let Err(e) = crate::waitlist::proposals::refresh(state).await {
            tracing::error!(error = %e, "extra-group proposals after an approval");
        }
    }
    get_request(state, caller, RequestId(request_id)).await
}



pub async fn get_request(state: &AppState, caller: &Caller, id: RequestId) -> AppResult<EnrolmentRequestView> {
    let db = &state.db;
    let req = load_request(db, id.0).await?;
    access(caller, &req)?;
    // Only the rows the page names: its organisation, region and the groups of its people.
    let organisation = organisation::Entity::find_by_id(req.organisation_id).one(db).await?.map(|o| o.name).unwrap_or_default();
    let region = match req.region_id {
        Some(id) => Some(NamedRef { id: RegionId(id), name: region::Entity::find_by_id(id).one(db).await?.map(|r| r.name).unwrap_or_default() }),
        None => None,
    };
    let enrolments =
        enrolment::Entity::find().filter(enrolment::Column::RequestId.eq(req.id)).order_by_asc(enrolment::Column::Id).all(db).await?;
    let profs = professionals_of(db, &enrolments).await?;
    let group_ids: Vec<i64> = enrolments.iter().filter_map(|e| e.group_id).collect();
    let groups: HashMap<i64, String> = if group_ids.is_empty() {
        HashMap::new()
    } else {
        training_group::Entity::find()
            .select_only()
            .columns([training_group::Column::Id, training_group::Column::Name])
            .filter(training_group::Column::Id.is_in(group_ids))
            .into_tuple()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    // Positions cost the whole list: read only when one of these is on it.
    let positions = if enrolments.iter().any(|e| crate::waitlist::service::on_list(&e.status)) {
        crate::waitlist::service::positions(db, req.programme_id).await?
    } else {
        HashMap::new()
    };
    let windows = crate::waitlist::offers::open_holds(db, crate::waitlist::offers::SUBSTITUTION, enrolments.iter().map(|e| e.id)).await?;
    let mut views = Vec::new();
    let mut statuses = Vec::new();
    for e in &enrolments {
        let status = status_of(e)?;
        statuses.push(status);
        let p = profs.get(&e.professional_id);
        views.push(EnrolmentView {
            id: EnrolmentId(e.id),
            request_id: RequestId(req.id),
            professional: NamedRef { id: ProfessionalId(e.professional_id), name: p.map(|p| p.name.clone()).unwrap_or_default() },
            professional_email: p.map(|p| p.email.clone()).unwrap_or_default(),
            function: e.function.clone(),
            works_on_ret_uhp: e.ret_uhp,
            remarks: e.remarks.clone(),
            status,
            group: e.group_id.map(|g| NamedRef { id: GroupId(g), name: groups.get(&g).cloned().unwrap_or_default() }),
            waitlist_position: positions.get(&e.id).copied(),
            last_reason: e.last_reason.clone(),
            substitution: windows.get(&e.id).map(|h| SubstitutionWindow { id: SubstitutionId(h.id), until: h.deadline }),
        });
    }
    let events = enrolment_event::Entity::find()
        .filter(enrolment_event::Column::RequestId.eq(req.id))
        .order_by_asc(enrolment_event::Column::Id)
        .all(db)
        .await?;
    let actor_ids: Vec<i64> = events.iter().filter_map(|e| e.actor_id).collect();
    let actors: HashMap<i64, String> =
        user::Entity::find().filter(user::Column::Id.is_in(actor_ids)).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let prof_of: HashMap<i64, String> =
        views.iter().map(|v| (v.id.0, v.professional.name.clone())).collect();
    let timeline = events
        .into_iter()
        .map(|ev| TimelineEntry {
            at: ev.at,
            actor: ev.actor_id.and_then(|a| actors.get(&a).cloned()),
            action: ev.action,
            enrolment_id: ev.enrolment_id.map(EnrolmentId),
            professional: ev.enrolment_id.and_then(|e| prof_of.get(&e).cloned()),
            from_status: ev.from_status.as_deref().and_then(EnrolmentStatus::parse),
            to_status: ev.to_status.as_deref().and_then(EnrolmentStatus::parse),
            reason: ev.reason,
        })
        .collect();
    Ok(EnrolmentRequestView {
        id: RequestId(req.id),
        programme_id: ProgrammeId(req.programme_id),
        organisation: NamedRef { id: OrganisationId(req.organisation_id), name: organisation },
        route: route_of(&req),
        region,
        status: rules::request_status(&statuses),
        preferred_period: req.preferred_period,
        preferred_region_id: req.preferred_region_id.map(RegionId),
        remarks: req.remarks,
        submitted_at: req.submitted_at,
        created_at: req.created_at,
        readiness_check: crate::readiness::service::link_of(db, req.readiness_check_id).await?,
        enrolments: views,
        timeline,
    })
}

/// Requests in the caller's scope, newest first. `only_pending`: those with a
/// professional awaiting the caller's decision (the inbox).
pub async fn list_requests(state: &AppState, caller: &Caller, only_pending: bool) -> AppResult<Vec<RequestSummary>> {
    let db = &state.db;
    let mut q = enrolment_request::Entity::find().order_by_desc(enrolment_request::Column::Id);
    match (caller.role, caller.scope) {
        (Role::BelCoordinator, _) => {
            if only_pending {
                q = q.filter(enrolment_request::Column::Route.eq("bel"));
            }
        }
        (Role::Ambassador, Scope::Region(r)) => {
            q = q.filter(enrolment_request::Column::Route.eq("ambassador")).filter(enrolment_request::Column::RegionId.eq(r.0));
        }
        (Role::OrgContact, Scope::Organisation(o)) => q = q.filter(enrolment_request::Column::OrganisationId.eq(o.0)),
        _ => return Err(AppError::Forbidden),
    }
    // Only the columns the summary shows: a list of thousands decodes a few values per row.
    type Row = (i64, i64, String, Option<i64>, Option<chrono::DateTime<Utc>>, chrono::DateTime<Utc>);
    use enrolment_request::Column as R;
    let in_scope = q.clone().select_only().column(R::Id).into_query();
    let reqs: Vec<Row> =
        q.select_only().columns([R::Id, R::OrganisationId, R::Route, R::RegionId, R::SubmittedAt, R::CreatedAt]).into_tuple().all(db).await?;
    let mut by_req: HashMap<i64, Vec<EnrolmentStatus>> = HashMap::new();
    let statuses: Vec<(i64, String)> = enrolment::Entity::find()
        .select_only()
        .columns([enrolment::Column::RequestId, enrolment::Column::Status])
        .filter(enrolment::Column::RequestId.in_subquery(in_scope))
        .into_tuple()
        .all(db)
        .await?;
    for (request_id, status) in statuses {
        by_req.entry(request_id).or_default().push(crate::roster::store::status_named(&status)?);
    }
    let n = names(db).await?;
    let mut out = Vec::new();
    for (id, organisation_id, route, region_id, submitted_at, created_at) in reqs {
        let statuses = by_req.remove(&id).unwrap_or_default();
        let pending = statuses.iter().filter(|s| **s == EnrolmentStatus::Submitted).count() as i64;
        if only_pending && pending == 0 {
            continue;
        }
        out.push(RequestSummary {
            id: RequestId(id),
            organisation: n.org(organisation_id),
            route: route_named(&route),
            region: n.region(region_id),
            status: rules::request_status(&statuses),
            submitted_at,
            created_at,
            professionals: statuses.len() as i64,
            pending,
        });
    }
    Ok(out)
}
