//! OpenAPI methods on /gateway.do, answered with a signed JSON response shaped as Alipay's.

use crate::App;
use crate::request::GatewayRequest;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub(crate) fn answer(_app: &App, _request: &GatewayRequest, method: &str) -> Response {
    let node = json!({
        "code": "40002",
        "msg": "Invalid Arguments",
        "sub_code": "isv.invalid-method",
        "sub_msg": format!("不存在的方法名 · the sandbox does not implement {method:?}"),
    });
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        json!({ "error_response": node }).to_string(),
    )
        .into_response()
}
