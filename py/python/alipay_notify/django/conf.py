"""The ``ALIPAY_NOTIFY`` setting and the Verifier built from it, on first use. The system
check (``manage.py check``, :mod:`.checks`) reports what is wrong with it by id."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Optional, Union

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

from .. import Verifier
from ..exceptions import AlipayNotifyError

SETTING = "ALIPAY_NOTIFY"

#: Every key ALIPAY_NOTIFY accepts, with what it holds.
KEYS: dict[str, str] = {
    "ALIPAY_PUBLIC_KEY": "Alipay's public key (支付宝公钥) text, or a list of them during a rotation",
    "ALIPAY_PUBLIC_KEY_FILE": "a path to a file holding Alipay's public key or certificate, or a list",
    "APP_ID": "your app_id: messages for another app are refused",
    "SELLER_ID": "your seller id (2088…), or a list: messages for another seller are refused",
    "ALLOW_EMBEDDED_PAIRS": "fields whose value may hold '&name=' text (off by default; a risk, see the docs)",
    "SIGN_TYPES": 'the accepted sign types, default ["RSA2"]',
    "RULE": '"auto" (default), "v1" or "v2"',
    "MD5_KEY": "the legacy mapi MD5 key (安全校验码), for sign_type=MD5 messages",
    "MAX_SIZE": "the size limit of a message in bytes, default 65536",
    "MIN_KEY_BITS": "the minimum RSA key size, default 2048",
    "DEFAULT_CHARSET": 'the charset of messages without a charset parameter, default "utf-8"',
    "ALIPAY_ROOT_CERT_FILE": "certificate mode: check the key certificates against this root bundle",
    "NOTIFY_ID_STORE": "a NotifyIdStore instance or its dotted path: tells handlers about retries",
}


#: The ids of the system check's errors, one per kind of problem (py/README.md: "Django").
NOT_SET = "alipay_notify.E001"  # ALIPAY_NOTIFY is missing or not a dict
INVALID = "alipay_notify.E002"  # an unknown key, a value of the wrong type, no key at all
UNREADABLE = "alipay_notify.E003"  # a key or certificate file cannot be read
REFUSED = "alipay_notify.E004"  # the verifier refuses a key or option (INVALID_KEY, ...)
BAD_STORE = "alipay_notify.E005"  # NOTIFY_ID_STORE cannot be imported or is no store


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


def _typed(config: Mapping[str, Any], key: str, kind: Union[type, tuple[type, ...]]) -> Any:
    value = config.get(key)
    if value is not None and not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise _improper(f"{key} must be {names}, not {type(value).__name__}")
    return value


def build_verifier(config: Any) -> Verifier:
    """A Verifier from an ``ALIPAY_NOTIFY``-shaped dict; ImproperlyConfigured when it is wrong.
    The message names the key and the core's error, never the key material."""
    if not isinstance(config, Mapping):
        raise _improper(f"must be a dict, not {type(config).__name__}", NOT_SET)
    unknown = sorted(set(config) - set(KEYS))
    if unknown:
        raise _improper(
            f"unknown key {unknown[0]!r}; the keys are: {', '.join(KEYS)}"
            + (" (keys are upper case)" if unknown[0].upper() in KEYS else "")
        )
    keys: list[str] = []
    if config.get("ALIPAY_PUBLIC_KEY") is not None:
        keys += _texts(config["ALIPAY_PUBLIC_KEY"], "ALIPAY_PUBLIC_KEY")
    if config.get("ALIPAY_PUBLIC_KEY_FILE") is not None:
        files = _texts(config["ALIPAY_PUBLIC_KEY_FILE"], "ALIPAY_PUBLIC_KEY_FILE")
        keys += [_read(path, "ALIPAY_PUBLIC_KEY_FILE") for path in files]
    md5_key = _typed(config, "MD5_KEY", str)
    if not keys and md5_key is None:
        raise _improper(
            "set ALIPAY_PUBLIC_KEY or ALIPAY_PUBLIC_KEY_FILE (Alipay's public key, 支付宝公钥, "
            "not your app's), or MD5_KEY for legacy mapi"
        )
    options: dict[str, Any] = {"md5_key": md5_key}
    for key, option, kind in (
        ("RULE", "rule", str),
        ("APP_ID", "app_id", str),
        ("MAX_SIZE", "max_size", int),
        ("MIN_KEY_BITS", "min_key_bits", int),
        ("DEFAULT_CHARSET", "default_charset", str),
    ):
        if config.get(key) is not None:
            options[option] = _typed(config, key, kind)
    if config.get("ALLOW_EMBEDDED_PAIRS") is not None:
        options["allow_embedded_pairs"] = _texts(
            config["ALLOW_EMBEDDED_PAIRS"], "ALLOW_EMBEDDED_PAIRS"
        )
    if config.get("SIGN_TYPES") is not None:
        options["sign_types"] = _texts(config["SIGN_TYPES"], "SIGN_TYPES")
    if config.get("SELLER_ID") is not None:
        options["seller_id"] = _texts(config["SELLER_ID"], "SELLER_ID")
    root_file = _typed(config, "ALIPAY_ROOT_CERT_FILE", (str, Path))
    if root_file is not None:
        options["check_certificates"] = _read(str(root_file), "ALIPAY_ROOT_CERT_FILE")
    try:
        return Verifier(keys, **options)
    except AlipayNotifyError as error:
        raise _improper(f"{error.name}: {error.message}", REFUSED) from None
    except (TypeError, ValueError, OverflowError) as error:
        raise _improper(str(error), REFUSED) from None


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
        self._value: Optional[tuple[Verifier, Optional[Any]]] = None

    def get(self) -> tuple[Verifier, Optional[Any]]:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    config = _config()
                    self._value = (build_verifier(config), build_store(config))
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
    for build in (build_verifier, build_store):
        try:
            build(config)
        except SettingError as error:
            found.append(error)
    return found
