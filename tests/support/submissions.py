"""A builder of realistic seed-layout submissions on disk, with mutations."""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

SYSTEM_ID = "acme-h200-trt"
MODEL = "llama3.1-8b"
MAX_CONCURRENCY = 1024
# Covers all four regions for M = 1024 (LL 1–32, LT 33–42, MT 43–131, HT 132–1127).
CONCURRENCIES = (16, 38, 88, 256, 512, 768, 1000)
DATASET = "llm-perf-dataset-v1"
# Output tokens per sample: CNN/DailyMail summaries are capped at 128 tokens.
OUTPUT_TOKENS_PER_SAMPLE = 128


def system_description(
    *, model: str = MODEL, max_concurrency: int = MAX_CONCURRENCY, **fields: Any
) -> dict[str, Any]:
    """Return a complete, valid system description; `fields` override keys."""
    document = {
        "division": "Serviced",
        "publication_status": "Available",
        "benchmark_model": model,
        "max_supported_concurrency": max_concurrency,
        "endpoint_url": "https://inference.example.com/v1",
        "serving_framework": "TensorRT-LLM 0.17.0",
        "submitter": "Acme",
        "system_name": "Acme H200 x8 TensorRT-LLM",
        "system_type": "datacenter",
        "system_type_detail": "",
        "number_of_nodes": 1,
        "host_processors_per_node": 2,
        "host_processor_model_name": "Intel Xeon Platinum 8480C",
        "host_processor_core_count": 56,
        "host_memory_capacity": "2 TB",
        "host_storage_type": "NVMe SSD",
        "host_storage_capacity": "30 TB",
        "host_networking": "Ethernet 400 Gb/s",
        "host_networking_topology": "single node",
        "accelerators_per_node": 8,
        "accelerator_model_name": "NVIDIA H200-SXM-141GB",
        "accelerator_memory_capacity": "141 GB",
        "operating_system": "Ubuntu 22.04",
    }
    document.update(fields)
    return document


def point_config(concurrency: int, *, dataset: str = DATASET) -> dict[str, Any]:
    """Return the point YAML's content as the benchmark tooling writes it."""
    return {
        "concurrency": concurrency,
        "dataset": dataset,
        "runtime_settings": {
            "load_pattern": "concurrency",
            "min_duration_ms": 600_000 if concurrency <= 32 else 1_200_000,
            "stream_all_chunks": True,
        },
    }


def system_tps(concurrency: int) -> float:
    """Return a saturating system throughput in tok/s, like an 8B model on 8 GPUs."""
    return 3400.0 * concurrency / (concurrency + 40)


def result_summary(
    concurrency: int, *, histograms: bool = False, samples: int | None = None
) -> dict[str, Any]:
    """Return a consistent result summary for one point.

    Durations are 700 s in Low Latency and 1300 s above it, so that every point
    meets its region minimum; counts, output total, `qps` and `tps` agree.
    With `histograms`, every stat block carries the benchmark's 30 buckets,
    which makes the file about 20 KB like a real one.
    """
    seconds = 700 if concurrency <= 32 else 1300
    if samples is None:
        samples = round(system_tps(concurrency) * seconds / OUTPUT_TOKENS_PER_SAMPLE)
    output_total = samples * OUTPUT_TOKENS_PER_SAMPLE
    ttft_p50 = 90e6 if concurrency <= 64 else 90e6 * concurrency / 64
    tpot_ms = 1000.0 / (system_tps(concurrency) / concurrency)
    return {
        "version": "0.5.0",
        "git_sha": "ea332753",
        "test_started_at": 0,
        "n_samples_issued": samples,
        "n_samples_completed": samples,
        "n_samples_failed": 0,
        "duration_ns": seconds * 1_000_000_000,
        "state": "complete",
        "complete": True,
        "ttft": _stat_block(samples * ttft_p50, ttft_p50, 2.0, samples, histograms),
        "tpot": _stat_block(
            samples * tpot_ms * 1e6, tpot_ms * 1e6, 1.4, samples, histograms
        ),
        "latency": _stat_block(
            samples * 128 * tpot_ms * 1e6, 128 * tpot_ms * 1e6, 1.2, samples, histograms
        ),
        "output_sequence_lengths": _stat_block(
            output_total, 128, 1.0, samples, histograms
        ),
        "input_sequence_lengths": _stat_block(
            samples * 870, 870, 1.5, samples, histograms
        ),
        "qps": round(samples / seconds, 3),
        "tps": round(output_total / seconds, 3),
        "finish_reason_counts": {
            "stop": samples // 10,
            "length": samples - samples // 10,
        },
        "run_config": {
            "load_pattern": {"type": "concurrency", "target_concurrency": concurrency},
            "warmup": {"enabled": False},
            "scheduler_random_seed": 42,
            "dataloader_random_seed": 42,
        },
    }


