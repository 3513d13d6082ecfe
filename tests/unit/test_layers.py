"""The direction of imports between the layers of the package."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "endpoints_submission_cli"
# Modules at the root of the package that every layer may import.
SHARED = {"errors", "__version__"}

# What each layer may import from the package, besides the shared root modules.
ALLOWED_LAYERS = {
    "domain": {"domain"},
    "application": {"domain", "application"},
    "adapters": {"domain", "application", "adapters"},
    "entrypoints": {"domain", "application", "adapters", "entrypoints"},
}
# Third-party or standard modules a layer must not import.
FORBIDDEN_MODULES = {
    "application": {"httpx", "yaml", "subprocess", "dependency_injector", "cattrs"},
    "adapters": {"dependency_injector"},
}
THIRD_PARTY_ALLOWED = {"domain": {"attrs"}}


def imported_modules(source: str) -> list[str]:
    """Return every module named by an import statement, at any depth."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def calls_print_or_exit(source: str) -> bool:
    """Tell whether the source calls print() or sys.exit()."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "print":
            return True
        if isinstance(func, ast.Attribute) and func.attr == "exit":
            return isinstance(func.value, ast.Name) and func.value.id == "sys"
    return False


def is_standard(module: str) -> bool:
    return module in sys.stdlib_module_names or module == "__future__"


def is_forbidden(layer: str, module: str) -> bool:
    """Tell whether a layer may not import a module from outside the package."""
    if module in FORBIDDEN_MODULES.get(layer, set()):
        return True
    allowed = THIRD_PARTY_ALLOWED.get(layer)
    return allowed is not None and not is_standard(module) and module not in allowed


def violations(layer: str, source: str) -> list[str]:
    """Return the imports of a module of `layer` that break the contract."""
    found = []
    for name in imported_modules(source):
        parts = name.split(".")
        top = parts[0]
        if top == PACKAGE:
            target = parts[1] if len(parts) > 1 else "__version__"
            if target not in ALLOWED_LAYERS[layer] | SHARED:
                found.append(name)
        elif is_forbidden(layer, top):
            found.append(name)
    return found


def package_modules() -> list[tuple[str, Path]]:
    modules = []
    for layer in ALLOWED_LAYERS:
        modules.extend((layer, path) for path in (SRC / PACKAGE / layer).rglob("*.py"))
    return modules


@pytest.mark.parametrize(
    ("layer", "path"),
    package_modules(),
    ids=lambda value: str(value.relative_to(SRC)) if isinstance(value, Path) else value,
)
def test_module_imports_only_inward(layer: str, path: Path) -> None:
    """A module imports only its layer, the layers inside it and allowed libraries."""
    assert violations(layer, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("layer", "path"), package_modules())
def test_only_entrypoints_print_or_exit(layer: str, path: Path) -> None:
    """Library code never prints or exits; the command lines do that in one place."""
    if layer != "entrypoints":
        assert not calls_print_or_exit(path.read_text(encoding="utf-8"))


class TestContractCheck:
    """The contract check itself catches what it is meant to catch."""

    def test_flags_domain_importing_adapters(self) -> None:
        source = "from endpoints_submission_cli.adapters import filesystem\n"

        assert violations("domain", source) == [
            "endpoints_submission_cli.adapters",
            "endpoints_submission_cli.adapters.filesystem",
        ]

    def test_flags_domain_importing_a_third_party_library(self) -> None:
        source = "def load():\n    import yaml\n"

        assert violations("domain", source) == ["yaml"]

    def test_allows_domain_importing_attrs_and_the_standard_library(self) -> None:
        source = "import attrs\nimport math\nfrom collections.abc import Mapping\n"

        assert violations("domain", source) == []

    def test_flags_application_importing_httpx(self) -> None:
        assert violations("application", "import httpx\n") == ["httpx"]

    def test_flags_adapters_importing_the_container(self) -> None:
        source = (
            "from endpoints_submission_cli.entrypoints.container import Container\n"
        )

        assert "endpoints_submission_cli.entrypoints.container" in violations(
            "adapters", source
        )

    def test_flags_adapters_importing_dependency_injector(self) -> None:
        source = "from dependency_injector import providers\n"

        assert violations("adapters", source) == [
            "dependency_injector",
            "dependency_injector.providers",
        ]

    def test_flags_print_and_sys_exit(self) -> None:
        assert calls_print_or_exit("print('x')\n")
        assert calls_print_or_exit("import sys\nsys.exit(1)\n")
        assert not calls_print_or_exit("logger.info('x')\n")
