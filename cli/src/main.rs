//! The `alipay-notify` command: verify, sign and simulate Alipay notifications.
//!
//! Exit codes: 0 verified (or done), 1 rejected (signature, input or business check),
//! 2 usage or configuration error.

mod aes;
mod app_result;
mod args;
mod cert_sn;
mod diagnose;
mod gateway_post;
mod keygen;
// Reconciliation (主动查询), issue 13.
mod query;
// Alipay on 127.0.0.1 (issue 12).
mod sandbox;
mod sign;
mod simulate;
mod simulate_send;
mod verifier_args;
mod verify;
mod verify_response;
// OpenAPI v3 (issue 11, family A).
mod v3;

use alipay_notify::{Category, Error};
use clap::Parser;
use std::process::ExitCode;

/// Verify Alipay (支付宝) notifications from the command line.
#[derive(Parser)]
#[command(
    name = "alipay-notify",
    version,
    about = "Verify, sign and simulate Alipay (支付宝) notify_url and return_url messages; verify API responses (v2 and v3); sign v3 requests",
    after_help = "Exit codes: 0 verified, 1 rejected (signature, input or business check), \
                  2 usage or configuration error.\n\
                  Run `alipay-notify <command> --help` for each command's options and examples."
)]
enum Command {
    Verify(verify::VerifyArgs),
    VerifyResponse(verify_response::VerifyResponseArgs),
    CertSn(cert_sn::CertSnArgs),
    Diagnose(diagnose::DiagnoseArgs),
    Sign(sign::SignArgs),
    Simulate(simulate::SimulateArgs),
    Keygen(keygen::KeygenArgs),
    VerifyV3(v3::VerifyV3Args),
    SignV3(v3::SignV3Args),
    // AES-encrypted content (encrypt_type=AES).
    Decrypt(aes::DecryptArgs),
    VerifyOpenData(aes::VerifyOpenDataArgs),
    VerifyAppResult(app_result::AppResultArgs),
    Sandbox(sandbox::SandboxArgs),
    Query(query::QueryArgs),
}

/// True when clap would echo an unexpected argument that may be a piece of a key: a key pasted
/// without quotes is split by the shell, and its second line lands here. A mistyped flag
/// (`--kye`) is still echoed, with clap's suggestion.
fn stray_key_text(err: &clap::Error) -> bool {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let Some(ContextValue::String(arg)) = err.get(ContextKind::InvalidArg) else {
        return false;
    };
    let flag = arg.len() < 40
        && arg
            .strip_prefix("--")
            .is_some_and(|name| name.starts_with(|c: char| c.is_ascii_alphanumeric()))
        && !arg.contains(|c: char| c == '=' || c.is_whitespace());
    err.kind() == ErrorKind::UnknownArgument && !flag && arg.chars().count() >= 16
}

/// Why a command failed, and so which exit code it gets.
pub enum Failure {
    /// The message was rejected: exit 1.
    Rejected(Error),
    /// The configuration or the command line is wrong: exit 2.
    Config(String),
    /// The command already printed its result; exit with this code.
    Quiet(u8),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Failure {
        match err.kind().category() {
            Category::Operator | Category::Library => Failure::Config(err.to_string()),
            Category::Sender | Category::Business => Failure::Rejected(err),
        }
    }
}

fn main() -> ExitCode {
    let command = match Command::try_parse() {
        Ok(command) => command,
        Err(err) if stray_key_text(&err) => {
            eprintln!(
                "error: unexpected argument (not shown: it may be part of a key); quote key text \
                 given on the command line, or give the key's file\n\nFor more information, try \
                 '--help'."
            );
            return ExitCode::from(2);
        }
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match command {
        Command::Verify(args) => verify::run(args),
        Command::VerifyResponse(args) => verify_response::run(args),
        Command::CertSn(args) => cert_sn::run(args),
        Command::Diagnose(args) => diagnose::run(args),
        Command::Sign(args) => sign::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Keygen(args) => keygen::run(args),
        Command::VerifyV3(args) => v3::run_verify(args),
        Command::SignV3(args) => v3::run_sign(args),
        Command::Decrypt(args) => aes::run_decrypt(args),
        Command::VerifyOpenData(args) => aes::run_verify_open_data(args),
        Command::VerifyAppResult(args) => app_result::run(args),
        Command::Sandbox(args) => sandbox::run(args),
        Command::Query(args) => query::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Rejected(err)) => {
            eprintln!("{}: {}", err.name(), err.message());
            ExitCode::from(1)
        }
        Err(Failure::Config(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(Failure::Quiet(code)) => ExitCode::from(code),
    }
}
