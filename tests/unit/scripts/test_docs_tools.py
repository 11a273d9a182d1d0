"""scripts/lib/docs_tools.py describe-roles: the role index of the docs site describes every role."""

import pytest

from ansible_collections.hwc.cleanup.scripts.lib import docs_tools

INDEX = """These are the roles in the hwc.cleanup collection:

* :ansplugin:`cce_jobs_cleanup role <hwc.cleanup.cce_jobs_cleanup#role>` -- Delete CCE jobs by id or by discovery
* :ansplugin:`cleanup_common role <hwc.cleanup.cleanup_common#role>` --
* :ansplugin:`teardown role <hwc.cleanup.teardown#role>` -- Tear down
"""


def role(roles_dir, name, entry_points):
    meta = roles_dir / name / "meta"
    meta.mkdir(parents=True)
    specs = "".join("  %s:\n    short_description: %s\n" % item for item in entry_points.items())
    (meta / "argument_specs.yml").write_text("argument_specs:\n" + specs, encoding="utf-8")


def test_a_role_without_main_is_described_by_its_one_entry_point_and_the_others_are_left_alone(tmp_path):
    index = tmp_path / "index.rst"
    index.write_text(INDEX, encoding="utf-8")
    role(tmp_path / "roles", "cleanup_common", {"run": "Internal - the steps, not for direct use"})
    docs_tools.describe_roles(str(index), str(tmp_path / "roles"))
    assert index.read_text(encoding="utf-8") == INDEX.replace(
        "<hwc.cleanup.cleanup_common#role>` --\n", "<hwc.cleanup.cleanup_common#role>` -- Internal - the steps, not for direct use\n")


def test_a_role_whose_entry_points_leave_the_description_open_fails_the_build(tmp_path):
    index = tmp_path / "index.rst"
    index.write_text(INDEX, encoding="utf-8")
    role(tmp_path / "roles", "cleanup_common", {"run": "One", "other": "Two"})
    with pytest.raises(SystemExit, match="role cleanup_common has no main entry point and 2 others"):
        docs_tools.describe_roles(str(index), str(tmp_path / "roles"))
