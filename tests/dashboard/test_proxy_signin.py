"""Proxy sign-in cannot be impersonated (issue 25, defect 5): the identity header is believed only with the
proxy's shared secret; proxy mode without a secret does not start."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.review.signin import DEFAULT_SECRET_HEADER, proxy_identity, proxy_setup_problem

SECRET = "5f2b0c8e9a7d4e1f3b6a8c0d2e4f6a8b"
ENV = {"MACA_AUTH": "proxy", "MACA_AUTH_HEADER": "X-Forwarded-Email", "MACA_AUTH_PROXY_SECRET": SECRET}
USER = {"X-Forwarded-Email": "reviewer@example.org"}


@pytest.mark.parametrize("secret", [None, "", "wrong", SECRET[:-1], SECRET + "x", SECRET.upper()])
def test_the_right_user_header_without_the_right_secret_is_refused(secret: str | None):
    headers = dict(USER) if secret is None else {**USER, DEFAULT_SECRET_HEADER: secret}
    assert proxy_identity(headers, ENV) is None


def test_the_right_user_header_with_the_secret_is_accepted():
    assert proxy_identity({**USER, DEFAULT_SECRET_HEADER: SECRET}, ENV) == "reviewer@example.org"
    # header names are case-insensitive, as in HTTP; the secret header can be renamed
    renamed = {**ENV, "MACA_AUTH_PROXY_SECRET_HEADER": "X-Proxy-Token"}
    assert proxy_identity({"x-forwarded-email": "a@example.org", "x-proxy-token": SECRET}, renamed) == "a@example.org"
    assert proxy_identity({"X-Forwarded-Email": "a@example.org", DEFAULT_SECRET_HEADER: SECRET}, renamed) is None


@pytest.mark.parametrize("secret", [None, "", "   ", "short-secret"])
def test_proxy_mode_without_a_usable_secret_is_a_setup_problem_and_believes_no_one(secret: str | None):
    env = {k: v for k, v in ENV.items() if k != "MACA_AUTH_PROXY_SECRET"}
    if secret is not None:
        env["MACA_AUTH_PROXY_SECRET"] = secret
    assert proxy_setup_problem(env) is not None
    assert proxy_identity({**USER, DEFAULT_SECRET_HEADER: secret or ""}, env) is None
    assert proxy_setup_problem(ENV) is None
    assert proxy_setup_problem({"MACA_AUTH": "oidc"}) is None


def test_the_dashboard_uses_the_secret_check(monkeypatch: pytest.MonkeyPatch):
    from dashboard import support

    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(support.st, "context", SimpleNamespace(headers=dict(USER)))
    assert support._identity() is None  # the forged header alone, as a local process would send it
    monkeypatch.setattr(support.st, "context", SimpleNamespace(headers={**USER, DEFAULT_SECRET_HEADER: SECRET}))
    assert support._identity() == "reviewer@example.org"


def test_maca_dashboard_in_proxy_mode_without_a_secret_does_not_start(monkeypatch: pytest.MonkeyPatch):
    import dashboard.serve

    started: list[object] = []
    monkeypatch.setattr(dashboard.serve, "serve", lambda options: started.append(options))
    monkeypatch.setenv("MACA_AUTH", "proxy")
    monkeypatch.delenv("MACA_AUTH_PROXY_SECRET", raising=False)
    result = CliRunner().invoke(main, ["dashboard", "--address", "127.0.0.1", "--port", "8599"])
    assert result.exit_code == 1 and started == []
    assert "MACA_AUTH_PROXY_SECRET" in result.output and "Traceback" not in result.output
