import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

# tests never read or write the user's rule cache
os.environ.setdefault("RELFACTS_CACHE", str(ROOT / ".pytest_cache" / "relfacts-rules"))


def pytest_collection_modifyitems(items):
    """The tests marked heavy (minutes each: the whole rule set compiled by `regex`) run
    first, so that pytest-xdist hands them to its workers at the start and no worker
    is left with one at the end while the others wait."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch):
    """Every test starts without COLUMNS, as under a plain `pytest` with no
    terminal: pytest-xdist's workers inherit COLUMNS=80, which would make the
    CLI's tables fold where a test expects them whole.  A test that wants a
    width sets it itself."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(scope="session")
def rules():
    import relfacts

    return relfacts.ruleset()


@pytest.fixture
def run_cli():
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    from typer.testing import CliRunner

    from relfacts.cli import app

    def run(*args, input=None):
        runner = CliRunner()
        result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run
