"""The cattrs converter: run payloads out, signed-URL targets in."""

from __future__ import annotations

import pytest

from endpoints_submission_cli.adapters.prism.errors import MalformedResponse
from endpoints_submission_cli.adapters.prism.payloads import (
    payload_body,
    structure_target,
)
from endpoints_submission_cli.application.ports import (
    DownloadTarget,
    RunPayload,
    UploadTarget,
)

SOURCE = "GET /runs/r/archive/upload-url"


def payload(**optional: object) -> RunPayload:
    return RunPayload(
        "abc1234",
        "2026-12-03T18:00:00+00:00",
        "2026-12-03T18:30:00+00:00",
        {"cpu": "x"},
        {"model_params": {"name": "m"}},
        {"duration_ns": 5},
        **optional,  # type: ignore[arg-type]
    )


class TestPayloadBody:
    def test_leaves_out_fields_that_are_none(self) -> None:
        body = payload_body(payload())

        assert "expires_at" not in body
        assert "pinned" not in body
        assert "cli_version" not in body

    def test_keeps_the_field_order_and_the_values(self) -> None:
        body = payload_body(payload(expires_at="2027-01-01T00:00:00Z", pinned=True))

        assert list(body) == [
            "benchmark_version",
            "started_at",
            "finished_at",
            "system_info",
            "config",
            "result_summary",
            "expires_at",
            "pinned",
        ]
        assert body["config"] == {"model_params": {"name": "m"}}
        assert body["pinned"] is True

    def test_sends_false_when_it_is_set(self) -> None:
        assert payload_body(payload(pinned=False))["pinned"] is False


class TestStructureTarget:
    def test_reads_an_upload_target_with_its_archive_uri(self) -> None:
        body = {
            "upload_url": "https://s/x?s=1",
            "expires_in": 3600,
            "archive_uri": "gs://b/x",
        }

        target = structure_target(body, UploadTarget, SOURCE)

        assert target == UploadTarget("https://s/x?s=1", 3600, "gs://b/x")

    def test_reads_a_download_target_and_ignores_unknown_keys(self) -> None:
        body = {"download_url": "https://s/x", "expires_in": 300, "bucket": "b"}

        target = structure_target(body, DownloadTarget, SOURCE)

        assert target == DownloadTarget("https://s/x", 300)

    def test_accepts_missing_optional_fields(self) -> None:
        target = structure_target({"upload_url": "https://s/x"}, UploadTarget, SOURCE)

        assert target == UploadTarget("https://s/x")

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({}, r"required field missing @ body\.upload_url"),
            ({"upload_url": None}, r"expected str @ body\.upload_url"),
            ({"upload_url": 5}, r"expected str @ body\.upload_url"),
            ({"upload_url": "https://s", "expires_in": "soon"}, r"body\.expires_in"),
            ({"upload_url": "https://s", "expires_in": True}, r"body\.expires_in"),
            ({"upload_url": "/storage/x"}, "not an absolute http"),
            ({"upload_url": "file:///etc/passwd"}, "not an absolute http"),
            ([], "answered a JSON array where an object was expected"),
            (None, "answered a JSON null"),
        ],
    )
    def test_refuses_an_unusable_body(self, body: object, message: str) -> None:
        with pytest.raises(MalformedResponse, match=message) as caught:
            structure_target(body, UploadTarget, SOURCE)

        assert str(caught.value).startswith(SOURCE)
