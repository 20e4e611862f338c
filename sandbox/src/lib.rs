//! Alipay on 127.0.0.1: a local stand-in for Alipay's gateway that shows a checkout page, pays,
//! redirects to return_url, and POSTs signed notifications to notify_url, retrying on Alipay's
//! schedule until the merchant answers exactly `success`.
//!
//! Everything it signs and verifies goes through the `alipay-notify` core; this crate only
//! speaks HTTP and keeps state (SQLite, in the data directory).
#![forbid(unsafe_code)]

mod api;
mod banner;
mod checkout;
mod clock;
mod dashboard;
mod delivery;
mod gateway;
mod html;
mod ids;
mod keys;
mod messages;
mod openapi;
mod pay;
mod refund_query;
mod request;
mod send;
mod store;
mod trade_close;
mod verdict;

pub use delivery::{MAX_ATTEMPTS, SCHEDULE};
pub use pay::{Faults, NotifyTiming};
pub use send::{Attempt, send_notify_blocking};
pub use verdict::{Verdict, classify};

use alipay_notify::{Rule, SignType, Verifier};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How to run the sandbox.
#[derive(Clone, Debug)]
pub struct Config {
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Where the "Alipay" key pair and the SQLite state live (created when missing).
    pub data_dir: PathBuf,
    /// Divides every retry interval: 60 turns Alipay's 4 minutes into 4 seconds.
    pub time_scale: f64,
    /// The merchant apps' public keys (应用公钥): with any, request signatures are checked.
    pub app_public_keys: Vec<String>,
    /// The faults every order gets unless its checkout page or Pay request chooses others.
    pub default_faults: Faults,
}

/// Why the sandbox could not start: a message for the operator (never key material).
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<alipay_notify::Error> for Error {
    fn from(err: alipay_notify::Error) -> Error {
        Error(format!("{}: {}", err.name(), err.message()))
    }
}

/// What every handler and delivery task shares.
pub(crate) struct App {
    pub store: Mutex<store::Store>,
    pub keys: keys::AlipayKeys,
    /// Checks merchant requests (rule v2); `None` accepts any signature.
    pub app_verifier: Option<Verifier>,
    pub client: reqwest::Client,
    pub time_scale: f64,
    pub default_faults: Faults,
    pub base_url: String,
    /// Turns true when the sandbox stops: delivery tasks end without another attempt.
    pub stopping: watch::Receiver<bool>,
}

impl App {
    /// The store, even after a panic elsewhere poisoned its lock: every write is one statement
    /// or one transaction, so what it holds is consistent.
    pub fn store(&self) -> std::sync::MutexGuard<'_, store::Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running sandbox.
pub struct Sandbox {
    addr: SocketAddr,
    app: Arc<App>,
    stop: watch::Sender<bool>,
    server: JoinHandle<()>,
}

impl Sandbox {
    /// Loads (or generates) the key pair and the state in `config.data_dir`, binds
    /// 127.0.0.1:`config.port`, and reschedules the deliveries a previous run left pending.
    pub async fn start(config: Config) -> Result<Sandbox, Error> {
        if !(config.time_scale.is_finite() && config.time_scale > 0.0) {
            return Err(Error("--time-scale must be a number above 0".into()));
        }
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            Error(format!(
                "cannot create the data directory {}: {e}",
                config.data_dir.display()
            ))
        })?;
        let keys = keys::AlipayKeys::load_or_generate(&config.data_dir)?;
        let store = store::Store::open(&config.data_dir.join("sandbox.sqlite3"))?;
        let app_verifier = match config.app_public_keys.is_empty() {
            true => None,
            false => Some(
                Verifier::builder()
                    .public_keys(config.app_public_keys.iter().cloned())
                    .sign_types([SignType::Rsa2, SignType::Rsa])
                    .rule(Rule::V2)
                    .build()?,
            ),
        };
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, config.port))
            .await
            .map_err(|e| Error(format!("cannot listen on 127.0.0.1:{}: {e}", config.port)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error(format!("cannot read the bound address: {e}")))?;
        let client = delivery::http_client()?;
        let (stop, stopping) = watch::channel(false);
        let app = Arc::new(App {
            store: Mutex::new(store),
            keys,
            app_verifier,
            client,
            time_scale: config.time_scale,
            default_faults: config.default_faults,
            base_url: format!("http://{addr}"),
            stopping,
        });
        delivery::resume(&app);
        let router = api::router(app.clone());
        let mut until_stopped = stop.subscribe();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    let _ = until_stopped.wait_for(|stopped| *stopped).await;
                })
                .await;
        });
        Ok(Sandbox {
            addr,
            app,
            stop,
            server,
        })
    }

    /// The address it listens on (127.0.0.1 and the port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.app.base_url.clone()
    }

    /// The gateway merchants send their requests to: `http://127.0.0.1:PORT/gateway.do`.
    pub fn gateway_url(&self) -> String {
        format!("{}/gateway.do", self.app.base_url)
    }

    /// The sandbox's "Alipay" public key (支付宝公钥) as bare base64.
    pub fn alipay_public_key(&self) -> &str {
        self.app.keys.public_base64()
    }

    /// Whether request signatures are checked (`--app-public-key` given).
    pub fn checks_signatures(&self) -> bool {
        self.app.app_verifier.is_some()
    }

    /// What to print at startup: the gateway URL on the first line, then the public key and
    /// the settings to paste into a Django, Express or PHP shop.
    pub fn banner(&self) -> String {
        banner::text(self)
    }

    /// Runs until Ctrl-C (or SIGTERM), then stops.
    pub async fn run_until_signal(self) {
        shutdown_signal().await;
        self.stop().await;
    }

    /// Stops serving and ends every pending delivery task; pending retries stay in the data
    /// directory for the next start.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.server.await;
    }
}

/// Starts the sandbox on its own runtime, hands it to `ready` (to print the banner), and
/// serves until Ctrl-C or SIGTERM: what the `alipay-notify sandbox` command runs.
pub fn run_blocking(config: Config, ready: impl FnOnce(&Sandbox)) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(async {
        let sandbox = Sandbox::start(config).await?;
        ready(&sandbox);
        sandbox.run_until_signal().await;
        Ok(())
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
