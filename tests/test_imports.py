"""No function-level import of Mend's own modules, which would hide an import circle
from lint-imports (the contracts in pyproject.toml), outside the app factory."""

from __future__ import annotations

import ast
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[1] / "backend"
# The composition root: create_app registers the blueprints, models and commands it
# imports, and the CLI builds the app. Nothing else imports Mend inside a function.
ALLOWED = {
    ("mend/__init__.py", "*"),
    ("mend/cli.py", "mend"),
}


def function_level_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of a mend module made inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                modules = [inner.module]
            elif isinstance(inner, ast.Import):
                modules = [alias.name for alias in inner.names]
            else:
                continue
            found += [(inner.lineno, m) for m in modules if m.split(".")[0] == "mend"]
    return found


def test_no_function_level_imports_of_mend_outside_the_app_factory() -> None:
    offenders = []
    for path in sorted((BACKEND / "mend").rglob("*.py")):
        name = path.relative_to(BACKEND).as_posix()
        for line, module in function_level_imports(path):
            if (name, "*") not in ALLOWED and (name, module) not in ALLOWED:
                offenders.append(f"{name}:{line} imports {module}")
    assert offenders == [], "import at module level (and untangle any circle):\n" + "\n".join(
        offenders
    )


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text("def f():\n    from mend.consent.service import overview\n")
    assert function_level_imports(source) == [(2, "mend.consent.service")]
