"""The API's side of a step: who is asking, and ``act``, which parses the input, calls the step's service and
answers with what it wrote."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.roles import Doers


def api_actor(request: Request) -> User:
    if not isinstance(request.user, User):
        raise NotAuthenticated
    return request.user


def act(
    request: Request,
    parse: type[serializers.Serializer[Any]],
    run: Callable[..., Model],
    answer: type[serializers.ModelSerializer[Any]],
    *,
    doers: Doers,
) -> Response:
    """Refuse a role the service does not let take the step (403, before the input is read); parse the input, call
    the service (which enforces every rule), answer with what it wrote."""
    doers.require(api_actor(request).role)
    data = parse(data=request.data, context={"request": request})
    data.is_valid(raise_exception=True)
    written = run(actor=api_actor(request), **data.validated_data)
    return Response(answer(written).data, status=status.HTTP_201_CREATED)
