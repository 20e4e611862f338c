//! The `alipay-notify` command: verify, sign and simulate Alipay notifications.
//!
//! Exit codes: 0 verified (or done), 1 rejected (signature, input or business check),
//! 2 usage or configuration error.

mod args;
mod cert_sn;
mod diagnose;
mod keygen;
mod sign;
mod simulate;
mod verifier_args;
mod verify;
mod verify_response;

use alipay_notify::{Category, Error};
use clap::Parser;
use std::process::ExitCode;

/// Verify Alipay (支付宝) notifications from the command line.
#[derive(Parser)]
#[command(
    name = "alipay-notify",
    version,
    about = "Verify, sign and simulate Alipay (支付宝) notify_url and return_url messages; verify API responses",
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
