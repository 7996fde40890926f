//! The one "load, show, reload" block of every page: a resource loaded from
//! the API (again whenever a reload signal changes), `Loading` until it is
//! there, the translated error when it fails, otherwise the page's view of it.

use super::common::{LoadError, Loading};
use crate::api::ApiError;
use leptos::prelude::*;
use std::future::Future;

pub type Data<T> = LocalResource<Result<T, ApiError>>;

/// Loads with `fetch`, and again each time `reload` changes (after an action).
pub fn load<T, Fut>(reload: Option<RwSignal<u32>>, fetch: impl Fn() -> Fut + 'static) -> Data<T>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    LocalResource::new(move || {
        if let Some(r) = reload {
            r.track();
        }
        fetch()
    })
}

/// `Loading` until the data is there, its error when loading failed, otherwise
/// `show(value)`. While it loads again the old view stays (a transition), so a
/// reload after an action neither flickers nor loses the reader's place.
pub fn loaded<T, V>(data: Data<T>, show: impl Fn(T) -> V + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoAny + 'static,
{
    view! {
        <Transition fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok(v) => show(v).into_any(),
            })}
        </Transition>
    }
}
