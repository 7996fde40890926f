//! Monitoring screens: the dashboard with its charts (SVG drawn here, no
//! external scripts), organisations per region, the budget, BEL's snapshots
//! compared, the printable report, exports and the import of professionals
//! trained before the programme.

mod dashboard;
mod charts;
mod snapshots;
mod import;

pub use dashboard::*;
pub use charts::*;
pub use snapshots::*;
pub use import::*;

use crate::components::format::dec;
use va_openapi::monitoring::*;

pub(super) fn hours(v: Option<f64>) -> String {
    v.map(dec).unwrap_or_else(|| "–".into())
}

pub fn region_name(r: &RegionFigures) -> String {
    region_label(r.region.as_ref())
}

pub(super) fn region_key(r: &RegionFigures) -> String {
    r.region.as_ref().map(|x| x.id.to_string()).unwrap_or_else(|| "boven".into())
}
