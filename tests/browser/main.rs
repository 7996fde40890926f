//! Browser tests: headless Chromium against the real server and the built SPA.

fn main() {}
