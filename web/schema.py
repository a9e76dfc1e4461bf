"""The OpenAPI schema's account of what every operation may answer beyond its own responses: the 429 of the API's
rates (web.throttles), with its Retry-After header and the usual error body. A postprocessing hook
(SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]), since every operation is throttled alike."""

from __future__ import annotations

from typing import Any

THROTTLED = {
    "description": "Too many requests: over the user's or the token's rate. Try again after Retry-After seconds.",
    "headers": {
        "Retry-After": {
            "description": "Seconds until a request will be accepted again.",
            "schema": {"type": "integer"},
        }
    },
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "string"}},
                "required": ["detail"],
            }
        }
    },
}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def add_throttled_response(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("responses", {})["Throttled"] = THROTTLED
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method in METHODS:
                operation.setdefault("responses", {})["429"] = {"$ref": "#/components/responses/Throttled"}
    return result
