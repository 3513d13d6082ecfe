"""HttpxRunsApi over a scripted transport: requests, retries and error mapping."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from endpoints_submission_cli.adapters.prism import (
    HttpxRunsApi,
    InvalidBaseUrl,
    InvalidRunId,
    InvalidToken,
    MalformedResponse,
)
from endpoints_submission_cli.application.errors import (
    AuthenticationFailed,
    NotFound,
    RemoteError,
)
from endpoints_submission_cli.application.ports import RunPayload, UploadTarget
from tests.unit.adapters.prism.scripted import TOKEN, ScriptedServer, Sleeps

BASE_URL = "https://prism.example"
RUN_ID = "0b9d6c1e-5f1a-4c38-9a43-0a4ad7b2f0d1"
PAYLOAD = RunPayload(
    benchmark_version="abc1234",
    started_at="2026-12-03T18:00:00+00:00",
    finished_at="2026-12-03T18:30:00+00:00",
    system_info={"submitter": "Example"},
    config={"model_params": {"name": "llama"}},
    result_summary={"duration_ns": 1800},
    cli_version="0.1.0",
)


def ok(body: object = None, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body)


def api_for(server: ScriptedServer, sleeps: Sleeps | None = None) -> HttpxRunsApi:
    return HttpxRunsApi(
        BASE_URL, TOKEN, transport=server.transport, sleep=sleeps or Sleeps()
    )


def failure_of(server: ScriptedServer, call: str, *args: object) -> RemoteError:
    with pytest.raises(RemoteError) as caught:
        getattr(api_for(server), call)(*args)
    return caught.value


class TestRequests:
    def test_sends_the_api_key_and_user_agent_to_the_base_url(self) -> None:
        server = ScriptedServer(ok([]))

        api_for(server).list_runs()

        request = server.requests[0]
        assert str(request.url) == f"{BASE_URL}/runs"
        assert request.headers["X-API-Key"] == TOKEN
        assert request.headers["User-Agent"].startswith("endpoints-submission-cli/")

    def test_uses_the_api_timeout_profile(self) -> None:
        server = ScriptedServer(ok([]))

        api_for(server).list_runs()

        timeout = server.requests[0].extensions["timeout"]
        assert timeout == {"connect": 10.0, "read": 30.0, "write": 30.0, "pool": 5.0}

    def test_posts_the_payload_without_unset_fields_in_field_order(self) -> None:
        server = ScriptedServer(ok({"id": RUN_ID}, 201))

        record = api_for(server).create_run(PAYLOAD)

        body = json.loads(server.bodies[0])
        assert record == {"id": RUN_ID}
        assert list(body) == [
            "benchmark_version",
            "started_at",
            "finished_at",
            "system_info",
            "config",
            "result_summary",
            "cli_version",
        ]

    @pytest.mark.parametrize(
        ("call", "method", "path"),
        [
            ("get_run", "GET", f"/runs/{RUN_ID}"),
            ("delete_run", "DELETE", f"/runs/{RUN_ID}"),
            ("delete_run_archive", "DELETE", f"/runs/{RUN_ID}/archive"),
            ("pin_run", "PATCH", f"/runs/{RUN_ID}/pin"),
            ("unpin_run", "PATCH", f"/runs/{RUN_ID}/unpin"),
        ],
    )
    def test_calls_the_endpoint_of_each_run_operation(
        self, call: str, method: str, path: str
    ) -> None:
        server = ScriptedServer(ok({"id": RUN_ID}))

        getattr(api_for(server), call)(RUN_ID)

        assert (server.requests[0].method, server.requests[0].url.path) == (
            method,
            path,
        )

    def test_quotes_a_run_id_as_one_path_segment(self) -> None:
        server = ScriptedServer(ok({"id": "a/b"}))

        api_for(server).get_run("a/b?x")

        assert server.requests[0].url.raw_path == b"/runs/a%2Fb%3Fx"

    @pytest.mark.parametrize("run_id", ["", ".", ".."])
    def test_refuses_a_run_id_that_would_change_the_path(self, run_id: str) -> None:
        server = ScriptedServer()

        with pytest.raises(InvalidRunId, match="cannot be part of a request path"):
            api_for(server).get_run(run_id)
        assert server.requests == []

    def test_reads_the_upload_target(self) -> None:
        body = {
            "upload_url": "https://storage.example/runs/x?sig=1",
            "expires_in": 3600,
            "archive_uri": "gs://bucket/runs/x",
        }
        server = ScriptedServer(ok(body))

        target = api_for(server).run_upload_target(RUN_ID)

        assert target == UploadTarget(
            "https://storage.example/runs/x?sig=1", 3600, "gs://bucket/runs/x"
        )
        assert server.requests[0].url.path == f"/runs/{RUN_ID}/archive/upload-url"

    def test_reads_the_download_target(self) -> None:
        body = {"download_url": "https://storage.example/x?sig=2", "expires_in": 300}
        server = ScriptedServer(ok(body))

        target = api_for(server).run_download_target(RUN_ID)

        assert (target.url, target.expires_in) == (body["download_url"], 300)
        assert server.requests[0].url.path == f"/runs/{RUN_ID}/archive"

    def test_keeps_records_in_server_key_order(self) -> None:
        server = ScriptedServer(httpx.Response(200, text='{"z": 1, "a": 2, "id": "r"}'))

        record = api_for(server).get_run("r")

        assert list(record) == ["z", "a", "id"]

    def test_hides_the_token_in_its_repr(self) -> None:
        api = api_for(ScriptedServer())

        assert TOKEN not in repr(api)
        assert BASE_URL in repr(api)


class TestConfiguration:
    @pytest.mark.parametrize(
        "base_url",
        ["endpointsapi.mlcommons.org", "ftp://prism.example", "", "https://"],
    )
    def test_refuses_a_base_url_that_is_not_absolute_http(self, base_url: str) -> None:
        with pytest.raises(InvalidBaseUrl, match="not an absolute http"):
            HttpxRunsApi(base_url, TOKEN)

    @pytest.mark.parametrize(
        "token", ["", "mlc_with space", "mlc_line\n", "mlc_caf\u00e9"]
    )
    def test_refuses_a_token_no_header_can_carry_without_showing_it(
        self, token: str
    ) -> None:
        with pytest.raises(InvalidToken) as caught:
            HttpxRunsApi(BASE_URL, token)

        assert "mlc_" not in str(caught.value)

    def test_closes_its_client_when_used_as_a_context_manager(self) -> None:
        with api_for(ScriptedServer(ok([]))) as api:
            api.list_runs()

        with pytest.raises(RuntimeError):
            api.list_runs()


class TestRetries:
    def test_retries_a_get_after_a_server_error(self) -> None:
        server = ScriptedServer(ok({"detail": "busy"}, 500), ok([{"id": RUN_ID}]))
        sleeps = Sleeps()

        runs = api_for(server, sleeps).list_runs()

        assert runs == [{"id": RUN_ID}]
        assert len(server.requests) == 2
        assert len(sleeps.calls) == 1

    def test_retries_a_delete_after_a_server_error(self) -> None:
        server = ScriptedServer(ok(None, 502), httpx.Response(204))

        api_for(server).delete_run(RUN_ID)

        assert [r.method for r in server.requests] == ["DELETE", "DELETE"]

    def test_never_retries_a_post(self) -> None:
        server = ScriptedServer(ok({"detail": "boom"}, 500), ok({"id": RUN_ID}))

        with pytest.raises(RemoteError) as caught:
            api_for(server).create_run(PAYLOAD)

        assert caught.value.status_code == 500
        assert len(server.requests) == 1

    def test_never_retries_a_patch(self) -> None:
        server = ScriptedServer(ok(None, 503), ok({}))

        with pytest.raises(RemoteError):
            api_for(server).pin_run(RUN_ID)
        assert len(server.requests) == 1

    def test_never_retries_a_post_after_a_timeout(self) -> None:
        server = ScriptedServer(httpx.ReadTimeout("timed out"), ok({"id": RUN_ID}))

        with pytest.raises(RemoteError, match="Request failed: ReadTimeout"):
            api_for(server).create_run(PAYLOAD)
        assert len(server.requests) == 1

    def test_waits_as_long_as_retry_after_asks(self) -> None:
        limited = httpx.Response(429, headers={"Retry-After": "2"}, json={})
        server = ScriptedServer(limited, ok([]))
        sleeps = Sleeps()

        api_for(server, sleeps).list_runs()

        assert sleeps.calls == [2.0]

    def test_caps_a_long_retry_after(self) -> None:
        limited = httpx.Response(503, headers={"Retry-After": "86400"})
        server = ScriptedServer(limited, ok([]))
        sleeps = Sleeps()

        api_for(server, sleeps).list_runs()

        assert sleeps.calls == [60.0]

    @pytest.mark.parametrize(
        "failure",
        [
            httpx.ConnectTimeout("timed out"),
            httpx.ReadTimeout("timed out"),
            httpx.ConnectError("[Errno 111] Connection refused"),
        ],
        ids=["connect-timeout", "read-timeout", "refused"],
    )
    def test_gives_up_on_a_transport_failure_after_four_attempts(
        self, failure: Exception
    ) -> None:
        server = ScriptedServer(*[failure] * 4)
        sleeps = Sleeps()

        with pytest.raises(RemoteError) as caught:
            api_for(server, sleeps).get_run(RUN_ID)

        name = type(failure).__name__
        assert str(caught.value) == f"Request failed: {name}: {failure}"
        assert caught.value.status_code is None
        assert len(server.requests) == 4
        assert len(sleeps.calls) == 3

    def test_backs_off_within_growing_bounds(self) -> None:
        server = ScriptedServer(*[ok(None, 500)] * 4)
        sleeps = Sleeps()

        with pytest.raises(RemoteError, match="API error 500"):
            api_for(server, sleeps).list_runs()

        assert [
            0 <= s <= b for s, b in zip(sleeps.calls, [0.5, 1, 2], strict=True)
        ] == [True] * 3

    def test_does_not_retry_a_client_error(self) -> None:
        server = ScriptedServer(ok({"detail": "bad"}, 400), ok([]))

        with pytest.raises(RemoteError, match="API error 400: bad"):
            api_for(server).list_runs()
        assert len(server.requests) == 1


class TestErrorMapping:
    @pytest.mark.parametrize("status", [401, 403])
    def test_maps_a_refused_token_to_authentication_failed(self, status: int) -> None:
        server = ScriptedServer(ok({"detail": "Invalid API key"}, status))

        error = failure_of(server, "list_runs")

        assert isinstance(error, AuthenticationFailed)
        assert str(error) == f"Authentication failed (HTTP {status}): Invalid API key"
        assert (error.status_code, error.detail) == (status, "Invalid API key")

    def test_says_authentication_failed_without_a_body(self) -> None:
        error = failure_of(ScriptedServer(httpx.Response(401)), "list_runs")

        assert str(error) == "Authentication failed (HTTP 401)"
        assert error.detail is None

    def test_maps_404_to_not_found(self) -> None:
        server = ScriptedServer(ok({"detail": "Run not found"}, 404))

        error = failure_of(server, "get_run", RUN_ID)

        assert isinstance(error, NotFound)
        assert isinstance(error, LookupError)
        assert str(error) == "API error 404: Run not found"
        assert error.status_code == 404

    def test_lists_the_locations_and_messages_of_a_validation_error(self) -> None:
        detail = [
            {"type": "missing", "loc": ["body", "started_at"], "msg": "Field required"},
            {"type": "dict_type", "loc": ["body", "config"], "msg": "Input should be"},
        ]
        server = ScriptedServer(ok({"detail": detail}, 422))

        error = failure_of(server, "create_run", PAYLOAD)

        assert str(error) == (
            "API error 422: body.started_at: Field required; "
            "body.config: Input should be"
        )
        assert error.status_code == 422

    def test_cuts_a_text_body_to_500_characters(self) -> None:
        server = ScriptedServer(httpx.Response(400, text="x" * 2000))

        error = failure_of(server, "list_runs")

        assert str(error) == "API error 400: " + "x" * 500

    def test_shows_a_json_body_without_detail_as_text(self) -> None:
        server = ScriptedServer(httpx.Response(409, text='{"error": "in use"}'))

        error = failure_of(server, "delete_run", RUN_ID)

        assert str(error) == 'API error 409: {"error": "in use"}'

    def test_renders_a_structured_detail_as_json(self) -> None:
        server = ScriptedServer(ok({"detail": {"reason": "in use"}}, 409))

        error = failure_of(server, "delete_run", RUN_ID)

        assert str(error) == 'API error 409: {"reason": "in use"}'

    def test_names_the_status_when_the_body_is_empty(self) -> None:
        error = failure_of(ScriptedServer(httpx.Response(400)), "list_runs")

        assert str(error) == "API error 400: Bad Request"

    def test_scrubs_a_token_the_server_echoes(self) -> None:
        server = ScriptedServer(ok({"detail": f"key {TOKEN} revoked"}, 401))

        error = failure_of(server, "list_runs")

        assert TOKEN not in str(error)
        assert "mlc_" not in (error.detail or "")


class TestSuccessBodies:
    def test_accepts_an_empty_answer_to_a_delete(self) -> None:
        server = ScriptedServer(httpx.Response(204), httpx.Response(204))
        api = api_for(server)

        assert api.delete_run(RUN_ID) is None
        assert api.delete_run_archive(RUN_ID) is None

    def test_ignores_the_body_of_pin_and_unpin(self) -> None:
        server = ScriptedServer(httpx.Response(200), httpx.Response(200, text="ok"))
        api = api_for(server)

        assert api.pin_run(RUN_ID) is None
        assert api.unpin_run(RUN_ID) is None

    def test_refuses_a_created_run_without_id(self) -> None:
        server = ScriptedServer(ok({"status": "created"}, 201))

        with pytest.raises(MalformedResponse, match="without an 'id'"):
            api_for(server).create_run(PAYLOAD)

    def test_refuses_a_success_body_that_is_not_json(self) -> None:
        server = ScriptedServer(httpx.Response(200, text="<html>maintenance</html>"))

        with pytest.raises(MalformedResponse, match="not JSON: '<html>maintenance"):
            api_for(server).list_runs()

    def test_refuses_an_object_where_a_list_of_runs_belongs(self) -> None:
        server = ScriptedServer(ok({"runs": []}))

        with pytest.raises(
            MalformedResponse, match="answered a JSON object where a list"
        ):
            api_for(server).list_runs()

    def test_refuses_a_list_where_a_record_belongs(self) -> None:
        server = ScriptedServer(ok([{"id": RUN_ID}]))

        with pytest.raises(MalformedResponse, match="where a record was expected"):
            api_for(server).get_run(RUN_ID)

    def test_refuses_an_upload_target_without_url(self) -> None:
        server = ScriptedServer(ok({"expires_in": 3600}))

        with pytest.raises(RemoteError, match=r"missing @ body\.upload_url"):
            api_for(server).run_upload_target(RUN_ID)


class TestLogging:
    def test_logs_one_line_per_request_and_one_per_retry(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.DEBUG, logger="endpoints_submission_cli")
        server = ScriptedServer(ok(None, 500), ok([]))

        api_for(server).list_runs()

        ours = [r for r in caplog.records if r.name.startswith("endpoints_")]
        assert [r.levelname for r in ours] == ["INFO", "DEBUG", "INFO"]
        assert ours[0].getMessage().startswith(f"GET {BASE_URL}/runs 500 ")

    def test_never_logs_the_token(self, caplog: pytest.LogCaptureFixture) -> None:
        caplog.set_level(logging.DEBUG)
        server = ScriptedServer(
            ok({"detail": f"bad key {TOKEN}"}, 503),
            httpx.ReadTimeout("timed out"),
            ok({"detail": f"bad key {TOKEN}"}, 401),
        )

        with pytest.raises(AuthenticationFailed):
            api_for(server).list_runs()

        assert caplog.records
        assert all(TOKEN not in r.getMessage() for r in caplog.records)
