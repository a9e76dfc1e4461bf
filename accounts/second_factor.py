"""Multi-factor sign-in (django-otp): enrolling an authenticator app, checking a code, recovery codes, and an
administrator's reset. Pages and the admin call these; nothing else touches the devices."""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.sessions import end_sessions

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_device(user: User) -> TOTPDevice:
    """The app being set up: one unconfirmed device, kept across page loads so the QR code stays the same."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": APP_DEVICE_NAME})
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The device's key in base32 groups of four, for an app set up by typing rather than by scanning."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_data_url(device: TOTPDevice) -> str:
    """The enrolment QR code as an SVG image in a data: URL, for an <img> with alternative text."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


@transaction.atomic
def confirm_enrolment(request: HttpRequest, *, user: User, token: str) -> list[str] | None:
    """Confirm the app with a code it shows; the session is then verified and the first recovery codes are issued
    (returned once, to be shown once). None when the code is wrong."""
    device = enrolment_device(user)
    if not device.verify_token(_normalised(token)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _verified(request, device)
    return issue_recovery_codes(user)


@dataclass(frozen=True)
class Verification:
    verified: bool
    wait_seconds: int = 0


def verify(request: HttpRequest, *, user: User, token: str) -> Verification:
    """Check a code from the app (digits) or a recovery code (letters and digits, used up by its use); a good one
    verifies the session. After a wrong app code the app refuses codes for a while, doubling each time (django-otp's
    throttle): the answer says how long."""
    token = _normalised(token)
    model = TOTPDevice if token.isdigit() else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until") is not None:
            return Verification(False, max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds())))
        if device.verify_token(token):
            _verified(request, device)
            return Verification(True)
    return Verification(False)


def _verified(request: HttpRequest, device: TOTPDevice | StaticDevice) -> None:
    """Mark the session verified by the device, under a new session key: a cookie seen between the password and
    the code (when only the password was checked) never becomes a signed-in session."""
    django_otp.login(request, device)
    request.session.cycle_key()


@transaction.atomic
def issue_recovery_codes(user: User) -> list[str]:
    """New single-use recovery codes, replacing any earlier ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": RECOVERY_DEVICE_NAME})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def reset_second_factor(user: User) -> None:
    """An administrator's reset for a lost phone: the app and the recovery codes go, the user is signed out
    everywhere, and they set up a new app at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    end_sessions(user)


def _normalised(token: str) -> str:
    return "".join(token.split()).lower()
