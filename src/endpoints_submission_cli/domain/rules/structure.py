"""Rules on the layout: the folders and files a submission must hold."""

from __future__ import annotations

from endpoints_submission_cli.domain.rules.outcomes import (
    Outcome,
    Outcomes,
    absence,
    error,
    escaped,
    info,
    warning,
)
from endpoints_submission_cli.domain.rules.scopes import (
    DETAIL_NAME,
    SUMMARY_NAME,
    CurveScope,
    PointScope,
    SubmissionScope,
    SystemScope,
)
from endpoints_submission_cli.domain.submission import Entry, EntryState, ProblemKind

POINT_SUBDIRS = ("points", "results", "accuracy")


def path_exists(submission: SubmissionScope) -> Outcomes:
    folder = submission.folder
    root = folder.root
    if folder.root_exists:
        return [info(f"Submission path {root} exists.", root)]
    if folder.root_reason:
        message = f"Submission path {root} cannot be examined ({folder.root_reason})."
        return [error(message, root)]
    return [error(f"Submission path {root} does not exist.", root)]


def required_dir(submission: SubmissionScope) -> Outcomes:
    folder = submission.folder
    return [
        _required_folder(folder.systems_dir, "systems/"),
        _required_folder(folder.pareto_dir, "pareto/"),
    ]


def _required_folder(entry: Entry, name: str) -> Outcome:
    if entry.present:
        return info(f"Found required directory {name} at {entry.path}.", entry.path)
    if entry.state is EntryState.ESCAPES:
        return escaped(entry.path)
    message = f"Missing required directory {name}: {entry.path} {absence(entry)}."
    return error(message, entry.path)


def system_description_present(submission: SubmissionScope) -> Outcomes:
    if submission.folder.systems:
        return []
    path = submission.folder.systems_dir.path
    return [error(f"No system description found: {path} holds no *.json file.", path)]


def src_dir(system: SystemScope) -> Outcomes:
    if system.description.division != "Standardized":
        return []
    entry = system.submission.folder.src_dir
    # The folder is the root's, so the message names the system that needs it.
    system_id = system.folder.system_id
    if entry.present:
        message = (
            f"Found {entry.path}, required for system {system_id}"
            " of the Standardized division."
        )
        return [info(message, entry.path)]
    if entry.state is EntryState.ESCAPES:
        return [escaped(entry.path)]
    message = (
        f"System {system_id} is of the Standardized division, which requires the"
        f" source directory src/, but {entry.path} {absence(entry)}."
    )
    return [error(message, entry.path)]


def pareto_dir_exists(system: SystemScope) -> Outcomes:
    entry = system.folder.pareto_dir
    system_id = system.folder.system_id
    if entry.present:
        return [info(f"Found pareto/{system_id}/ at {entry.path}.", entry.path)]
    if entry.state is EntryState.ESCAPES:
        return [escaped(entry.path)]
    message = (
        f"Missing pareto/{system_id}/ for system {system_id}: {entry.path}"
        f" {absence(entry)}."
    )
    return [error(message, entry.path)]


def benchmark_model_dir(system: SystemScope) -> Outcomes:
    if system.folder.curves:
        return []
    path = system.folder.pareto_dir.path
    message = f"{path} holds no benchmark-model directory."
    return [error(message, path)]


def pareto_subdir(curve: CurveScope) -> Outcomes:
    directory = curve.folder.directory
    if directory.state is EntryState.ESCAPES:
        return [escaped(directory.path)]
    if not directory.present:
        message = f"Benchmark-model directory {directory.path} {absence(directory)}."
        return [error(message, directory.path)]
    folder = curve.folder
    entries = (folder.points_dir, folder.results_dir, folder.accuracy_dir)
    return [
        _model_subdir(curve, entry, name)
        for entry, name in zip(entries, POINT_SUBDIRS, strict=True)
    ]


def _model_subdir(curve: CurveScope, entry: Entry, name: str) -> Outcome:
    model_dir = curve.relative.model_dir
    if entry.present:
        return info(f"Found {name}/ in {model_dir}/.", entry.path)
    if entry.state is EntryState.ESCAPES:
        return escaped(entry.path)
    message = f"Missing {name}/ in {model_dir}/: {entry.path} {absence(entry)}."
    return error(message, entry.path)


def measurement_points_present(curve: CurveScope) -> Outcomes:
    if curve.folder.points:
        return []
    relative = curve.relative.of("points")
    message = f"No measurement point: {relative} holds no point_*.yaml file."
    return [error(message, curve.folder.points_dir.path)]


def point_filename_concurrency(point: PointScope) -> Outcomes:
    stem = point.file.name.removesuffix(".yaml")
    try:
        number = int(stem.split("_", 1)[1])
    except (IndexError, ValueError):
        return []
    if number == point.concurrency:
        return []
    message = (
        f"The file name {point.file.name} says concurrency {number}, but the file"
        f" declares concurrency {point.concurrency}."
    )
    return [warning(message, point.file.path)]


def result_file_present(point: PointScope) -> Outcomes:
    result = point.result
    if result is None:
        return [_missing_summary(point)]
    directory = result.directory
    if directory.state is EntryState.ESCAPES:
        return [escaped(directory.path)]
    if not directory.present:
        reason = f"{directory.path} {absence(directory)}"
        return [_missing_summary(point, reason)]
    problem = result.summary.problem
    if problem is not None and problem.kind is ProblemKind.ESCAPES:
        return [escaped(result.summary.path)]
    if problem is not None and problem.kind is ProblemKind.MISSING:
        return [_missing_summary(point)]
    return []


def _missing_summary(point: PointScope, reason: str = "") -> Outcome:
    relative = point.relative_result_path(SUMMARY_NAME)
    reason = reason or f"{relative} does not exist"
    message = f"Missing result summary of {point.result_name}: {reason}."
    return error(message, point.result_path(SUMMARY_NAME))


def result_detail_present(point: PointScope) -> Outcomes:
    detail = point.result.detail if point.result is not None else None
    if detail is not None and detail.present:
        return []
    path = point.result_path(DETAIL_NAME)
    if detail is not None and detail.state is EntryState.ESCAPES:
        return [escaped(path)]
    problem = "does not exist" if detail is None else absence(detail, "file")
    message = (
        f"Missing detail log of {point.result_name}:"
        f" {point.relative_result_path(DETAIL_NAME)} {problem}."
    )
    return [error(message, path)]
