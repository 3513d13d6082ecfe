"""A PRISM-compatible HTTP server for tests, serving the runs endpoints on 127.0.0.1.

Start it in a ``with`` block (port 0, a daemon thread, stopped on exit)::

    with serve_prism(token="mlc_test") as server:
        api = HttpxRunsApi(server.base_url, "mlc_test")
        run = api.create_run(payload)
        ...
        assert server.archive(run["id"]) == packed_bytes

or use the ``prism_server`` fixture (token ``PRISM_TOKEN``) by importing it into a
``conftest.py``, or writing a fixture around ``serve_prism``.

Endpoints, all under the API key header ``X-API-Key`` (401 ``{"detail": "Invalid
API key"}`` otherwise): ``GET /runs`` (summaries: id, model, concurrency,
started_at, finished_at), ``POST /runs`` (201 with the run record; 422 with a
FastAPI-style ``detail`` list when a required key is missing or of the wrong type),
``GET`` / ``DELETE /runs/{id}`` (delete answers 204), ``PATCH /runs/{id}/pin`` and
``/unpin``, ``GET /runs/{id}/archive/upload-url`` (``upload_url``, ``expires_in``,
``archive_uri``), ``GET /runs/{id}/archive`` (``download_url``, ``expires_in``; 404
while no archive is stored) and ``DELETE /runs/{id}/archive`` (204, or 404). An
unknown run is 404 ``{"detail": "Run not found"}``.

Storage: signed URLs ``/storage/runs/<id>.tar.gz?expires=…&signature=…`` on the same
server. A PUT needs the right signature and a ``Content-Length`` and must not carry
the API key (400 if it does); the bytes land in ``storage_dir``. A GET serves them
with ``Content-Length``.

State for assertions: ``server.runs`` (id → record, in creation order),
``server.archive(run_id)`` (the stored bytes or None), ``server.requests`` (every
request seen, as ``SeenRequest``). Seed state without HTTP with ``server.add_run``
and ``server.store_archive``.

Fault hooks, each consumed by the next matching requests (``path`` is an fnmatch
pattern matched against the path without query, ``method`` None matches any):

- ``server.fail_next(method, path, status, times=1, retry_after=None, detail=…)``
  answers the status with ``{"detail": detail}`` (and ``Retry-After`` when given);
- ``server.truncate_next_download(times=1)`` announces the full ``Content-Length``
  of a storage GET but sends only half the bytes, then closes the connection;
- ``server.drop_next_upload(times=1)`` reads half of a storage PUT's body, then
  closes the connection without an answer.
"""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
import json
import re
import secrets
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

PRISM_TOKEN = "mlc_test_token_0123456789abcdef"  # noqa: S105
USER_ID = "user-0001"
API_VERSION = "1.0.0"
UPLOAD_EXPIRES_IN = 3600
DOWNLOAD_EXPIRES_IN = 300
DEFAULT_EXPIRY = timedelta(days=30)
ARCHIVE_BUCKET = "gs://prism-test-archives"
READ_CHUNK = 64 * 1024
REQUIRED_DICTS = ("system_info", "config", "result_summary")
REQUIRED_STRINGS = ("benchmark_version", "started_at", "finished_at")
RUN = r"/runs/(?P<run_id>[^/]+)"
ROUTES = [
    ("GET", r"/runs", "list_runs"),
    ("POST", r"/runs", "create_run"),
    ("GET", RUN, "get_run"),
    ("DELETE", RUN, "delete_run"),
    ("PATCH", RUN + r"/pin", "pin_run"),
    ("PATCH", RUN + r"/unpin", "unpin_run"),
    ("GET", RUN + r"/archive/upload-url", "upload_url"),
    ("GET", RUN + r"/archive", "download_url"),
    ("DELETE", RUN + r"/archive", "delete_archive"),
]


@dataclass(frozen=True)
class SeenRequest:
    """One request the server received."""

    method: str
    path: str
    query: str
    api_key: str | None


@dataclass
class Fault:
    """A misbehaviour for the next `remaining` requests that match."""

    kind: str
    method: str | None
    pattern: str
    remaining: int
    status: int = 500
    retry_after: str | None = None
    detail: str = "Injected failure"

    def matches(self, method: str, path: str) -> bool:
        return (self.method in (None, method)) and fnmatch.fnmatchcase(
            path, self.pattern
        )


