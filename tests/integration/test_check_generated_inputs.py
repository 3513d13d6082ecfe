"""A thousand corrupted copies of the valid example through the check command.

Each variant copies `examples/valid_submission`, applies one to three
corruptions chosen by a seeded generator (truncation, flipped bytes, bytes
that are not UTF-8, wrong types, huge numbers, NaN, deleted files, folders
where files belong, links out of the tree or in a loop, empty files, YAML
lists, deep nesting, …) and runs `main(argv)` with `--output`. Whatever the
input, no exception escapes, the exit code is 0 or 1 and the JSON report is
written with the keys of the report format.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from endpoints_submission_cli.entrypoints.checker_cli import main
from tests.support.reports import FINDING_KEYS, REPORT_KEYS

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "valid_submission"
SCRIPT = Path(sys.executable).parent / "submission-checker"
VARIANTS = 1000
ODD_VALUES: list[Any] = [
    None,
    "",
    "text",
    "1024",
    "1e3",
    [],
    [1, 2],
    {},
    {"nested": {"deeper": [None]}},
    True,
    False,
    0,
    -1,
    1.5,
    -0.0,
    10**30,
    -(10**30),
    1e308,
    "NaN",
    "\u202e\x00",
]


def files(root: Path) -> list[Path]:
    """Return the files and links below root, in a stable order."""
    found = [p for p in root.rglob("*") if p.is_file() or p.is_symlink()]
    return sorted(p for p in found if p.name != "README.md")


def folders(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_dir() and not p.is_symlink())


def remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def truncate(rng: random.Random, path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: rng.randrange(len(data) + 1)])


def flip_bytes(rng: random.Random, path: Path) -> None:
    data = bytearray(path.read_bytes())
    for _ in range(rng.randint(1, 5)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))


def not_utf8(rng: random.Random, path: Path) -> None:
    data = path.read_bytes()
    cut = rng.randrange(len(data) + 1)
    bad = rng.choice([b"\xff", b"\xc3\x28", b"\xed\xa0\x80"])
    path.write_bytes(data[:cut] + bad + data[cut:])


def load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text) if path.suffix == ".yaml" else json.loads(text)


def dump(path: Path, data: Any) -> None:
    if path.suffix == ".yaml":
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
    else:
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def containers(data: Any) -> list[dict[str, Any]]:
    """Return every mapping inside the data, the data itself first."""
    found = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def wrong_type(rng: random.Random, path: Path) -> None:
    try:
        data = load(path)
    except ValueError:
        return
    mappings = [m for m in containers(data) if m]
    if not mappings:
        return
    mapping = rng.choice(mappings)
    mapping[rng.choice(sorted(mapping))] = rng.choice(ODD_VALUES)
    dump(path, data)


def raw_number(rng: random.Random, path: Path) -> None:
    """Replace a number by a token json.dumps would refuse to write."""
    text = path.read_text(encoding="utf-8", errors="replace")
    token = rng.choice(
        ["NaN", "Infinity", "-Infinity", "1" * 5000, "1e999999", ".nan", "0x1F"]
    )
    digits = [i for i, char in enumerate(text) if char.isdigit()]
    if digits:
        at = rng.choice(digits)
        text = text[:at] + token + text[at + 1 :]
    path.write_text(text, encoding="utf-8")


def odd_document(rng: random.Random, path: Path) -> None:
    path.write_text(
        rng.choice(
            [
                "",
                "   \n",
                "- 1\n- 2\n",
                "just a sentence\n",
                "[]",
                "null",
                "42",
                '"text"',
                "[" * 50_000,
                "a: &a [1]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n",
                "!!python/object:os.system {}\n",
                "{}",
                '{"concurrency": 16, "concurrency": "x"}',
                "concurrency: 16\nruntime_settings: null\n",
                "\ufeff{}",
            ]
        ),
        encoding="utf-8",
    )


def delete_file(rng: random.Random, path: Path) -> None:
    remove(path)


def file_to_folder(rng: random.Random, path: Path) -> None:
    remove(path)
    path.mkdir()
    if rng.random() < 0.5:
        (path / "inner.json").write_text("{}", encoding="utf-8")


def link_out(rng: random.Random, path: Path) -> None:
    outside = next(p for p in path.parents if p.name == "submission").parent
    remove(path)
    path.symlink_to(
        rng.choice([outside / "outside.json", "/dev/null", "/", "../" * 12])
    )


def link_loop(rng: random.Random, path: Path) -> None:
    remove(path)
    path.symlink_to(path.name if rng.random() < 0.5 else "no-such-target")


def huge_sparse(rng: random.Random, path: Path) -> None:
    with path.open("r+b") as stream:
        stream.truncate(rng.choice([64 * 1024 * 1024 + 1, 2**31]))


FILE_CORRUPTIONS: list[Callable[[random.Random, Path], None]] = [
    truncate,
    flip_bytes,
    not_utf8,
    wrong_type,
    wrong_type,
    wrong_type,
    raw_number,
    odd_document,
    delete_file,
    file_to_folder,
    link_out,
    link_loop,
    huge_sparse,
]


def folder_corruption(rng: random.Random, root: Path) -> None:
    folder = rng.choice(folders(root))
    action = rng.randrange(4)
    if action == 0:
        shutil.rmtree(folder)
    elif action == 1:
        shutil.rmtree(folder)
        folder.write_text("not a folder", encoding="utf-8")
    elif action == 2:
        shutil.rmtree(folder)
        folder.symlink_to(root.parent)
    else:
        for child in folder.iterdir():
            remove(child)


def extra_entry(rng: random.Random, root: Path) -> None:
    folder = rng.choice(folders(root))
    name = rng.choice(
        [
            "point_-1.yaml",
            "point_ 7.yaml",
            "point_1e3.yaml",
            "point_.yaml",
            "x.json",
            ".hidden",
            "point_16.yml",
            "\udcff.json",
            "point_\udcfe.yaml",
        ]
    )
    try:
        (folder / name).write_text(rng.choice(["concurrency: 16\n", "{}"]), "utf-8")
    except (UnicodeEncodeError, OSError):
        (folder / "point_0.yaml").write_text("concurrency: 0\n", encoding="utf-8")


def corrupt(seed: int, root: Path) -> None:
    """Apply the corruptions the seed chooses to the submission at root."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        choice = rng.random()
        targets = files(root)
        if choice < 0.8 and targets:
            target = rng.choice(targets)
            if target.is_symlink() or not target.is_file():
                continue
            rng.choice(FILE_CORRUPTIONS)(rng, target)
        elif choice < 0.92 and folders(root):
            folder_corruption(rng, root)
        elif folders(root):
            extra_entry(rng, root)


