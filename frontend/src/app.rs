//! Root component: language and session contexts, layout and routes. The
//! build makes four bundles of this crate (see `crate::bundle`): the whole
//! app, the login pages, the trainer's pages, and those of ambassadors and
//! organisation contacts. Every page is listed once below, with the bundles
//! besides the whole app that carry it.

// A role's bundle compiles only some of the pages imported below.
#![cfg_attr(any(feature = "entry-login", feature = "entry-trainer", feature = "entry-partner"), allow(unused_imports))]

use crate::components::layout::Layout;
use crate::i18n::Lang;
use crate::pages::admin::{AdminPage, GroupPlanPage, OrganisationsPage};
use crate::pages::agenda::AgendaPage;
use crate::pages::budget::{BudgetPage, QuestionsPage};
use crate::pages::learning::{link::LearningLinkPage, needs::NeedsPage, session::LearningSessionPage, LearningPage};
use crate::pages::mail::MailPage;
use crate::pages::meetings::{meeting::MeetingPage, MeetingsPage};
use crate::pages::followup::{CertificatePage, EvaluationPage, FeedbackPage, FollowupPage, SessionPage};
use crate::pages::monitoring::{ImportPage, MonitoringPage, ReportPage};
use crate::pages::planner::PlannerPage;
use crate::pages::privacy::{audit::AuditPage, people::PeoplePage, person::PersonPage, PrivacyPage, RetentionPage};
use crate::pages::survey::{SurveyFormPage, SurveyPage};
use crate::pages::training::GroupDeliveryPage;
use crate::pages::waitlist::{OfferPage, WaitlistBoardPage};
use crate::pages::{auth::*, enrolment::*, readiness::{CheckPage, OverviewPage, TemplatePage}, start::*, users::UsersPage};
use crate::session::{self, Session};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Language, session and notices.
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

/// The root: the contexts, the layout and the routes. A page is compiled into
/// the whole app and into the bundles named after `in`; elsewhere its route
/// leads to `bundle::NotInBundle`, which costs a few bytes.
macro_rules! app {
    ($($path:tt => $view:ident $(in $($feature:literal),+)?;)*) => {
        #[component]
        pub fn App() -> impl IntoView {
            provide_contexts();
            crate::bundle::provide();
            view! {
                <Router>
                    <Layout>
                        <Routes fallback=crate::bundle::Unknown>
                            $(<Route path=path!($path) view={
                                #[cfg(any(not(any(feature = "entry-login", feature = "entry-trainer", feature = "entry-partner")) $($(, feature = $feature)+)?))]
                                let page = $view;
                                #[cfg(not(any(not(any(feature = "entry-login", feature = "entry-trainer", feature = "entry-partner")) $($(, feature = $feature)+)?)))]
                                let page = crate::bundle::NotInBundle;
                                page
                            }/>)*
                        </Routes>
                    </Layout>
                </Router>
            }
        }
    };
}

app! {
    // Without a session: logging in, a password, answering an offer or an
    // evaluation or a learning session from a mail, the privacy statement.
    "/" => Home in "entry-login", "entry-trainer", "entry-partner";
    "/inloggen" => Login in "entry-login", "entry-trainer", "entry-partner";
    "/wachtwoord-vergeten" => ForgotPassword in "entry-login", "entry-trainer", "entry-partner";
    "/wachtwoord-instellen" => SetPassword in "entry-login", "entry-trainer", "entry-partner";
    "/aanbod" => OfferPage in "entry-login", "entry-trainer", "entry-partner";
    "/evaluatie" => EvaluationPage in "entry-login", "entry-trainer", "entry-partner";
    "/leersessie" => LearningLinkPage in "entry-login", "entry-trainer", "entry-partner";
    "/privacy" => PrivacyPage in "entry-login", "entry-trainer", "entry-partner";
    // BEL's own pages.
    "/bel" => BelStart;
    "/bel/gebruikers" => UsersPage;
    "/bel/berichten" => MailPage;
    "/bel/beheer" => AdminPage;
    "/bel/organisaties" => OrganisationsPage;
    "/bel/beheer/groepen/:id" => GroupPlanPage;
    "/bel/plaatsing" => SeatBoardPage;
    "/bel/wachtlijst" => WaitlistBoardPage;
    "/bel/groepen/:id" => GroupPage;
    "/bel/vragenlijst" => TemplatePage;
    "/bel/nazorg" => FollowupPage;
    "/bel/planner" => PlannerPage;
    "/bel/privacy" => RetentionPage;
    "/bel/personen" => PeoplePage;
    "/bel/personen/:id" => PersonPage;
    "/bel/logboek" => AuditPage;
    "/bel/begroting" => BudgetPage;
    "/monitoring/import" => ImportPage;
    // Ambassadors and organisation contacts (BEL too).
    "/ambassadeur" => AmbassadorStart in "entry-partner";
    "/organisatie" => OrgStart in "entry-partner";
    "/organisatie/aanmelden" => NewRequestPage in "entry-partner";
    "/aanmeldingen/:id" => RequestPage in "entry-partner";
    "/readiness" => OverviewPage in "entry-partner";
    "/readiness/:id" => CheckPage in "entry-partner";
    "/monitoring" => MonitoringPage in "entry-partner";
    "/monitoring/rapport" => ReportPage in "entry-partner";
    "/monitoring/overleg" => MeetingsPage in "entry-partner";
    "/monitoring/overleg/:id" => MeetingPage in "entry-partner";
    "/leernetwerk" => LearningPage in "entry-partner";
    "/leernetwerk/behoeften" => NeedsPage in "entry-partner";
    "/leernetwerk/:id" => LearningSessionPage in "entry-partner";
    "/leervragen" => QuestionsPage in "entry-partner";
    "/monitoring/uitvraag" => SurveyPage in "entry-partner";
    "/monitoring/uitvraag/:round/:org" => SurveyFormPage in "entry-partner";
    // Trainers (BEL too).
    "/trainer" => TrainerStart in "entry-trainer";
    "/trainer/groepen/:id" => GroupDeliveryPage in "entry-trainer";
    // Follow-up after the training: every role.
    "/terugkoppeling/:id" => FeedbackPage in "entry-trainer", "entry-partner";
    "/nazorg" => FollowupPage in "entry-trainer", "entry-partner";
    "/nazorg/sessies/:id" => SessionPage in "entry-trainer", "entry-partner";
    "/certificaat/:id" => CertificatePage in "entry-trainer", "entry-partner";
    "/agenda" => AgendaPage in "entry-trainer", "entry-partner";
}
