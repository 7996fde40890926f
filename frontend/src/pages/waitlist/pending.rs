//! What waits for BEL, on the start page: people without a seat, extra-group
//! proposals to decide, offers and substitution windows running, each with
//! its count (the same figures as the waiting-list board) and a link.

use super::*;
use crate::components::loaded::{load, loaded};
use crate::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn BelPending() -> impl IntoView {
    let data = load(None, move || async move { api_board().await });
    view! {
        <section class="va-section" data-testid="pending-work">
            <h2 class="utrecht-heading-2">{t!("pending.title")}</h2>
            {loaded(data, move |b: WaitlistBoard| {
                let items: Vec<(usize, Key, &'static str)> = vec![
                    ((b.proposals.iter().filter(|p| p.status == ProposalStatus::Open).count()), k!("pending.proposals"), "/bel/wachtlijst"),
                    (b.entries.len(), k!("pending.waiting"), "/bel/plaatsing"),
                    ((b.offers.iter().filter(|o| o.status == OfferStatus::Open).count()), k!("pending.offers"), "/bel/wachtlijst"),
                    ((b.substitutions.iter().filter(|s| s.status == SubstitutionStatus::Open).count()), k!("pending.substitutions"), "/bel/wachtlijst"),
                ];
                let open: Vec<(usize, Key, &'static str)> = items.into_iter().filter(|(n, _, _)| *n > 0).collect();
                if open.is_empty() {
                    view! { <p class="utrecht-paragraph va-empty">{t!("pending.none")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="utrecht-unordered-list">
                            {open.into_iter().map(|(n, key, href)| view! {
                                <li class="utrecht-unordered-list__item" data-testid="pending-item">
                                    <A href=href attr:class="utrecht-link"><strong>{n}</strong>" "{tr(key)}</A>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </section>
    }
}

async fn api_board() -> Result<WaitlistBoard, ApiError> {
    let p = first_programme().await?;
    crate::api::waitlist_board(p).await
}