@dataclass
class PrismServer:
    """The state of a running test server, its fault hooks and its base URL."""

    token: str
    storage_dir: Path
    base_url: str = ""
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[SeenRequest] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(16))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_run(self, run_id: str | None = None, **fields: Any) -> dict[str, Any]:
        """Store a run record as `POST /runs` would and return it."""
        payload = {
            "benchmark_version": "abc1234",
            "started_at": "2026-12-03T18:00:00+00:00",
            "finished_at": "2026-12-03T18:30:00+00:00",
            "system_info": {"submitter": "Example"},
            "config": {"model_params": {"name": "example-model"}},
            "result_summary": {"duration_ns": 1_800_000_000_000},
        }
        record = new_record({**payload, **fields}, run_id or str(uuid.uuid4()))
        with self.lock:
            self.runs[record["id"]] = record
        return record

    def archive(self, run_id: str) -> bytes | None:
        """Return the bytes stored for the run's archive, or None."""
        path = self.object_path(archive_key(run_id))
        return path.read_bytes() if path.is_file() else None

    def store_archive(self, run_id: str, data: bytes) -> None:
        """Store bytes as the run's archive, as a signed upload would."""
        key = archive_key(run_id)
        self.object_path(key).write_bytes(data)
        with self.lock:
            self.runs[run_id]["archive_uri"] = f"{ARCHIVE_BUCKET}/{key}"

    def fail_next(
        self,
        method: str | None,
        path: str,
        status: int,
        *,
        times: int = 1,
        retry_after: str | None = None,
        detail: str = "Injected failure",
    ) -> None:
        """Answer the next `times` matching requests with `status` and `detail`."""
        fault = Fault("status", method, path, times, status, retry_after, detail)
        self._add(fault)

    def truncate_next_download(self, *, times: int = 1) -> None:
        """Cut the next `times` storage downloads to half their announced size."""
        self._add(Fault("truncate", "GET", "/storage/*", times))

    def drop_next_upload(self, *, times: int = 1) -> None:
        """Close the connection half-way through the next `times` storage uploads."""
        self._add(Fault("drop", "PUT", "/storage/*", times))

    def take_fault(self, method: str, path: str) -> Fault | None:
        """Consume and return the first fault that matches the request."""
        with self.lock:
            for fault in self.faults:
                if fault.remaining > 0 and fault.matches(method, path):
                    fault.remaining -= 1
                    return fault
        return None

    def signed_url(self, method: str, key: str) -> str:
        expires = str(int(datetime.now(timezone.utc).timestamp()) + UPLOAD_EXPIRES_IN)
        signature = self.signature(method, key, expires)
        return f"{self.base_url}/storage/{key}?expires={expires}&signature={signature}"

    def signature(self, method: str, key: str, expires: str) -> str:
        message = f"{method}:{key}:{expires}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def object_path(self, key: str) -> Path:
        return self.storage_dir / key.replace("/", "__")

    def _add(self, fault: Fault) -> None:
        with self.lock:
            self.faults.append(fault)


def archive_key(run_id: str) -> str:
    return f"runs/{run_id}.tar.gz"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat()


def default_expiry() -> str:
    return (datetime.now(timezone.utc) + DEFAULT_EXPIRY).isoformat()


def new_record(payload: dict[str, Any], run_id: str) -> dict[str, Any]:
    """Return the run record the server keeps for a valid `POST /runs` body."""
    pinned = bool(payload.get("pinned", False))
    return {
        "id": run_id,
        "user_id": USER_ID,
        "benchmark_version": payload["benchmark_version"],
        "api_version": API_VERSION,
        "cli_version": payload.get("cli_version"),
        "started_at": payload["started_at"],
        "finished_at": payload["finished_at"],
        "expires_at": None if pinned else payload.get("expires_at") or default_expiry(),
        "pinned": pinned,
        "is_test": bool(payload.get("is_test", False)),
        "is_valid": True,
        "invalidation_reason": None,
        "archive_uri": None,
        "system_info": payload["system_info"],
        "config": payload["config"],
        "result_summary": payload["result_summary"],
    }


def summary(record: dict[str, Any]) -> dict[str, Any]:
    """Return the list view of a run record."""
    config = record["config"]
    return {
        "id": record["id"],
        "model": dig(config, "model_params", "name"),
        "concurrency": dig(config, "settings", "load_pattern", "target_concurrency"),
        "started_at": record["started_at"],
        "finished_at": record["finished_at"],
    }


