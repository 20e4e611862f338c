"""The ``ALIPAY_NOTIFY`` setting and the Verifier built from it, on first use. The system
check (``manage.py check``, :mod:`.checks`) reports what is wrong with it by id."""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS
from django.utils.module_loading import import_string

from .. import Verifier, _native
from ..exceptions import AlipayNotifyError

SETTING = "ALIPAY_NOTIFY"


def _setting_keys() -> dict[str, str]:
    """The keys of ALIPAY_NOTIFY: each verifier option of the core's table in upper case (the
    same names as everywhere else), a ``_FILE`` twin for each option that takes key text, and
    the Django integration's own ``NOTIFY_ID_STORE``."""
    keys: dict[str, str] = {}
    for name, kind, _values, _default, _requires, meaning in _native.VERIFIER_OPTIONS:
        keys[name.upper()] = meaning
        if kind in ("key", "keys"):
            keys[name.upper() + "_FILE"] = f"a path to a file holding it, or a list ({name})"
    keys["NOTIFY_ID_STORE"] = (
        "a NotifyIdStore instance or its dotted path: tells handlers about retries"
    )
    keys.update(INTEGRATION_KEYS)
    return keys


#: The keys of the Django integration itself (not verifier options): the ledger
#: (docs/ledger.md) and the reconciliation command, which signs its queries with the
#: verifier's own APP_PRIVATE_KEY (or APP_PRIVATE_KEY_FILE).
INTEGRATION_KEYS: dict[str, str] = {
    "LEDGER": "True: record every delivery in the ledger and run the handler once per "
    "transition, inside the transaction (docs/ledger.md)",
    "KEEP_RAW_BODY": "True: keep each delivery's raw body in the ledger (off: it holds buyer data)",
    "LEDGER_DATABASE": "the DATABASES alias of the database holding your orders and the "
    "ledger (default 'default')",
    "GATEWAY": "the gateway URL alipay_reconcile queries (default Alipay's)",
    "TIMEOUT": "seconds alipay_reconcile waits for each answer",
    "PENDING_ORDERS": "a callable(cutoff) or its dotted path: the out_trade_no of the orders "
    "still unpaid that were created before cutoff (alipay_reconcile)",
    "RECONCILE_HANDLER": "a callable(result, transition) or its dotted path: applies a paid "
    "query answer to your order, inside the ledger's transaction (alipay_reconcile)",
}


#: Every key ALIPAY_NOTIFY accepts, with what it holds.
KEYS: dict[str, str] = _setting_keys()
#: Old spellings, still read for one release with a DeprecationWarning: old -> new.
DEPRECATED_KEYS: dict[str, str] = {"ALIPAY_ROOT_CERT_FILE": "CHECK_CERTIFICATES_FILE"}
#: The option that takes each key's value, and whether the key names files.
_OPTIONS: dict[str, tuple[str, bool]] = {
    key: (key.removesuffix("_FILE").lower(), key.endswith("_FILE"))
    for key in KEYS
    if key != "NOTIFY_ID_STORE" and key not in INTEGRATION_KEYS
}


#: The ids of the system check's errors, one per kind of problem (py/README.md: "Django").
NOT_SET = "alipay_notify.E001"  # ALIPAY_NOTIFY is missing or not a dict
INVALID = "alipay_notify.E002"  # an unknown key, a value of the wrong type, no key at all
UNREADABLE = "alipay_notify.E003"  # a key or certificate file cannot be read
REFUSED = "alipay_notify.E004"  # the verifier refuses a key or option (INVALID_KEY, ...)
BAD_STORE = "alipay_notify.E005"  # NOTIFY_ID_STORE cannot be imported or is no store
BAD_LEDGER = "alipay_notify.E006"  # LEDGER, KEEP_RAW_BODY or LEDGER_DATABASE is wrong


class SettingError(ImproperlyConfigured):
    """What is wrong with ``ALIPAY_NOTIFY``, with the id the system check reports it under."""

    def __init__(self, message: str, check_id: str) -> None:
        super().__init__(message)
        self.check_id = check_id


