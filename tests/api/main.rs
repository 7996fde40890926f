//! API tests against the real server, each on SQLite and (when configured) PostgreSQL.

mod auth;
mod email;
mod health;
mod input;
mod openapi;
mod scope;