def make_variant(seed: int, tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "outside.json").write_text('{"division": "Serviced"}', "utf-8")
    root = tmp_path / "submission"
    shutil.copytree(EXAMPLE, root, symlinks=True)
    corrupt(seed, root)
    return root


def assert_report(path: Path, root: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert list(document) == REPORT_KEYS
    assert document["submission_path"] == str(root)
    assert document["results"]
    for finding in document["results"]:
        assert list(finding) == FINDING_KEYS
    assert document["passed"] == (document["errors"] == [])


@pytest.mark.parametrize("seed", range(VARIANTS))
def test_a_corrupted_submission_gives_a_report(
    seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_variant(seed, tmp_path)
    report = tmp_path / "report.json"

    code = main(["check", "--quiet", "--output", str(report), str(root)])

    assert code in {0, 1}
    assert_report(report, root)
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("PASSED" if code == 0 else "FAILED")


def test_the_generator_produces_failing_variants(tmp_path: Path) -> None:
    """Most variants must fail: a generator that changes nothing proves nothing."""
    failed = 0
    for seed in range(40):
        root = make_variant(seed, tmp_path / str(seed))
        report = tmp_path / f"{seed}.json"
        failed += main(["check", "-q", "-o", str(report), str(root)]) == 1

    assert failed >= 25


@pytest.mark.parametrize("seed", [3, 17, 101, 555, 999])
def test_a_corrupted_submission_through_the_installed_script(
    seed: int, tmp_path: Path
) -> None:
    root = make_variant(seed, tmp_path)
    report = tmp_path / "report.json"

    result = subprocess.run(
        [str(SCRIPT), "check", "-o", str(report), str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
        timeout=60,
    )

    assert result.returncode in {0, 1}, result.stderr
    assert "Traceback" not in result.stderr
    assert_report(report, root)