def dig(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def validation_problems(body: Any) -> list[dict[str, Any]]:
    """Return FastAPI-style validation errors for a `POST /runs` body."""
    if not isinstance(body, dict):
        message = "Input should be a valid dictionary or object to extract fields from"
        return [{"type": "model_attributes_type", "loc": ["body"], "msg": message}]
    problems = []
    for key in (*REQUIRED_STRINGS, *REQUIRED_DICTS):
        expected = dict if key in REQUIRED_DICTS else str
        if key not in body:
            problems.append(problem("missing", key, "Field required", body))
        elif not isinstance(body[key], expected):
            kind, noun = (
                ("dict_type", "dictionary")
                if expected is dict
                else ("string_type", "string")
            )
            problems.append(
                problem(kind, key, f"Input should be a valid {noun}", body[key])
            )
    return problems


def problem(kind: str, key: str, message: str, value: Any) -> dict[str, Any]:
    return {"type": kind, "loc": ["body", key], "msg": message, "input": value}


class PrismHandler(BaseHTTPRequestHandler):
    """Answers one connection's requests from the state of the `PrismServer`."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "PrismTest/1.0"

    @property
    def prism(self) -> PrismServer:
        return self.server.prism  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self.dispatch()

    def do_POST(self) -> None:
        self.dispatch()

    def do_PUT(self) -> None:
        self.dispatch()

    def do_PATCH(self) -> None:
        self.dispatch()

    def do_DELETE(self) -> None:
        self.dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: tests read `PrismServer.requests` instead."""

    def dispatch(self) -> None:
        url = urlsplit(self.path)
        length = self.headers.get("Content-Length", "0")
        self.body_left = int(length) if length.isdigit() else 0
        api_key = self.headers.get("X-API-Key")
        with self.prism.lock:
            self.prism.requests.append(
                SeenRequest(self.command, url.path, url.query, api_key)
            )
        fault = self.prism.take_fault(self.command, url.path)
        if fault and fault.kind == "status":
            self.discard_body()
            self.inject_status(fault)
        elif url.path.startswith("/storage/"):
            self.storage(url.path.removeprefix("/storage/"), url.query, api_key, fault)
        elif api_key != self.prism.token:
            self.discard_body()
            self.send_json(401, {"detail": "Invalid API key"})
        else:
            self.route(url.path)

    def route(self, path: str) -> None:
        allowed = False
        for method, pattern, name in ROUTES:
            match = re.fullmatch(pattern, path)
            if match and method == self.command:
                getattr(self, name)(**match.groupdict())
                return
            allowed = allowed or bool(match)
        self.discard_body()
        if allowed:
            self.send_json(405, {"detail": "Method Not Allowed"})
        else:
            self.send_json(404, {"detail": "Not Found"})

    # The runs endpoints.

    def list_runs(self) -> None:
        with self.prism.lock:
            runs = [summary(record) for record in self.prism.runs.values()]
        self.send_json(200, runs)

    def create_run(self) -> None:
        raw = self.read_body()
        try:
            body = json.loads(raw)
        except ValueError as err:
            detail = [
                {
                    "type": "json_invalid",
                    "loc": ["body", 0],
                    "msg": "JSON decode error",
                    "ctx": {"error": str(err)},
                }
            ]
            self.send_json(422, {"detail": detail})
            return
        problems = validation_problems(body)
        if problems:
            self.send_json(422, {"detail": problems})
            return
        record = new_record(body, str(uuid.uuid4()))
        with self.prism.lock:
            self.prism.runs[record["id"]] = record
        self.send_json(201, record)

    def get_run(self, run_id: str) -> None:
        record = self.existing_run(run_id)
        if record is not None:
            self.send_json(200, record)

    def delete_run(self, run_id: str) -> None:
        if self.existing_run(run_id) is not None:
            with self.prism.lock:
                del self.prism.runs[run_id]
            self.send_empty(204)

    def pin_run(self, run_id: str) -> None:
        self.update_run(run_id, pinned=True, expires_at=None)

    def unpin_run(self, run_id: str) -> None:
        self.update_run(run_id, pinned=False, expires_at=default_expiry())

    def upload_url(self, run_id: str) -> None:
        if self.existing_run(run_id) is None:
            return
        key = archive_key(run_id)
        self.send_json(
            200,
            {
                "upload_url": self.prism.signed_url("PUT", key),
                "expires_in": UPLOAD_EXPIRES_IN,
                "archive_uri": f"{ARCHIVE_BUCKET}/{key}",
            },
        )

    def download_url(self, run_id: str) -> None:
        if self.existing_run(run_id) is None:
            return
        if self.prism.archive(run_id) is None:
            self.send_json(404, {"detail": "Archive not found"})
            return
        url = self.prism.signed_url("GET", archive_key(run_id))
        self.send_json(200, {"download_url": url, "expires_in": DOWNLOAD_EXPIRES_IN})

    def delete_archive(self, run_id: str) -> None:
        if self.existing_run(run_id) is None:
            return
        path = self.prism.object_path(archive_key(run_id))
        if not path.is_file():
            self.send_json(404, {"detail": "Archive not found"})
            return
        path.unlink()
        self.update_record(run_id, archive_uri=None)
        self.send_empty(204)

    def existing_run(self, run_id: str) -> dict[str, Any] | None:
        """Return the record, or answer 404 and return None."""
        self.discard_body()
        with self.prism.lock:
            record = self.prism.runs.get(run_id)
        if record is None:
            self.send_json(404, {"detail": "Run not found"})
        return record

    def update_run(self, run_id: str, **changes: Any) -> None:
        if self.existing_run(run_id) is not None:
            self.send_json(200, self.update_record(run_id, **changes))

    def update_record(self, run_id: str, **changes: Any) -> dict[str, Any]:
        with self.prism.lock:
            record = self.prism.runs[run_id]
            record.update(changes)
            return dict(record)

    # Signed storage.

    def storage(
        self, key: str, query: str, api_key: str | None, fault: Fault | None
    ) -> None:
        if api_key is not None:
            self.discard_body()
            self.send_text(400, "The API key must not be sent to storage.")
            return
        if not self.signed(key, query):
            self.discard_body()
            self.send_text(403, "<Error><Code>SignatureDoesNotMatch</Code></Error>")
            return
        if self.command == "PUT":
            self.store_object(key, dropped=fault is not None)
        elif self.command == "GET":
            self.serve_object(key, truncated=fault is not None)
        else:
            self.discard_body()
            self.send_text(405, "Method not allowed.")

    def signed(self, key: str, query: str) -> bool:
        fields = parse_qs(query)
        expires = fields.get("expires", [""])[0]
        given = fields.get("signature", [""])[0]
        wanted = self.prism.signature(self.command, key, expires)
        fresh = (
            expires.isdigit() and int(expires) > datetime.now(timezone.utc).timestamp()
        )
        return fresh and hmac.compare_digest(given, wanted)

    def store_object(self, key: str, *, dropped: bool) -> None:
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            self.close_connection = True
            self.send_text(411, "Content-Length required.")
            return
        if dropped:
            self.rfile.read(int(length) // 2)
            self.close_connection = True
            return
        path = self.prism.object_path(key)
        partial = path.with_name(path.name + ".part")
        with partial.open("wb") as file:
            self.copy_body(file)
        partial.replace(path)
        run_id = key.removeprefix("runs/").removesuffix(".tar.gz")
        with self.prism.lock:
            if run_id in self.prism.runs:
                self.prism.runs[run_id]["archive_uri"] = f"{ARCHIVE_BUCKET}/{key}"
        self.send_empty(200)

    def serve_object(self, key: str, *, truncated: bool) -> None:
        self.discard_body()
        path = self.prism.object_path(key)
        if not path.is_file():
            self.send_text(404, "<Error><Code>NoSuchKey</Code></Error>")
            return
        data = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if truncated:
            self.wfile.write(data[: len(data) // 2])
            self.close_connection = True
        else:
            self.wfile.write(data)

    # Bodies.

    def inject_status(self, fault: Fault) -> None:
        headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
        self.send_json(fault.status, {"detail": fault.detail}, headers)

    def read_body(self) -> bytes:
        body = self.rfile.read(self.body_left)
        self.body_left = 0
        return body

    def discard_body(self) -> None:
        self.copy_body(None)

    def copy_body(self, file: Any) -> None:
        """Read what is left of the body, writing it to the file if one is given."""
        while self.body_left > 0:
            chunk = self.rfile.read(min(READ_CHUNK, self.body_left))
            if not chunk:
                break
            self.body_left -= len(chunk)
            if file is not None:
                file.write(chunk)

    def send_json(
        self, status: int, body: Any, headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(body).encode()
        self.send_bytes(status, data, "application/json", headers or {})

    def send_text(self, status: int, text: str) -> None:
        self.send_bytes(status, text.encode(), "text/plain; charset=utf-8", {})

    def send_empty(self, status: int) -> None:
        self.send_response(status)
        if status != 204:
            self.send_header("Content-Length", "0")
        self.end_headers()

    def send_bytes(
        self, status: int, data: bytes, kind: str, headers: dict[str, str]
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class QuietThreadingHTTPServer(ThreadingHTTPServer):
    """A threading server that does not print the resets tests cause on purpose."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore connection errors; the client side of a test reports them."""


@contextmanager
def serve_prism(
    token: str = PRISM_TOKEN, storage_dir: Path | None = None
) -> Iterator[PrismServer]:
    """Run a PRISM test server on 127.0.0.1 in a thread for the `with` block."""
    temporary = None
    if storage_dir is None:
        temporary = tempfile.mkdtemp(prefix="prism-storage-")
        storage_dir = Path(temporary)
    storage_dir.mkdir(parents=True, exist_ok=True)
    prism = PrismServer(token=token, storage_dir=storage_dir)
    httpd = QuietThreadingHTTPServer(("127.0.0.1", 0), PrismHandler)
    httpd.prism = prism  # type: ignore[attr-defined]
    prism.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield prism
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


@pytest.fixture
def prism_server(tmp_path: Path) -> Iterator[PrismServer]:
    """A running PRISM test server that accepts `PRISM_TOKEN`."""
    with serve_prism(PRISM_TOKEN, tmp_path / "prism-storage") as server:
        yield server
