"""The projects inventory's own parts: which files it reads, its connection options resolved as the modules', and no
secret in its errors (ansible-inventory against an IAM that echoes requests back)."""

import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from werkzeug.wrappers import Response

from ansible_collections.hwc.cleanup.plugins.doc_fragments.common import ModuleDocFragment
from ansible_collections.hwc.cleanup.plugins.inventory.projects import CONNECTION_OPTIONS, InventoryModule, checked_patterns, connection_params
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ConfigurationError
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import common_argument_spec

PLUGIN_OPTIONS = yaml.safe_load(ModuleDocFragment.PLUGIN)["options"]


@pytest.fixture(autouse=True)
def no_cloud_environment(monkeypatch):
    for env_names in (option["fallback"][1] for option in common_argument_spec().values()):
        for name in env_names:
            monkeypatch.delenv(name, raising=False)


def test_the_plugin_fragment_documents_the_modules_options_and_variables_in_order():
    spec = common_argument_spec()
    assert set(PLUGIN_OPTIONS) == set(CONNECTION_OPTIONS)
    for name in CONNECTION_OPTIONS:
        doc = PLUGIN_OPTIONS[name]
        assert [env["name"] for env in doc["env"]] == spec[name]["fallback"][1], name
        assert (doc["type"], doc.get("default"), doc.get("choices")) == (
            spec[name]["type"], spec[name].get("default"), spec[name].get("choices")), name


@pytest.mark.parametrize("path, accepted", [
    ("/inventories/teardown.hwc_projects.yml", True), ("/inventories/hwc_projects.yaml", True),
    ("/inventories/hwc_projects.yml.bak", False), ("/inventories/projects.yml", False), ("/inventories/hosts", False),
])
def test_verify_file_takes_files_ending_in_hwc_projects_yml(tmp_path, path, accepted):
    target = tmp_path / path.lstrip("/").replace("/", "_")
    target.write_text("plugin: hwc.cleanup.projects\n")
    assert InventoryModule().verify_file(str(target)) is accepted


def test_the_first_non_empty_variable_wins_as_for_the_modules(monkeypatch):
    monkeypatch.setenv("HWC_ACCESS_KEY", "")
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "AK-second")
    monkeypatch.setenv("OS_ACCESS_KEY", "AK-last")
    monkeypatch.setenv("HWC_TIMEOUT", "12.5")
    monkeypatch.setenv("HWC_VALIDATE_CERTS", "false")
    params = connection_params({}, [])
    assert params["access_key"] == "AK-second"
    assert params["timeout"] == 12.5 and params["validate_certs"] is False
    assert (params["cloud"], params["retries"], params["region"]) == ("huaweicloud", 5, None)


def test_the_file_wins_over_the_environment_and_the_region_defaults_to_the_first_of_regions(monkeypatch):
    monkeypatch.setenv("HWC_ACCESS_KEY", "AK-env")
    params = connection_params({"access_key": "AK-file", "cloud": "otc"}, ["eu-nl", "eu-de"])
    assert params["access_key"] == "AK-file" and params["region"] == "eu-nl"
    assert connection_params({"region": "eu-de"}, ["eu-nl"])["region"] == "eu-de"
    monkeypatch.setenv("HWC_REGION", "eu-de")
    assert connection_params({}, ["eu-nl"])["region"] == "eu-de"


def test_plain_http_is_allowed_only_by_the_modules_option_and_variable(monkeypatch):
    assert connection_params({}, [])["allow_insecure_http"] is False
    monkeypatch.setenv("HWC_ALLOW_INSECURE_HTTP", "true")
    assert connection_params({}, [])["allow_insecure_http"] is True


def test_a_bad_value_from_the_environment_is_named(monkeypatch):
    monkeypatch.setenv("HWC_CLOUD", "aws")
    with pytest.raises(ConfigurationError, match="cloud.*aws"):
        connection_params({}, [])


