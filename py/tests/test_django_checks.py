"""ALIPAY_NOTIFY is checked by a Django system check, and the Verifier built on first use:
commands that never verify (collectstatic in an image built without secrets) run without the
key files, and ``manage.py check`` reports each problem by id."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from alipay_notify import Verifier
from alipay_notify.django import CacheNotifyIdStore, conf, get_verifier
from alipay_notify.django.checks import HINTS
from conftest import EXAMPLE, REPO

DEMO_PUBLIC_KEY = (EXAMPLE / "demo_keys" / "alipay_public_key.txt").read_text()


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python manage.py ARGS` in the example project, with its database and static files in
    tmp_path."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=EXAMPLE,
        env={
            **os.environ,
            "MERCHANT_DB": str(tmp_path / "db.sqlite3"),
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_commands_run_without_the_key_file(tmp_path: Path) -> None:
    absent = {"ALIPAY_PUBLIC_KEY_FILE": str(tmp_path / "absent" / "alipay_public_key.txt")}
    # The app built the Verifier in ready(): every command failed without the key file.
    result = manage(tmp_path, "collectstatic", "--noinput", **absent)
    assert result.returncode == 0, result.stderr
    assert "static files copied" in result.stdout
    result = manage(tmp_path, "check", **absent)
    assert result.returncode == 1
    assert "(alipay_notify.E003) ALIPAY_NOTIFY: ALIPAY_PUBLIC_KEY_FILE: cannot read" in (
        result.stderr
    )
    assert HINTS[conf.UNREADABLE] in result.stderr
    result = manage(tmp_path, "check")  # the demo key is there
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_reports_a_bad_key_without_echoing_it(tmp_path: Path) -> None:
    wrong = tmp_path / "alipay_public_key.txt"
    wrong.write_text("-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n")
    result = manage(tmp_path, "check", ALIPAY_PUBLIC_KEY_FILE=str(wrong))
    assert result.returncode == 1
    assert "(alipay_notify.E004) ALIPAY_NOTIFY: INVALID_KEY" in result.stderr
    assert "not base64" not in result.stderr  # the key text is never echoed


GOOD = {"ALIPAY_PUBLIC_KEY": DEMO_PUBLIC_KEY, "APP_ID": "2021000000000000"}
ABSENT = "/nonexistent/alipay_public_key.txt"


@pytest.mark.parametrize(
    ("config", "ids"),
    [
        (GOOD, []),
        ({**GOOD, "NOTIFY_ID_STORE": CacheNotifyIdStore}, []),
        (None, ["E001"]),
        ("a key", ["E001"]),
        ({**GOOD, "app_id": "x"}, ["E002"]),
        ({"APP_ID": "2021"}, ["E002"]),
        ({**GOOD, "MAX_SIZE": "big"}, ["E002"]),
        ({"ALIPAY_PUBLIC_KEY_FILE": ABSENT}, ["E003"]),
        ({"ALIPAY_PUBLIC_KEY": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"}, ["E004"]),
        ({**GOOD, "RULE": "v3"}, ["E004"]),
        ({**GOOD, "MAX_SIZE": 2**64}, ["E004"]),
        ({**GOOD, "NOTIFY_ID_STORE": "no.such.Store"}, ["E005"]),
        ({"ALIPAY_PUBLIC_KEY_FILE": ABSENT, "NOTIFY_ID_STORE": object()}, ["E003", "E005"]),
    ],
)
def test_each_problem_has_its_id(settings: Any, config: Any, ids: list[str]) -> None:
    if config is None:
        del settings.ALIPAY_NOTIFY
    else:
        settings.ALIPAY_NOTIFY = config
    errors = checks.run_checks(tags=["alipay_notify"])
    assert [e.id for e in errors] == [f"alipay_notify.{i}" for i in ids]
    for error in errors:
        assert error.level == checks.ERROR and error.hint == HINTS[error.id]
        assert DEMO_PUBLIC_KEY[:40] not in error.msg


def test_every_id_is_documented() -> None:
    readme = (REPO / "py" / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`alipay_notify\.(E\d{3})`", readme))
    assert documented == {i.split(".")[1] for i in HINTS}


def test_the_verifier_is_built_on_first_use(settings: Any, tmp_path: Path) -> None:
    key_file = tmp_path / "alipay_public_key.txt"
    settings.ALIPAY_NOTIFY = {"ALIPAY_PUBLIC_KEY_FILE": str(key_file)}
    with pytest.raises(ImproperlyConfigured, match="cannot read") as caught:
        get_verifier()
    assert getattr(caught.value, "check_id", None) == "alipay_notify.E003"
    # A failure is not remembered: the key file deployed later is read at the next use.
    key_file.write_text(DEMO_PUBLIC_KEY)
    assert isinstance(get_verifier(), Verifier)


def test_threads_build_one_verifier(settings: Any, monkeypatch: Any) -> None:
    built: list[Verifier] = []
    real = conf.build_verifier

    def slow_build(config: Any) -> Verifier:
        time.sleep(0.05)  # every thread arrives before the first build ends
        built.append(real(config))
        return built[-1]

    monkeypatch.setattr(conf, "build_verifier", slow_build)
    settings.ALIPAY_NOTIFY = GOOD
    got: list[Verifier] = []
    threads = [threading.Thread(target=lambda: got.append(get_verifier())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and len(got) == 8 and all(v is built[0] for v in got)


def test_the_setting_keys_are_the_core_option_names() -> None:
    from alipay_notify import _native

    expected = {name.upper() for name, *_ in _native.VERIFIER_OPTIONS}
    expected |= {
        name.upper() + "_FILE" for name, kind, *_ in _native.VERIFIER_OPTIONS if "key" in kind
    }
    assert set(conf.KEYS) == expected | {"NOTIFY_ID_STORE"} | set(conf.INTEGRATION_KEYS)
    # The integration's own keys never shadow a verifier option.
    assert not expected & set(conf.INTEGRATION_KEYS)
    assert {"ALIPAY_PUBLIC_KEY_FILE", "CHECK_CERTIFICATES_FILE"} <= set(conf.KEYS)


def test_certificate_checks_from_the_settings(tmp_path: Path) -> None:
    vectors = REPO / "tests" / "vectors"
    import json

    doc = json.loads((vectors / "responses.json").read_text(encoding="utf-8"))
    check = next(
        v
        for v in doc["vectors"]
        if v.get("options", {}).get("check_certificates") and v["expect"] == "valid"
    )
    root = tmp_path / "alipayRootCert.crt"
    root.write_text(doc["keys"][check["options"]["check_certificates"]["root"]])
    base = {
        "ALIPAY_PUBLIC_KEY": [doc["keys"][k] for k in check["keys"]],
        "CHECK_CERTIFICATES_AT": check["options"]["check_certificates"]["at"],
    }
    verifier = conf.build_verifier({**base, "CHECK_CERTIFICATES_FILE": str(root)})
    assert verifier.verify_response(check["input"], check.get("method")).method
    # The old spelling still works, with a DeprecationWarning, until the next release.
    with pytest.warns(DeprecationWarning, match="ALIPAY_ROOT_CERT_FILE is deprecated"):
        conf.build_verifier({**base, "ALIPAY_ROOT_CERT_FILE": str(root)})
    # Checked at a time outside the certificates' validity: refused.
    with pytest.raises(ImproperlyConfigured, match="CERT_EXPIRED"):
        conf.build_verifier(
            {**base, "CHECK_CERTIFICATES_FILE": str(root), "CHECK_CERTIFICATES_AT": 0}
        )


def test_the_app_private_key_file_is_one_key(tmp_path: Path) -> None:
    """APP_PRIVATE_KEY_FILE was handed to the Verifier as a list (as ALIPAY_PUBLIC_KEY_FILE
    is, for a rotation), and every setting with it was refused: "APP_PRIVATE_KEY must be str
    or bytes, not list"."""
    key_file = tmp_path / "app_private_key.pem"
    key_file.write_text((EXAMPLE / "demo_keys" / "app_private_key.pem").read_text())
    config = {**GOOD, "APP_PRIVATE_KEY_FILE": str(key_file)}
    assert isinstance(conf.build_verifier(config), Verifier)
    assert isinstance(
        conf.build_verifier({**GOOD, "APP_PRIVATE_KEY_FILE": [str(key_file)]}), Verifier
    )
