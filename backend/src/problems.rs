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
