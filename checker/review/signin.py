"""Sign-in through a reverse proxy that cannot be impersonated (docs/dashboard.md, "Sign-in").

    problem = proxy_setup_problem(os.environ)            # why proxy mode must not start, or None
    name = proxy_identity(request_headers, os.environ)   # the reviewer, or None: refuse the request

With `MACA_AUTH=proxy` the reviewer's name comes from a header the proxy sets (`MACA_AUTH_HEADER`). Any
process that can reach the dashboard's port could send that header itself, so a header is believed only
when the request also carries the shared secret the proxy adds (`X-Maca-Proxy-Secret`, or the header named
by `MACA_AUTH_PROXY_SECRET_HEADER`), equal to `MACA_AUTH_PROXY_SECRET`, compared in constant time. Proxy
mode without a configured secret (or with one too short to resist guessing) does not start.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping

__all__ = [
    "ENV_AUTH",
    "ENV_AUTH_HEADER",
    "ENV_PROXY_SECRET",
    "ENV_PROXY_SECRET_HEADER",
    "DEFAULT_SECRET_HEADER",
    "MIN_SECRET_CHARS",
    "auth_mode",
    "proxy_setup_problem",
    "proxy_identity",
]

ENV_AUTH = "MACA_AUTH"
ENV_AUTH_HEADER = "MACA_AUTH_HEADER"
ENV_PROXY_SECRET = "MACA_AUTH_PROXY_SECRET"
ENV_PROXY_SECRET_HEADER = "MACA_AUTH_PROXY_SECRET_HEADER"
DEFAULT_USER_HEADER = "X-Forwarded-User"
DEFAULT_SECRET_HEADER = "X-Maca-Proxy-Secret"
MIN_SECRET_CHARS = 24
"""`openssl rand -hex 32` gives 64; anything shorter than this is refused as guessable."""


def auth_mode(env: Mapping[str, str]) -> str:
    return env.get(ENV_AUTH, "").strip().lower()


def proxy_setup_problem(env: Mapping[str, str]) -> str | None:
    """Why the dashboard must not start in proxy mode (no secret, or a short one), or None (or not proxy)."""
    if auth_mode(env) != "proxy":
        return None
    secret = env.get(ENV_PROXY_SECRET, "")
    if not secret.strip():
        return (f"{ENV_AUTH}=proxy needs {ENV_PROXY_SECRET}: a long random secret that the sign-in proxy adds to "
                f"every request in the {env.get(ENV_PROXY_SECRET_HEADER) or DEFAULT_SECRET_HEADER} header, so "
                "that nothing but the proxy can say who is signed in. Generate one (openssl rand -hex 32), set "
                "it in the proxy and here, and start again (docs/dashboard.md).")
    if len(secret.strip()) < MIN_SECRET_CHARS:
        return (f"{ENV_PROXY_SECRET} is {len(secret.strip())} characters; use at least {MIN_SECRET_CHARS} "
                "(openssl rand -hex 32 gives 64) and start again.")
    return None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:  # a plain dict: look the header up without regard to case, as HTTP does
        wanted = name.casefold()
        value = next((v for k, v in headers.items() if k.casefold() == wanted), None)
    return value


def proxy_identity(headers: Mapping[str, str], env: Mapping[str, str]) -> str | None:
    """The reviewer named by the proxy's user header, when the request carries the proxy's secret; else None
    (no secret configured, no secret sent, a wrong one, or no user header)."""
    if proxy_setup_problem(env) is not None:
        return None
    expected = env.get(ENV_PROXY_SECRET, "").strip().encode("utf-8")
    sent = _header(headers, env.get(ENV_PROXY_SECRET_HEADER) or DEFAULT_SECRET_HEADER)
    if sent is None or not hmac.compare_digest(sent.strip().encode("utf-8"), expected):
        return None
    user = _header(headers, env.get(ENV_AUTH_HEADER) or DEFAULT_USER_HEADER)
    return user.strip() or None if user else None
