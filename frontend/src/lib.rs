//! The SPA of the VA training planner (Leptos, client-side rendered).

// First, so that its `k!` and `t!` macros are in scope everywhere below.
#[macro_use]
pub mod i18n;
pub mod api;
pub mod app;
pub mod bundle;
pub mod components;
pub mod pages;
pub mod session;

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
