"""The apps stay in their order (docs/architecture.md): each imports only the apps below it, so a new
app never has to reach up, and nothing below knows what is built on it.

Views may compose a page from the apps above them (the item page lists its measures; the period page
lists the red measures needing commentary): `views` modules are the only exception.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Bottom first.
LAYERS = [
    "common",
    "history",
    "accounts",
    "areas",
    "jobs",
    "plans",
    "evidence",
    "progress",
    "scorecard",
    "risks",
    "voice",
    "publishing",
    "boardpacks",
    "demo",
]


def _imports(path: Path) -> set[str]:
    """The project apps a module imports (at the top or inside a function)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(LAYERS)


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT / app).parts
        if parts[0] == "migrations":
            continue
        yield path, parts


def _composes_pages(parts: tuple[str, ...]) -> bool:
    return parts[0] in ("views", "views.py")


@pytest.mark.parametrize("app", LAYERS)
def test_each_app_imports_only_the_apps_below_it(app):
    below = set(LAYERS[: LAYERS.index(app)])
    reaching_up = {
        str(path.relative_to(ROOT)): sorted(_imports(path) - below - {app})
        for path, parts in _modules(app)
        if not _composes_pages(parts) and _imports(path) - below - {app}
    }
    assert reaching_up == {}


def test_the_history_app_imports_nothing_but_common():
    for path, _ in _modules("history"):
        assert _imports(path) <= {"common", "history"}, path


def test_the_local_area_imports_no_plan_code_at_all():
    """A person's and a workstream's pages list their items: the plans app composes them."""
    for path, _ in _modules("areas"):
        assert "plans" not in _imports(path), path


def test_every_app_is_in_the_order():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(LAYERS)


# Pages handle an edit conflict one way: common.conflicts.try_save.
CONFLICT_HELPER = "common/conflicts.py"


def _names_edit_conflict(node: ast.expr | None) -> bool:
    names = node.elts if isinstance(node, ast.Tuple) else [node]
    return any(
        (isinstance(name, ast.Name) and name.id == "EditConflict")
        or (isinstance(name, ast.Attribute) and name.attr == "EditConflict")
        for name in names
    )


def _catches_edit_conflict(path: Path) -> bool:
    """Whether a module has `except EditConflict` (alone or among others) or `suppress(EditConflict)`."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ExceptHandler):
            caught = [node.type]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "suppress"
        ):
            caught = node.args
        else:
            continue
        if any(_names_edit_conflict(expression) for expression in caught):
            return True
    return False


def test_no_module_but_the_conflict_helper_catches_an_edit_conflict():
    """A view that saves through a versioned service calls common.conflicts.try_save, which shows the
    other person's changes beside yours; catching EditConflict anywhere else would be a second way."""
    catching = {
        str(path.relative_to(ROOT))
        for app in LAYERS
        for path, _ in _modules(app)
        if _catches_edit_conflict(path)
    }
    assert catching == {CONFLICT_HELPER}


# Typed boundaries: every service (a write) and selector (a read) takes keyword-only, typed arguments,
# never **fields, so a JSON API, single sign-on or a command calls them as a view does, and mypy checks it.
# Signal receivers, which Django calls with a positional sender, live in receivers.py, not here.


def _boundary_modules(app: str):
    for path, parts in _modules(app):
        if parts[0] in ("services", "services.py", "selectors", "selectors.py"):
            yield path


def _untyped_arguments(function: ast.FunctionDef) -> list[str]:
    arguments = function.args
    wrong = [f"{a.arg} (positional)" for a in arguments.posonlyargs + arguments.args]
    wrong += [f"{a.arg} (no type)" for a in arguments.kwonlyargs if a.annotation is None]
    if arguments.vararg is not None:
        wrong.append(f"*{arguments.vararg.arg}")
    if arguments.kwarg is not None:
        wrong.append(f"**{arguments.kwarg.arg}")
    if function.returns is None:
        wrong.append("no return type")
    return wrong


@pytest.mark.parametrize("app", LAYERS)
def test_services_and_selectors_take_keyword_only_typed_arguments(app):
    untyped = {
        f"{path.relative_to(ROOT)}:{node.name}": wrong
        for path in _boundary_modules(app)
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
        if (wrong := _untyped_arguments(node))
    }
    assert untyped == {}
