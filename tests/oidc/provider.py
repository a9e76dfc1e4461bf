"""The tests' OpenID provider (tests/oidc/provider.mjs, oidc-provider under Node) started on a free loopback port,
and a person signing in at it through its login form over HTTP, as a browser would. It serves two clients: the staff
single sign-on's (a client secret), and a stand-in for GOV.UK One Login's (private_key_jwt with a key made for the
run, ES256 ID tokens) for the complainant's own view."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID = "rasso-tracker"
CLIENT_SECRET = "a-client-secret-for-the-tests-only"
REDIRECT_URI = "http://testserver/sign-in/organisation/callback/"
ONE_LOGIN_CLIENT_ID = "rasso-own-view"
ONE_LOGIN_REDIRECT_URI = "http://testserver/your-case/sign-in/callback/"


@dataclass
class Provider:
    issuer: str
    accounts_file: Path
    one_login_private_key: str  # PEM: the One Login client's key, whose public half the provider holds

    def set_accounts(self, accounts: dict[str, dict[str, Any]]) -> None:
        """The people the provider knows, by subject: {"sub": {"email": …, "email_verified": True}}. Read afresh at
        each sign-in."""
        self.accounts_file.write_text(json.dumps(accounts))

    def settings(self) -> dict[str, Any]:
        """The service's single sign-on settings for this provider (for override_settings)."""
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/auth",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/me",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
        }

    def one_login_settings(self) -> dict[str, Any]:
        """The service's GOV.UK One Login settings for this provider (for override_settings): the production path,
        private_key_jwt, with no client secret."""
        return {
            "ONE_LOGIN_CLIENT_ID": ONE_LOGIN_CLIENT_ID,
            "ONE_LOGIN_CLIENT_SECRET": "",
            "ONE_LOGIN_PRIVATE_KEY": self.one_login_private_key,
            "ONE_LOGIN_ISSUER": self.issuer,
            "ONE_LOGIN_AUTHORIZATION_ENDPOINT": f"{self.issuer}/auth",
            "ONE_LOGIN_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "ONE_LOGIN_USER_ENDPOINT": f"{self.issuer}/me",
            "ONE_LOGIN_JWKS_ENDPOINT": f"{self.issuer}/jwks",
            "ONE_LOGIN_SIGN_ALGO": "ES256",
        }

    def sign_in(self, authorisation_url: str, subject: str) -> str:
        """Follow the service's redirect to the provider, sign in there as the subject (the development login form
        takes any password) and return the URL the provider sends the browser back to, with its code and state."""
        browser = requests.Session()
        url = authorisation_url
        for _ in range(10):
            response = browser.get(url, allow_redirects=False, timeout=10)
            if response.status_code == 200:
                action = re.search(r'<form[^>]* action="([^"]+)"', response.text)
                assert action is not None, response.text
                form = {"prompt": "login", "login": subject, "password": "any password"}
                response = browser.post(urljoin(url, action[1]), data=form, allow_redirects=False, timeout=10)
            assert response.is_redirect, (response.status_code, response.text)
            url = urljoin(url, response.headers["Location"])
            if url.startswith((REDIRECT_URI, ONE_LOGIN_REDIRECT_URI)):
                return url
        raise AssertionError("The provider never sent the browser back to the service.")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_provider(folder: Path, *, one_login_redirect_uri: str = ONE_LOGIN_REDIRECT_URI) -> Iterator[Provider]:
    """The provider, running until the block ends; its accounts file in the folder, empty to begin with. The One Login
    client returns to ``one_login_redirect_uri`` (a live server's, for a real browser)."""
    port = _free_port()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    provider = Provider(
        issuer=f"http://127.0.0.1:{port}",
        accounts_file=folder / "provider-accounts.json",
        one_login_private_key=key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode(),
    )
    provider.set_accounts({})
    public_jwk = {**RSAAlgorithm.to_jwk(key.public_key(), as_dict=True), "alg": "RS256", "use": "sig"}
    command = ["node", str(SCRIPT), "--port", str(port), "--issuer", provider.issuer, "--client-id", CLIENT_ID]
    command += ["--client-secret", CLIENT_SECRET, "--redirect-uri", REDIRECT_URI]
    command += ["--accounts", str(provider.accounts_file)]
    command += ["--one-login-client-id", ONE_LOGIN_CLIENT_ID, "--one-login-redirect-uri", one_login_redirect_uri]
    command += ["--one-login-jwks", json.dumps({"keys": [public_jwk]})]
    log = folder / "provider.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        _wait_for(provider, process, log)
        yield provider
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(provider: Provider, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"The OpenID provider did not start: {log.read_text()}")
        try:
            if requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError("The OpenID provider did not answer within 30 seconds.")