def _stat_block(
    total: float, median: float, spread: float, samples: int, histograms: bool
) -> dict[str, Any]:
    grid = ("99.9", "99.0", "97.0", "95.0", "90.0", "80.0", "75.0", "50.0", "25.0")
    grid += ("10.0", "5.0", "1.0")
    percentiles = {
        key: _round(median * spread ** (float(key) / 50 - 1)) for key in grid
    }
    block: dict[str, Any] = {
        "total": _round(total),
        "min": _round(median / spread),
        "max": _round(median * spread**2),
        "median": _round(median),
        "avg": _round(total / max(samples, 1)),
        "std_dev": _round(median * (spread - 1) / 2),
        "percentiles": percentiles,
    }
    if histograms:
        low, high = math.log(median / spread), math.log(median * spread**2)
        # Bucket edges are floats in the benchmark's output, whatever the unit.
        edges = [round(math.exp(low + (high - low) * i / 30), 3) for i in range(31)]
        block["histogram"] = {
            "buckets": [[edges[i], edges[i + 1]] for i in range(30)],
            "counts": [samples // 30 + (i < samples % 30) for i in range(30)],
        }
        block["early_stopping_percentiles"] = {
            key: _round(value * 1.01)
            for key, value in percentiles.items()
            if float(key) >= 50
        }
    return block


def _round(value: float) -> float | int:
    """Keep large values integral, as the benchmark writes ns and token counts."""
    return round(value) if abs(value) >= 1000 else round(value, 3)


def accuracy_result(
    *, score: float = 0.45, quality_target: float = 0.43, passed: bool = True
) -> dict[str, Any]:
    """Return an accuracy result; the defaults pass and are consistent."""
    return {
        "metric": "rouge1",
        "score": score,
        "quality_target": quality_target,
        "passed": passed,
        "num_samples": 13368,
    }


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2) + "\n"


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False)


