// Starts the SPA: a file of its own, so the Content-Security-Policy needs no inline script.
import init from "/pkg/va_frontend.js";
init({ module_or_path: "/pkg/va_frontend_bg.wasm" });
