"""The execution environment, without a container engine.

docs/awx.md's commands are run on a copy of what they read from a checkout: ansible-galaxy builds
the collection's tarball into build/, ansible-builder create writes the build context of
extensions/awx/execution-environment.yml. The test checks the context, then follows the image
build's two steps that decide what hwc.cleanup gets: the galaxy stage's collection install (in the
context's _build/, as the Containerfile runs it) and the builder stage's introspection, which
reads meta/execution-environment.yml from the installed collection.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

BIN = os.path.dirname(sys.executable)
DEFINITION = os.path.join("extensions", "awx", "execution-environment.yml")
# What the definition reads, relative to the root of a checkout.
DEFINITION_INPUTS = (os.path.join("extensions", "awx"), "requirements.txt", "bindep.txt")


def _run(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, "%s\n%s\n%s" % (" ".join(command), result.stdout[-5000:], result.stderr[-5000:])
    return result


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _requirement_lines(path):
    return [line.strip() for line in _read(path).splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.fixture(scope="module")
def galaxy_info(checkout):
    return yaml.safe_load(_read(os.path.join(checkout, "galaxy.yml")))


@pytest.fixture(scope="module")
def build(checkout, tmp_path_factory):
    """A checkout's copy with build/ holding the tarball, and the context ansible-builder created from it."""
    root = str(tmp_path_factory.mktemp("checkout"))
    for name in DEFINITION_INPUTS:
        source, target = os.path.join(checkout, name), os.path.join(root, name)
        if os.path.isdir(source):
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    _run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--force", "--output-path", "build", checkout], root)
    context = os.path.join(root, "context")
    _run([os.path.join(BIN, "ansible-builder"), "create", "-f", DEFINITION, "-c", context, "--output-filename", "Containerfile"], root)
    return {"root": root, "context": context, "containerfile": _read(os.path.join(context, "Containerfile"))}


def test_the_containerfile_builds_on_the_documented_base_image(build, checkout):
    image = re.search(r'^ARG EE_BASE_IMAGE="([^"]+)"$', build["containerfile"], re.MULTILINE).group(1)
    assert image == yaml.safe_load(_read(os.path.join(checkout, DEFINITION)))["images"]["base_image"]["name"]
    assert "FROM $EE_BASE_IMAGE AS base" in build["containerfile"]  # --build-arg EE_BASE_IMAGE=... overrides it
    assert image in _read(os.path.join(checkout, "docs", "awx.md"))


def test_the_base_image_is_pinned_and_has_one_python(build):
    """A slim, supported base pinned by digest, microdnf as its package manager, Python 3.12 added by ansible-builder."""
    image = re.search(r'^ARG EE_BASE_IMAGE="([^"]+)"$', build["containerfile"], re.MULTILINE).group(1)
    assert re.match(r"^registry\.access\.redhat\.com/ubi9/ubi-minimal:[0-9.]+-[0-9]+@sha256:[0-9a-f]{64}$", image), image
    assert 'ARG PKGMGR="/usr/bin/microdnf"' in build["containerfile"]
    assert 'ARG PYCMD="/usr/bin/python3.12"' in build["containerfile"]
    bindep = _requirement_lines(os.path.join(build["context"], "_build", "bindep.txt"))
    assert not [line for line in bindep if line.split()[0].startswith("python")], bindep