class Submission:
    """A submission folder on disk, with methods that change one thing at a time.

    Paths given to the mutation methods are relative to the root.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, relative: str) -> Path:
        return self.root / relative

    def write(self, relative: str, content: str | bytes) -> Path:
        """Create or replace a file with text or raw bytes."""
        target = self.path(relative)
        self._clear(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        return target

    def write_json(self, relative: str, data: Any) -> Path:
        return self.write(relative, dump_json(data))

    def write_yaml(self, relative: str, data: Any) -> Path:
        return self.write(relative, dump_yaml(data))

    def read_json(self, relative: str) -> Any:
        return json.loads(self.path(relative).read_text(encoding="utf-8"))

    def update_json(self, relative: str, **fields: Any) -> Path:
        """Set top-level keys of a JSON file."""
        data = self.read_json(relative)
        data.update(fields)
        return self.write_json(relative, data)

    def read_yaml(self, relative: str) -> Any:
        return yaml.safe_load(self.path(relative).read_text(encoding="utf-8"))

    def update_yaml(self, relative: str, **fields: Any) -> Path:
        """Set top-level keys of a YAML file."""
        data = self.read_yaml(relative)
        data.update(fields)
        return self.write_yaml(relative, data)

    def delete(self, relative: str) -> None:
        """Remove a file, a link or a folder with everything below it."""
        self._clear(self.path(relative))

    def make_folder(self, relative: str) -> Path:
        """Replace whatever is at the path by an empty folder."""
        target = self.path(relative)
        self._clear(target)
        target.mkdir(parents=True)
        return target

    def link(self, relative: str, target: Path | str) -> Path:
        """Replace whatever is at the path by a symbolic link to `target`."""
        link = self.path(relative)
        self._clear(link)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)
        return link

    def add_point(
        self,
        concurrency: int,
        *,
        system_id: str = SYSTEM_ID,
        model: str = MODEL,
        name: str | None = None,
        dataset: str = DATASET,
        results: bool = True,
        histograms: bool = False,
        detail: bytes = b"{}",
    ) -> None:
        """Write a point YAML and, unless told otherwise, its result folder."""
        curve = f"pareto/{system_id}/{model}"
        self.write_yaml(
            f"{curve}/points/{name or f'point_{concurrency}.yaml'}",
            point_config(concurrency, dataset=dataset),
        )
        if results:
            folder = f"{curve}/results/point_{concurrency}"
            summary = result_summary(concurrency, histograms=histograms)
            self.write_json(f"{folder}/mlperf_endpoints_log_summary.json", summary)
            self.write(f"{folder}/mlperf_endpoints_log_detail.json", detail)

    @staticmethod
    def _clear(target: Path) -> None:
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.is_dir():
            shutil.rmtree(target)


def system_file(system_id: str = SYSTEM_ID) -> str:
    return f"systems/{system_id}.json"


def curve_dir(system_id: str = SYSTEM_ID, model: str = MODEL) -> str:
    return f"pareto/{system_id}/{model}"


def point_file(concurrency: int, system_id: str = SYSTEM_ID, model: str = MODEL) -> str:
    return f"{curve_dir(system_id, model)}/points/point_{concurrency}.yaml"


def result_dir(concurrency: int, system_id: str = SYSTEM_ID, model: str = MODEL) -> str:
    return f"{curve_dir(system_id, model)}/results/point_{concurrency}"


def summary_file(
    concurrency: int, system_id: str = SYSTEM_ID, model: str = MODEL
) -> str:
    return (
        f"{result_dir(concurrency, system_id, model)}/mlperf_endpoints_log_summary.json"
    )


def detail_file(
    concurrency: int, system_id: str = SYSTEM_ID, model: str = MODEL
) -> str:
    return (
        f"{result_dir(concurrency, system_id, model)}/mlperf_endpoints_log_detail.json"
    )


def accuracy_txt(system_id: str = SYSTEM_ID, model: str = MODEL) -> str:
    return f"{curve_dir(system_id, model)}/accuracy/accuracy.txt"


def accuracy_json(system_id: str = SYSTEM_ID, model: str = MODEL) -> str:
    return f"{curve_dir(system_id, model)}/accuracy/accuracy_result.json"


def build_submission(
    root: Path,
    *,
    systems: Iterable[str] = (SYSTEM_ID,),
    models: Iterable[str] = (MODEL,),
    concurrencies: Iterable[int] = CONCURRENCIES,
    max_concurrency: int = MAX_CONCURRENCY,
    dataset: str = DATASET,
    histograms: bool = False,
    detail: bytes = b"{}",
) -> Submission:
    """Write a passing Serviced submission under `root` and return it.

    Every system declares `max_concurrency` and the first model as its
    benchmark model; a later model of the same system therefore warns under
    `config-consistency-model`, as the rules say.
    """
    submission = Submission(root)
    models = tuple(models)
    (root / "pareto").mkdir(parents=True, exist_ok=True)
    for system_id in systems:
        description = system_description(
            model=models[0], max_concurrency=max_concurrency
        )
        submission.write_json(system_file(system_id), description)
        for model in models:
            for concurrency in concurrencies:
                submission.add_point(
                    concurrency,
                    system_id=system_id,
                    model=model,
                    dataset=dataset,
                    histograms=histograms,
                    detail=detail,
                )
            submission.write(accuracy_txt(system_id, model), "rouge1: 0.45\n")
            submission.write_json(accuracy_json(system_id, model), accuracy_result())
    return submission
