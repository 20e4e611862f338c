//! Tests that call the exports as a C program would. They live inside the crate because the
//! library is built only as cdylib and staticlib: an rlib named `alipay_notify` would collide
//! with the core's (cargo warns "output filename collision", rust-lang/cargo#6313).

mod aes;
mod by_name;
mod fixture;
mod null;
mod null_cases;
mod option_errors;
