"""The one cattrs converter between PRISM bodies and the records of the ports."""

from __future__ import annotations

from typing import Any, TypeVar

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from endpoints_submission_cli.adapters.prism.errors import MalformedResponse
from endpoints_submission_cli.application.ports import (
    DownloadTarget,
    RunPayload,
    UploadTarget,
)

T = TypeVar("T", UploadTarget, DownloadTarget)

# The response key that holds each target's `url`.
URL_KEYS = {UploadTarget: "upload_url", DownloadTarget: "download_url"}


def strict_str(value: object, _: type) -> str:
    """Structure a string, refusing the `str()` of anything else."""
    if not isinstance(value, str):
        message = f"expected a string, got {type(value).__name__}"
        raise TypeError(message)
    return value


def strict_int(value: object, _: type) -> int:
    """Structure an integer, refusing booleans, strings and fractions."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        message = f"expected an integer, got {type(value).__name__}"
        raise TypeError(message)
    if value != int(value):
        message = f"expected an integer, got {value!r}"
        raise ValueError(message)
    return int(value)


def make_converter() -> cattrs.Converter:
    """Return the converter: payloads omit unset fields, targets rename `url`."""
    converter = cattrs.Converter()
    converter.register_structure_hook(str, strict_str)
    converter.register_structure_hook(int, strict_int)
    converter.register_unstructure_hook(
        RunPayload,
        make_dict_unstructure_fn(RunPayload, converter, _cattrs_omit_if_default=True),
    )
    for target, key in URL_KEYS.items():
        converter.register_structure_hook(
            target,
            make_dict_structure_fn(target, converter, url=override(rename=key)),
        )
    return converter


converter = make_converter()


def payload_body(payload: RunPayload) -> dict[str, Any]:
    """Return the JSON body of `POST /runs`, fields in order, None ones left out."""
    return converter.unstructure(payload)


def structure_target(body: object, kind: type[T], source: str) -> T:
    """Return the signed-URL target in a response body.

    Raises:
        MalformedResponse: the body is not an object with an absolute http(s) URL.
    """
    if not isinstance(body, dict):
        message = (
            f"{source} answered a JSON {json_kind(body)} where an object was expected"
        )
        raise MalformedResponse(message)
    try:
        target = converter.structure(body, kind)
    except cattrs.BaseValidationError as err:
        problems = "; ".join(cattrs.transform_error(err, path="body"))
        problems = problems.replace("body.url", f"body.{URL_KEYS[kind]}")
        raise MalformedResponse(
            f"{source} answered an unusable body: {problems}"
        ) from None
    if not target.url.startswith(("https://", "http://")):
        message = f"{source} answered a URL that is not an absolute http(s) URL"
        raise MalformedResponse(message)
    return target


def json_kind(value: object) -> str:
    """Name the JSON type of a decoded value."""
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean"}
    if value is None:
        return "null"
    return kinds.get(type(value), "number")
