//! The problem responses most operations share, as `IntoResponses` sets for
//! `#[utoipa::path(responses(...))]`: `(status = 200, body = X), Input,
//! AuthedFound`. A status with a description of its own (409 with its codes,
//! a 403 that says who) stays a tuple beside them.

use std::collections::BTreeMap;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

fn problem() -> RefOr<Response> {
    ResponseBuilder::new()
        .description("")
        .content("application/problem+json", ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build())
        .build()
        .into()
}

macro_rules! problem_set {
    ($($(#[$doc:meta])* $name:ident: $($status:literal),+;)+) => {$(
        $(#[$doc])*
        pub struct $name;

        impl utoipa::IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                [$(($status.to_string(), problem())),+].into_iter().collect()
            }
        }
    )+};
}

problem_set! {
    /// 400 malformed body or parameter, 422 a field broke a rule.
    Input: "400", "422";
    /// 401 not logged in, 403 the role may not.
    Authed: "401", "403";
    /// 401, 403, and 404 for what does not exist or is outside the caller's scope.
    AuthedFound: "401", "403", "404";
    /// 400 malformed body or parameter.
    BadRequest: "400";
    /// 401 not logged in.
    Unauthorized: "401";
    /// 404 does not exist or is outside the caller's scope.
    NotFound: "404";
    /// 422 a field broke a rule.
    Unprocessable: "422";
}

fn described(text: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(text)
        .content("application/problem+json", ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build())
        .build()
        .into()
}

/// What the edge answers before any handler, documented once here instead of
/// in each operation: 400 for a number in the path or query that is none or
/// out of range (the path and query readers), 413 for a body over the limit,
/// 503 for a change the database cannot take (a full or read-only disk).
pub fn document_edge_errors(api: &mut utoipa::openapi::OpenApi) {
    for item in api.paths.paths.values_mut() {
        let ops = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for op in ops.into_iter().flatten() {
            let numeric = op.parameters.iter().flatten().any(|p| serde_json::to_string(&p.schema).is_ok_and(|s| s.contains("integer")));
            if numeric {
                op.responses.responses.entry("400".into()).or_insert_with(|| described("A number in the path or query that is not one or out of range"));
            }
            if op.request_body.is_some() {
                op.responses.responses.entry("413".into()).or_insert_with(|| described("`payload_too_large`: the body is over 256 KiB"));
            }
        }
        for op in [&mut item.put, &mut item.post, &mut item.delete, &mut item.patch].into_iter().flatten() {
            op.responses.responses.entry("503".into()).or_insert_with(|| described("`unavailable`: the database takes no write now (full or read-only disk); nothing was changed"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::IntoResponses;

    #[test]
    fn sets_hold_their_statuses_as_problem_documents() {
        let r = AuthedFound::responses();
        assert_eq!(r.keys().map(String::as_str).collect::<Vec<_>>(), ["401", "403", "404"]);
        let json = serde_json::to_value(&r["404"]).expect("json");
        assert_eq!(json["content"]["application/problem+json"]["schema"]["$ref"], "#/components/schemas/Problem");
        assert_eq!(Input::responses().len(), 2);
    }
}
