"""The previous release beside the checkout, so that a benchmark runs each scenario with both in one run.

The previous release is the newest one in changelogs/changelog.yaml; its commit is the one that added
that release to the file (antsibull-changelog's ``release`` writes it), found in the git history, so
nothing names a hash. Its galaxy.yml, meta/ and plugins/ are extracted with ``git archive`` into a
directory that a collection tree then installs as hwc.cleanup. Needs the whole history (CI clones it);
a shallow clone gets a clear error, and the benchmarks' ``--no-baseline`` skips all this.
"""

import io
import os
import re
import subprocess
import tarfile
from collections import namedtuple

import yaml
from packaging.version import Version

from support.ansible_run import CHECKOUT  # workload put tests/ on sys.path

CHANGELOG = "changelogs/changelog.yaml"
FRAGMENTS = os.path.join(CHECKOUT, "changelogs", "fragments")
# What a module run needs: the action group (meta/runtime.yml), modules and module_utils, the version.
RELEASE_FILES = ("galaxy.yml", "meta", "plugins")
# antsibull-changelog's semantic versioning: a fragment with one of these makes the next release a major one.
MAJOR_SECTIONS = ("breaking_changes", "removed_features")

# label: the version as printed ("1.0.0", "2.0.0-dev"); source: the directory installed as hwc.cleanup.
Release = namedtuple("Release", "label source")


class BaselineUnavailable(RuntimeError):
    """The previous release cannot be built from this checkout (no history, no release)."""


def git(*args):
    completed = subprocess.run(["git"] + list(args), cwd=CHECKOUT, capture_output=True, check=False)
    if completed.returncode != 0:
        raise BaselineUnavailable("git %s failed: %s" % (" ".join(args), completed.stderr.decode("utf-8", "replace").strip()))
    return completed.stdout


def read_yaml(path):
    with open(os.path.join(CHECKOUT, path), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def newest_release():
    releases = read_yaml(CHANGELOG).get("releases") or {}
    if not releases:
        raise BaselineUnavailable("%s lists no release" % CHANGELOG)
    return max(releases, key=Version)


def has_major_change():
    for name in os.listdir(FRAGMENTS):
        if name.endswith((".yml", ".yaml")) and set(read_yaml(os.path.join(FRAGMENTS, name)) or {}) & set(MAJOR_SECTIONS):
            return True
    return False


def development_label():
    """The version the checkout is heading for, with ``-dev``: galaxy.yml's when it is ahead of the newest
    release, else the next major (a breaking change or a removal among the fragments) or minor version."""
    version, released = Version(str(read_yaml("galaxy.yml")["version"])), Version(newest_release())
    if version > released:
        return "%s-dev" % version
    if has_major_change():
        return "%d.0.0-dev" % (released.major + 1)
    return "%d.%d.0-dev" % (released.major, released.minor + 1)


def release_commit(version):
    """The commit that added ``version`` to changelogs/changelog.yaml (its release commit)."""
    added = git("log", "--reverse", "--format=%H", "-G", "^  %s:$" % re.escape(version), "--", CHANGELOG).decode().split()
    if not added:
        raise BaselineUnavailable("no commit adds release %s to %s: a shallow clone? Fetch the whole history or pass "
                                  "--no-baseline" % (version, CHANGELOG))
    commit = added[0]
    galaxy = yaml.safe_load(git("show", "%s:galaxy.yml" % commit))
    if str(galaxy["version"]) != version:
        raise BaselineUnavailable("commit %s adds release %s but its galaxy.yml says %s" % (commit[:12], version, galaxy["version"]))
    return commit


def previous_release(directory):
    """The newest release extracted into ``directory``; a Release."""
    version = newest_release()
    archive = git("archive", "--format=tar", release_commit(version), *RELEASE_FILES)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(directory, filter="data")
    return Release(version, directory)


def current_release():
    return Release(development_label(), CHECKOUT)
