//! The sandbox over real HTTP on 127.0.0.1: a sandbox on port 0 in each test, a tiny merchant
//! server that receives its notifications and answers what the test chose, and a compressed
//! retry schedule (a large time scale).

#[path = "sandbox/common.rs"]
mod common;
#[path = "sandbox/drop_notify.rs"]
mod drop_notify;
#[path = "sandbox/faults.rs"]
mod faults;
#[path = "sandbox/gateway.rs"]
mod gateway;
#[path = "sandbox/notify.rs"]
mod notify;
#[path = "sandbox/openapi.rs"]
mod openapi;