def test_exclude_patterns_are_taken_as_given_when_each_is_a_non_empty_string():
    assert checked_patterns("exclude_patterns", ["*_prod*", "eu-de_[0-9]?"]) == ["*_prod*", "eu-de_[0-9]?"]
    assert checked_patterns("exclude_patterns", []) == []


@pytest.mark.parametrize("patterns, shown", [
    (["*_prod", ""], r"exclude_patterns\[1\]: '' is not a shell-style name pattern"),
    ([None], r"exclude_patterns\[0\]: null is not"),
    (["ok", 42], r"exclude_patterns\[1\]: 42 is not"),
    (["ok", "  "], r"exclude_patterns\[1\]: '  ' is not a shell-style name pattern"),  # it would leave nothing out
])
def test_a_bad_exclude_pattern_is_named(patterns, shown):
    with pytest.raises(ConfigurationError, match=shown):
        checked_patterns("exclude_patterns", patterns)


ISSUED_TOKEN = "MIIissuedToTheInventoryNotReal0001"
INVENTORY_SECRETS = {"password": 'Inventory-Pässw"rd-NotReal-0001', "auth_token": "MIIgivenInventoryTokenNotReal0001",
                     "secret_key": "InventorySecretKeyNotReal0001", "security_token": "InventoryStsTokenNotReal0001"}


def echo(request):
    """A 400 whose message is every header and the body of the request, as a careless proxy may send."""
    said = "; ".join("%s: %s" % header for header in request.headers.items()) + "; body: " + request.get_data(as_text=True)
    return Response(json.dumps({"error_code": "ECHO.400", "error_msg": said}), 400, content_type="application/json")


def issue_token(_request):
    return Response(json.dumps({"token": {"project": {"id": "p" * 32, "name": "eu-de"}}}), 201,
                    headers={"X-Subject-Token": ISSUED_TOKEN}, content_type="application/json")


@pytest.mark.parametrize("credential", [
    {"username": "operator", "password": INVENTORY_SECRETS["password"], "domain_name": "account"},  # IAM echoes the body
    {"username": "operator", "password": INVENTORY_SECRETS["password"], "domain_name": "account", "issued": True},
    {"auth_token": INVENTORY_SECRETS["auth_token"]},
    {"access_key": "INVENTORYAK", "secret_key": INVENTORY_SECRETS["secret_key"],
     "security_token": INVENTORY_SECRETS["security_token"]},
])
def test_no_secret_that_iam_echoes_back_reaches_the_inventorys_error(collections_path, httpserver, tmp_path, credential):
    # An inventory plugin has no no_log: ansible-inventory prints the plugin's error, and what caused it, as they are.
    credential = dict(credential)
    if credential.pop("issued", False):
        httpserver.expect_request("/v3/auth/tokens", method="POST").respond_with_handler(issue_token)
    httpserver.expect_request(re.compile("/v3/.*")).respond_with_handler(echo)
    config = dict(plugin="hwc.cleanup.projects", iam_endpoint=httpserver.url_for("/v3"), region="eu-de", **credential)
    source = tmp_path / "echo.hwc_projects.yml"
    source.write_text(yaml.safe_dump(config))
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_INVENTORY_UNPARSED_FAILED="true",
                       ANSIBLE_NOCOLOR="1")
    ran = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-inventory"), "-vvv", "-i", str(source),
                          "--list"], env=environment, capture_output=True, text=True, timeout=120, check=False)
    output = ran.stdout + ran.stderr
    assert ran.returncode != 0 and "HTTP 400 ECHO.400" in output and "********" in output
    secrets = set(INVENTORY_SECRETS.values()) | {ISSUED_TOKEN}
    leaked = [form for secret in secrets for form in (secret, json.dumps(secret)[1:-1]) if form in output]
    assert not leaked, leaked
    assert "Signature=" not in output or "Signature=********" in output
