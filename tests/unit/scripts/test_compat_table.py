"""scripts/compat_table.py: README's compatibility table from tox's result JSON."""

import pytest

from ansible_collections.hwc.cleanup.scripts import compat_table

UNIT = ["/checkout/.tox/floor/bin/python", "-m", "pytest", "-c", "tests/pytest.ini", "-p", "no:cacheprovider", "-q",
        "-rs", "tests/unit"]
INTEGRATION = ["/usr/bin/bash", "scripts/integration.sh"]
MOLECULE = ["/usr/bin/bash", "scripts/molecule.sh", "-s", "teardown"]


def journal(python, packages, commands, success=True, duration=754.4):
    """One cell of a tox result file, as tox 4 writes it (only the keys the script reads, and a few it does not)."""
    return {
        "python": {"implementation": "CPython", "version_info": python + ["final", 0], "version": "%d.%d.%d (main)" % tuple(python)},
        "installed_packages": packages,
        "result": {"success": success, "exit_code": 0 if success else 1, "duration": duration, "skipped": False},
        "test": [{"command": command, "retcode": retcode, "elapsed": 1.0} for command, retcode in commands],
    }


SKIPPED = {"result": {"success": True, "exit_code": 0, "duration": 0.3, "skipped": True}}


def test_the_versions_are_the_ones_the_cell_ran():
    """tox.ini's floor is ansible-core 2.16.0 on python3.11: a row from tox.ini would say so, not what ran."""
    floor = journal([3, 12, 1], ["ansible-core==2.16.7", "jinja2==3.1.6", "pytest==8.4.2"],
                    [(UNIT, 0), (INTEGRATION, 0), (MOLECULE, 0)])
    assert compat_table.table_rows([("2026-12-08", {"testenvs": {"floor": floor}})]) == [
        ("floor", "3.12.1", "2.16.7", "`tests/unit`, `scripts/integration.sh`, `scripts/molecule.sh -s teardown`",
         "passed", "12m34s", "2026-12-08")]


def test_a_failed_cell_names_the_command_that_failed_and_what_ran_before():
    cell = journal([3, 11, 7], ["ansible-core==2.18.12"], [(UNIT, 0), (INTEGRATION + ["auth", "cce_job"], 1)],
                   success=False, duration=59.6)
    assert compat_table.cell_row("core218", cell, "2026-12-08") == (
        "core218", "3.11.7", "2.18.12", "`tests/unit`, `scripts/integration.sh auth cce_job`",
        "failed: `scripts/integration.sh auth cce_job` exited 1", "1m00s", "2026-12-08")


def test_a_cell_that_failed_before_its_commands():
    cell = {"result": {"success": False, "exit_code": 1, "duration": 0.2, "skipped": False}}
    assert compat_table.cell_row("floor", cell, "2026-12-08") == (
        "floor", "-", "-", "-", "failed before its commands (no interpreter, or the install failed)", "0m00s",
        "2026-12-08")


def test_a_skipped_cell_is_a_missing_interpreter():
    assert compat_table.cell_row("core220", SKIPPED, "2026-12-08") == (
        "core220", "-", "-", "-", "skipped: its Python is not installed", "-", "2026-12-08")


def test_a_later_report_of_a_cell_replaces_the_earlier_in_its_place():
    """make compat's second run lists the floor it skipped as {}, and a rerun of one cell every other cell."""
    first = {"testenvs": {"floor": SKIPPED, "core218": journal([3, 11, 7], ["ansible-core==2.18.1"], [(UNIT, 1)], success=False)}}
    rerun = {"testenvs": {"floor": journal([3, 11, 7], ["ansible-core==2.16.0"], [(UNIT, 0)]), "core218": {}}}
    rows = compat_table.table_rows([("2026-12-07", first), ("2026-12-08", rerun)])
    assert [(row[0], row[4], row[6]) for row in rows] == [("floor", "passed", "2026-12-08"),
                                                          ("core218", "failed: `tests/unit` exited 1", "2026-12-07")]


def test_only_the_lines_between_the_markers_change():
    readme = "intro\n%s\n| old |\n%s\nafter\n" % (compat_table.BEGIN, compat_table.END)
    table = compat_table.render_table([("floor", "3.11.7", "2.16.0", "-", "passed", "1m00s", "2026-12-08")])
    assert compat_table.replace_table(readme, table) == (
        "intro\n%s\n| cell | Python | ansible-core | ran | result | duration | date |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n| floor | 3.11.7 | 2.16.0 | - | passed | 1m00s | 2026-12-08 |\n"
        "%s\nafter\n" % (compat_table.BEGIN, compat_table.END))


def test_a_readme_without_the_markers_is_refused():
    with pytest.raises(ValueError, match="compat-table"):
        compat_table.replace_table("no table here\n", "| x |\n")