def _improper(message: str, check_id: str = INVALID) -> SettingError:
    return SettingError(f"{SETTING}: {message}", check_id)


def _texts(value: Any, key: str) -> list[str]:
    if isinstance(value, (str, bytes)):
        value = [value]
    if not isinstance(value, Sequence) or not value:
        raise _improper(f"{key} must be a str or a non-empty list of str")
    texts = []
    for item in value:
        if isinstance(item, bytes):
            item = item.decode("utf-8", "replace")
        if not isinstance(item, (str, Path)):
            raise _improper(f"{key} must hold str values, not {type(item).__name__}")
        texts.append(str(item))
    return texts


def _read(path: str, key: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise _improper(
            f"{key}: cannot read {path!r} ({error.strerror or error})", UNREADABLE
        ) from None
    except UnicodeDecodeError:
        raise _improper(
            f"{key}: {path!r} is not a text file (PEM or base64 expected)", UNREADABLE
        ) from None


def _current(config: Mapping[str, Any]) -> dict[str, Any]:
    """The settings with deprecated keys renamed (each warned about once per build)."""
    current = dict(config)
    for old, new in DEPRECATED_KEYS.items():
        if old in current:
            warnings.warn(
                f"{SETTING}: {old} is deprecated, use {new}", DeprecationWarning, stacklevel=4
            )
            current.setdefault(new, current.pop(old))
    return current


def build_verifier(config: Any) -> Verifier:
    """A Verifier from an ``ALIPAY_NOTIFY``-shaped dict; ImproperlyConfigured when it is wrong.
    The message names the key and the core's error, never the key material."""
    if not isinstance(config, Mapping):
        raise _improper(f"must be a dict, not {type(config).__name__}", NOT_SET)
    config = _current(config)
    unknown = sorted(set(config) - set(KEYS))
    if unknown:
        raise _improper(
            f"unknown key {unknown[0]!r}; the keys are: {', '.join(KEYS)}"
            + (" (keys are upper case)" if unknown[0].upper() in KEYS else "")
        )
    options: dict[str, Any] = {}
    for key, value in config.items():
        if key not in _OPTIONS or value is None:
            continue
        option, files = _OPTIONS[key]
        if files:
            texts = [_read(path, key) for path in _texts(value, key)]
            # Only ALIPAY_PUBLIC_KEY takes several keys (a rotation); a root bundle given as
            # several files is one bundle, and the app private key is one key.
            value = texts if option == "alipay_public_key" else "\n".join(texts)
        if option == "alipay_public_key" and option in options:
            value = list(options[option]) + list(value if isinstance(value, list) else [value])
        options[option] = value
    if "alipay_public_key" not in options and "md5_key" not in options:
        raise _improper(
            "set ALIPAY_PUBLIC_KEY or ALIPAY_PUBLIC_KEY_FILE (Alipay's public key, 支付宝公钥, "
            "not your app's), or MD5_KEY for legacy mapi"
        )
    try:
        return Verifier(**options)
    except AlipayNotifyError as error:
        raise _improper(f"{error.name}: {_as_keys(error.message)}", REFUSED) from None
    except (TypeError, ValueError, OverflowError) as error:  # a value of the wrong type
        raise _improper(_as_keys(str(error))) from None


def _as_keys(message: str) -> str:
    """An error message about an option, with the option named as the setting's key."""
    names = "|".join(name for name, *_ in _native.VERIFIER_OPTIONS)
    return re.sub(rf"(?:^|(?<=option ))({names})\b", lambda m: m.group(1).upper(), message)


def build_store(config: Any) -> Optional[Any]:
    """The NOTIFY_ID_STORE of an ``ALIPAY_NOTIFY``-shaped dict, or None."""
    store = config.get("NOTIFY_ID_STORE") if isinstance(config, Mapping) else None
    if store is None:
        return None
    if isinstance(store, str):
        try:
            store = import_string(store)
        except ImportError as error:
            raise _improper(f"NOTIFY_ID_STORE: {error}", BAD_STORE) from None
    if isinstance(store, type):
        store = store()
    if not (callable(getattr(store, "seen", None)) and callable(getattr(store, "remember", None))):
        raise _improper(
            "NOTIFY_ID_STORE must have seen(notify_id) and remember(notify_id)", BAD_STORE
        )
    return store


@dataclass(frozen=True)
class LedgerSettings:
    """What the notify view needs to use the ledger."""

    enabled: bool = False
    keep_raw_body: bool = False
    database: str = DEFAULT_DB_ALIAS


def build_ledger(config: Any) -> LedgerSettings:
    """The ledger settings of an ``ALIPAY_NOTIFY``-shaped dict."""
    if not isinstance(config, Mapping):
        return LedgerSettings()
    values = {}
    for key, name in (("LEDGER", "enabled"), ("KEEP_RAW_BODY", "keep_raw_body")):
        value = config.get(key, False)
        if not isinstance(value, bool):
            raise _improper(f"{key} must be True or False", BAD_LEDGER)
        values[name] = value
    database = config.get("LEDGER_DATABASE", DEFAULT_DB_ALIAS)
    # A project without a database (or without a "default" one) can verify as long as the
    # ledger is off; a LEDGER_DATABASE spelled out is still checked, being a mistake either way.
    if not values["enabled"] and "LEDGER_DATABASE" not in config:
        return LedgerSettings(enabled=values["enabled"], keep_raw_body=values["keep_raw_body"])
    if not isinstance(database, str) or database not in settings.DATABASES:
        raise _improper(
            f"LEDGER_DATABASE must name a database of DATABASES, not {database!r}", BAD_LEDGER
        )
    return LedgerSettings(database=database, **values)


def _config() -> Any:
    config = getattr(settings, SETTING, None)
    if config is None:
        raise SettingError(
            f"{SETTING} is not set: add ALIPAY_NOTIFY = {{'ALIPAY_PUBLIC_KEY_FILE': ..., "
            "'APP_ID': ...}} to your settings",
            NOT_SET,
        )
    return config


class _Loaded:
    """The Verifier and store built from the current settings on first use, once
    (thread-safe). Not at startup: a command that never verifies (``collectstatic`` in an
    image built without the keys) must not need them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: Optional[tuple[Verifier, Optional[Any], LedgerSettings]] = None

    def get(self) -> tuple[Verifier, Optional[Any], LedgerSettings]:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    config = _config()
                    self._value = (
                        build_verifier(config),
                        build_store(config),
                        build_ledger(config),
                    )
                value = self._value
        return value

    def reset(self, **kwargs: Any) -> None:
        if kwargs.get("setting") in (None, SETTING):
            with self._lock:
                self._value = None


_loaded = _Loaded()
setting_changed.connect(_loaded.reset, dispatch_uid="alipay_notify.django.conf")


def get_verifier() -> Verifier:
    """The Verifier configured by ``settings.ALIPAY_NOTIFY``, built once."""
    return _loaded.get()[0]


def get_store() -> Optional[Any]:
    """The NOTIFY_ID_STORE configured by ``settings.ALIPAY_NOTIFY``, or None."""
    return _loaded.get()[1]


def get_ledger() -> LedgerSettings:
    """The ledger settings of ``settings.ALIPAY_NOTIFY`` (``LEDGER``, ``KEEP_RAW_BODY``,
    ``LEDGER_DATABASE``)."""
    return _loaded.get()[2]


def check() -> None:
    """Builds the configuration now: ImproperlyConfigured at startup rather than at the first
    notification. For ``wsgi.py`` or ``asgi.py`` under a server that runs no system checks
    (gunicorn, uvicorn); ``manage.py check`` and ``runserver`` report the same problems."""
    _loaded.reset()
    _loaded.get()


def problems() -> list[SettingError]:
    """Everything the system check reports: the first problem of the verifier's settings and
    of the store's, built afresh (nothing is cached)."""
    found: list[SettingError] = []
    try:
        config = _config()
    except SettingError as error:
        return [error]
    for build in (build_verifier, build_store, build_ledger):
        try:
            build(config)
        except SettingError as error:
            found.append(error)
    return found
