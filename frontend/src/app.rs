//! Root component: language and session contexts, layout and routes.

use crate::components::layout::Layout;
use crate::i18n::Lang;
use crate::pages::admin::{AdminPage, GroupPlanPage, OrganisationsPage};
use crate::pages::mail::MailPage;
use crate::pages::followup::{CertificatePage, EvaluationPage, FeedbackPage, FollowupPage, SessionPage};
use crate::pages::monitoring::{ImportPage, MonitoringPage, ReportPage};
use crate::pages::planner::PlannerPage;
use crate::pages::survey::{SurveyFormPage, SurveyPage};
use crate::pages::training::GroupDeliveryPage;
use crate::pages::waitlist::{OfferPage, WaitlistBoardPage};
use crate::pages::{auth::*, enrolment::*, readiness::{CheckPage, OverviewPage, TemplatePage}, start::*, users::UsersPage, NotFound};
use crate::session::{self, Session};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Language, session and notices, for either root below.
fn provide_contexts() {
    let lang = RwSignal::new(session::load_lang());
    let sess: RwSignal<Option<Session>> = RwSignal::new(session::load());
    provide_context(lang);
    provide_context(sess);
    session::register(sess);
    crate::components::notice::provide();
    Effect::new(move |_| {
        let l: Lang = lang.get();
        session::save_lang(l);
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = el.set_attribute("lang", l.code());
        }
    });
}

#[component]
pub fn App() -> impl IntoView {
    provide_contexts();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/inloggen") view=Login/>
                    <Route path=path!("/wachtwoord-vergeten") view=ForgotPassword/>
                    <Route path=path!("/wachtwoord-instellen") view=SetPassword/>
                    <Route path=path!("/bel") view=BelStart/>
                    <Route path=path!("/bel/gebruikers") view=UsersPage/>
                    <Route path=path!("/bel/berichten") view=MailPage/>
                    <Route path=path!("/bel/beheer") view=AdminPage/>
                    <Route path=path!("/bel/organisaties") view=OrganisationsPage/>
                    <Route path=path!("/bel/beheer/groepen/:id") view=GroupPlanPage/>
                    <Route path=path!("/bel/plaatsing") view=SeatBoardPage/>
                    <Route path=path!("/bel/wachtlijst") view=WaitlistBoardPage/>
                    <Route path=path!("/aanbod") view=OfferPage/>
                    <Route path=path!("/bel/groepen/:id") view=GroupPage/>
                    <Route path=path!("/organisatie/aanmelden") view=NewRequestPage/>
                    <Route path=path!("/aanmeldingen/:id") view=RequestPage/>
                    <Route path=path!("/readiness") view=OverviewPage/>
                    <Route path=path!("/bel/vragenlijst") view=TemplatePage/>
                    <Route path=path!("/readiness/:id") view=CheckPage/>
                    <Route path=path!("/ambassadeur") view=AmbassadorStart/>
                    <Route path=path!("/organisatie") view=OrgStart/>
                    <Route path=path!("/trainer") view=TrainerStart/>
                    <Route path=path!("/trainer/groepen/:id") view=GroupDeliveryPage/>
                    <Route path=path!("/terugkoppeling/:id") view=FeedbackPage/>
                    <Route path=path!("/evaluatie") view=EvaluationPage/>
                    <Route path=path!("/nazorg") view=FollowupPage/>
                    <Route path=path!("/bel/nazorg") view=FollowupPage/>
                    <Route path=path!("/nazorg/sessies/:id") view=SessionPage/>
                    <Route path=path!("/certificaat/:id") view=CertificatePage/>
                    <Route path=path!("/monitoring") view=MonitoringPage/>
                    <Route path=path!("/monitoring/rapport") view=ReportPage/>
                    <Route path=path!("/monitoring/import") view=ImportPage/>
                    <Route path=path!("/monitoring/uitvraag") view=SurveyPage/>
                    <Route path=path!("/monitoring/uitvraag/:round/:org") view=SurveyFormPage/>
                    <Route path=path!("/bel/planner") view=PlannerPage/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// The root of the login bundle (feature `entry-login`): the pages someone
/// without a session sees, a fraction of the whole app's download. The server
/// sends it for those pages only; any other page is loaded in full.
#[cfg(feature = "entry-login")]
#[component]
pub fn LoginApp() -> impl IntoView {
    provide_contexts();
    view! {
        <Router>
            <Layout>
                <Routes fallback=WholeApp>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/inloggen") view=Login/>
                    <Route path=path!("/wachtwoord-vergeten") view=ForgotPassword/>
                    <Route path=path!("/wachtwoord-instellen") view=SetPassword/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Any page beyond the login pages (after logging in, say): loaded as a page,
/// which the server answers with the whole app.
#[cfg(feature = "entry-login")]
#[component]
fn WholeApp() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        let target = format!("{}{}", location.pathname.get(), location.search.get());
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(&target);
        }
    });
    view! { <p class="utrecht-paragraph" role="status">{t!("loading")}</p> }
}
