"""The token never shows: not in cassettes, log lines or error messages."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from endpoints_submission_cli.adapters.prism import HttpxArchiveTransfer, HttpxRunsApi
from endpoints_submission_cli.application.errors import RemoteError
from endpoints_submission_cli.application.ports import PackedArchive, RunPayload
from tests.integration.adapters.prism.recording import CASSETTES
from tests.support.prism_server import PRISM_TOKEN, PrismServer

PAYLOAD = RunPayload("v", "2026-12-03T18:00:00Z", "2026-12-03T18:01:00Z", {}, {}, {})


def cassette_texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in CASSETTES.glob("*.yaml")]


def test_cassettes_exist_to_be_checked() -> None:
    assert len(cassette_texts()) >= 10


@pytest.mark.parametrize(("name", "text"), cassette_texts())
def test_no_cassette_holds_a_token(name: str, text: str) -> None:
    assert PRISM_TOKEN not in text
    assert "mlc_" not in text


@pytest.mark.parametrize(("name", "text"), cassette_texts())
def test_no_cassette_holds_a_url_signature(name: str, text: str) -> None:
    assert re.findall(r"signature=(?!REDACTED)\w+", text) == []


def failures(server: PrismServer, tmp_path: Path) -> list[RemoteError]:
    """Provoke every kind of failure once; return the errors raised."""
    echo = f"key {PRISM_TOKEN} is not valid"
    server.fail_next("GET", "/runs", 401, detail=echo)
    server.fail_next("GET", "/runs/*", 503, times=4, detail=echo)
    server.fail_next("POST", "/runs", 422, detail=echo)
    server.fail_next("PUT", "/storage/*", 500, times=4, detail=echo)
    run_id = server.add_run()["id"]
    archive = tmp_path / "a.tar.gz"
    archive.write_bytes(b"archive")
    errors = []
    with (
        HttpxRunsApi(server.base_url, PRISM_TOKEN, sleep=lambda s: None) as api,
        HttpxArchiveTransfer(sleep=lambda s: None) as transfer,
    ):
        calls = [
            api.list_runs,
            lambda: api.get_run(run_id),
            lambda: api.create_run(PAYLOAD),
            lambda: transfer.upload(
                api.run_upload_target(run_id),
                PackedArchive(archive, 7, "0" * 64),
                lambda done, total: None,
            ),
        ]
        for call in calls:
            with pytest.raises(RemoteError) as caught:
                call()
            errors.append(caught.value)
    return errors


def test_no_error_holds_the_token(live_server: PrismServer, tmp_path: Path) -> None:
    errors = failures(live_server, tmp_path)

    assert [e.status_code for e in errors] == [401, 503, 422, 500]
    for error in errors:
        shown = f"{error} {error!r} {error.detail} {error.args}"
        assert PRISM_TOKEN not in shown
        assert "<redacted>" in shown


def test_no_log_line_holds_the_token(
    live_server: PrismServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    failures(live_server, tmp_path)

    lines = [record.getMessage() for record in caplog.records]
    assert any("Retrying" in line for line in lines)
    assert all(PRISM_TOKEN not in line for line in lines)
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("endpoints")]
    assert all("signature=" not in line for line in ours)