def test_ansible_core_is_held_to_the_supported_range(build, checkout):
    refs = re.search(r'^ARG ANSIBLE_INSTALL_REFS="([^"]+)"$', build["containerfile"], re.MULTILINE).group(1).split()
    core = [ref for ref in refs if ref.startswith("ansible-core")]
    requires = yaml.safe_load(_read(os.path.join(checkout, "meta", "runtime.yml")))["requires_ansible"]
    minimum = re.match(r">=\s*(\d+\.\d+)", requires).group(1)
    # Up to the newest ansible-core the compatibility matrix tests (tox.ini, the one list of tested versions).
    cores = re.findall(r"^\s*ansible-core==(\d+)\.(\d+)\.(\d+|\*)$", _read(os.path.join(checkout, "tox.ini")), re.MULTILINE)
    major, newest_minor, _patch = max(cores, key=lambda core: (int(core[0]), int(core[1])))
    assert core == ["ansible-core>=%s,<%s.%d" % (minimum, major, int(newest_minor) + 1)]
    assert any(ref.startswith("ansible-runner") for ref in refs)
    assert "$PYCMD -m pip install --no-cache-dir $ANSIBLE_INSTALL_REFS" in build["containerfile"]


def test_the_floor_tested_is_the_floor_declared(checkout):
    """tox.ini's floor cell runs the exact minimum of requires_ansible (meta/runtime.yml)."""
    requires = yaml.safe_load(_read(os.path.join(checkout, "meta", "runtime.yml")))["requires_ansible"]
    floor = re.search(r"^\[testenv:floor\]\n(?:.+\n)*?\s+ansible-core==(\S+)$", _read(os.path.join(checkout, "tox.ini")),
                      re.MULTILINE).group(1)
    assert requires == ">=%s" % floor


def test_the_python_and_system_requirements_reach_the_context(build, checkout):
    for name in ("requirements.txt", "bindep.txt"):
        assert _read(os.path.join(build["context"], "_build", name)) == _read(os.path.join(checkout, name)), name
    assert "introspect --user-pip=requirements.txt --user-bindep=bindep.txt" in build["containerfile"]
    assert "/output/scripts/install-from-bindep" in build["containerfile"]


def test_the_collection_tarball_reaches_the_context(build, galaxy_info):
    tarball = "%s-%s-%s.tar.gz" % (galaxy_info["namespace"], galaxy_info["name"], galaxy_info["version"])
    requirements = yaml.safe_load(_read(os.path.join(build["context"], "_build", "requirements.yml")))
    assert requirements["collections"] == [{"name": "collections/" + tarball, "type": "file"}]
    assert os.listdir(os.path.join(build["context"], "_build", "collections")) == [tarball]
    assert re.search(r'^RUN .*ansible-galaxy collection install .*-r requirements\.yml --collections-path "/usr/share/ansible/collections"$',
                     build["containerfile"], re.MULTILINE)


@pytest.fixture(scope="module")
def installed(build, tmp_path_factory):
    """The galaxy stage offline: its collection install, run in the context's _build/ (the stage's WORKDIR /build)."""
    collections = str(tmp_path_factory.mktemp("usr_share_ansible_collections"))
    _run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "-r", "requirements.yml", "--collections-path", collections],
         os.path.join(build["context"], "_build"))
    return collections


def test_the_galaxy_stage_installs_this_collection(installed, galaxy_info):
    manifest = os.path.join(installed, "ansible_collections", "hwc", "cleanup", "MANIFEST.json")
    assert yaml.safe_load(_read(manifest))["collection_info"]["version"] == galaxy_info["version"]


def test_introspection_finds_the_collection_requirements(build, installed, tmp_path, checkout):
    """The builder stage's introspect step: the installed collection's meta/execution-environment.yml
    is what every EE that installs hwc.cleanup takes its requirements from."""
    pip, bindep = str(tmp_path / "requirements.txt"), str(tmp_path / "bindep.txt")
    _run([sys.executable, os.path.join(build["context"], "_build", "scripts", "introspect.py"), "introspect", installed,
          "--user-pip=requirements.txt", "--user-bindep=bindep.txt", "--write-pip=" + pip, "--write-bindep=" + bindep],
         os.path.join(build["context"], "_build"))
    for written, source in ((pip, "requirements.txt"), (bindep, "bindep.txt")):
        lines = _read(written).splitlines()
        for requirement in _requirement_lines(os.path.join(checkout, source)):
            assert "%s  # from collection hwc.cleanup" % requirement in lines, (source, requirement, lines)
