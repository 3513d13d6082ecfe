"""Time our run-folder packer against `tar czf` on a generated run folder.

Usage: `.venv/bin/python bench/pack_run.py [--size-mb N] [--repeat K]`. The
folder, with an `events.jsonl` of about N MB shaped like the benchmark's detail
log, is generated in a temporary directory that is removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from endpoints_submission_cli.adapters.filesystem.archives import TarGzRunArchive

MB = 1_000_000
WORDS = 6000
SENTENCES = 30000
# Seeded in main(); it shapes test content, nothing secret.
RNG = random.Random()  # noqa: S311
SUMMARY = {
    "version": "0.5.0",
    "git_sha": "ea332753",
    "test_started_at": 0,
    "n_samples_issued": 13368,
    "n_samples_completed": 13368,
    "n_samples_failed": 0,
    "duration_ns": 818_000_000_000,
    "state": "complete",
    "complete": True,
    "qps": 16.342,
    "tps": 2091.81,
}
CONFIG = """\
name: llama3-8b-c64
version: "1.0"
type: online
model_params:
  name: meta-llama/Llama-3.1-8B-Instruct
  streaming: "on"
  max_new_tokens: 128
datasets:
  - name: cnn_dailymail::llama3_8b
    type: performance
settings:
  load_pattern:
    type: concurrency
    target_concurrency: 64
  client:
    stream_all_chunks: true
endpoint_config:
  endpoints: ["http://10.0.0.5:8000"]
  api_key: <redacted>
  api_type: openai
"""


def main() -> int:
    args = _parse()
    with tempfile.TemporaryDirectory(prefix="pack-bench-") as tmp:
        work = Path(tmp)
        folder = work / "reports_20261203_181500"
        started = time.perf_counter()
        size = _make_run_folder(folder, args.size_mb * MB)
        elapsed = time.perf_counter() - started
        print(f"generated {size / MB:.0f} MB run folder in {elapsed:.1f} s")
        _read_all(folder)
        ours = _best(args.repeat, lambda: _pack_ours(folder, work / "ours.tar.gz"))
        tar = _best(args.repeat, lambda: _pack_tar(folder, work / "tar.tar.gz"))
        _report(size, ours, tar)
    return 0


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024, help="events.jsonl size")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each packer")
    parser.add_argument("--seed", type=int, default=20261203, help="generator seed")
    args = parser.parse_args()
    RNG.seed(args.seed)
    return args


def _make_run_folder(folder: Path, events_bytes: int) -> int:
    (folder / "performance").mkdir(parents=True)
    (folder / "metrics").mkdir()
    (folder / "metrics" / ".ready").touch()
    (folder / "config.yaml").write_text(CONFIG, encoding="utf-8")
    summary = json.dumps(SUMMARY, indent=2)
    (folder / "performance" / "result_summary.json").write_text(summary, "utf-8")
    system_info = {"system_name": "Gaudi DP1", "submitter_org_names": "Acme Corp."}
    (folder / "system_info.json").write_text(json.dumps(system_info), "utf-8")
    with (folder / "events.jsonl").open("w", encoding="utf-8") as events:
        written = 0
        for lines in _event_batches():
            text = "".join(lines)
            events.write(text)
            written += len(text)
            if written >= events_bytes:
                break
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _event_batches() -> Iterator[list[str]]:
    """Yield lists of event lines, per sample as a streaming all-chunks run writes.

    Per sample: issued (the prompt), first chunk, one non-first event per
    further output token, complete (the output), as with `stream_all_chunks`.
    """
    sentences = _sentences()
    clock = 1_734_000_000_000
    while True:
        lines = []
        for _ in range(100):
            sample = f"{RNG.getrandbits(128):032x}"
            worker = RNG.randint(0, 7)
            clock += RNG.randint(200_000, 20_000_000)
            prompt = " ".join(RNG.choices(sentences, k=RNG.randint(20, 45)))
            issued = ["PromptData", prompt]
            lines.append(_event("sample.issued", clock, sample, worker, issued))
            clock += RNG.randint(60_000_000, 250_000_000)
            lines.append(_event("sample.recv_first", clock, sample, worker, None))
            for _ in range(RNG.randint(90, 127)):
                clock += RNG.randint(4_000_000, 30_000_000)
                lines.append(_chunk(clock, sample, worker))
            output = " ".join(RNG.choices(sentences, k=RNG.randint(4, 8)))
            data = ["TextModelOutput", [output[:12], output[12:]]]
            done = _event("sample.complete", clock, sample, worker, data, finish="stop")
            lines.append(done)
        yield lines


def _chunk(clock: int, sample: str, worker: int) -> str:
    return (
        f'{{"event_type": "sample.recv_non_first", "timestamp_ns": {clock},'
        f' "sample_uuid": "{sample}", "conversation_id": "", "turn": null,'
        f' "data": null, "worker_id": {worker}}}\n'
    )


def _event(
    kind: str,
    clock: int,
    sample: str,
    worker: int,
    data: object,
    *,
    finish: str | None = None,
) -> str:
    event = {
        "event_type": kind,
        "timestamp_ns": clock,
        "sample_uuid": sample,
        "conversation_id": "",
        "turn": None,
        "data": data,
    }
    if finish:
        event["finish_reason"] = finish
    event["worker_id"] = worker
    return json.dumps(event) + "\n"


def _sentences() -> list[str]:
    words = [
        "".join(RNG.choices(string.ascii_lowercase, k=RNG.randint(2, 10)))
        for _ in range(WORDS)
    ]
    # Zipf-like weights: a few words are frequent, as in news text.
    weights = [1 / rank for rank in range(1, WORDS + 1)]
    sentences = []
    for _ in range(SENTENCES):
        chosen = RNG.choices(words, weights, k=RNG.randint(8, 24))
        sentences.append(" ".join(chosen).capitalize() + RNG.choice(".!?,;"))
    return sentences


def _read_all(folder: Path) -> None:
    """Read every file once so that both packers start from a warm cache."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as stream:
                while stream.read(8 * MB):
                    pass


def _best(repeat: int, pack: Callable[[], tuple[float, int]]) -> tuple[float, int]:
    return min(pack() for _ in range(repeat))


def _pack_ours(folder: Path, destination: Path) -> tuple[float, int]:
    started = time.perf_counter()
    archive = TarGzRunArchive().pack(folder, destination)
    elapsed = time.perf_counter() - started
    destination.unlink()
    return elapsed, archive.size


def _pack_tar(folder: Path, destination: Path) -> tuple[float, int]:
    tar = shutil.which("tar")
    if tar is None:
        sys.exit("error: tar is not on PATH")
    started = time.perf_counter()
    command = [tar, "czf", str(destination), "-C", str(folder.parent), folder.name]
    subprocess.run(command, check=True)
    elapsed = time.perf_counter() - started
    size = destination.stat().st_size
    destination.unlink()
    return elapsed, size


def _report(size: int, ours: tuple[float, int], tar: tuple[float, int]) -> None:
    for name, (elapsed, packed) in (("ours", ours), ("tar czf", tar)):
        print(
            f"{name:8} {elapsed:7.2f} s  {size / MB / elapsed:7.1f} MB/s"
            f"  {packed / MB:8.1f} MB compressed ({size / packed:.1f}x)"
        )
    print(
        f"ours/tar: throughput {tar[0] / ours[0]:.2f}x,"
        f" compressed size {ours[1] / tar[1]:.3f}x"
    )


if __name__ == "__main__":
    sys.exit(main())
