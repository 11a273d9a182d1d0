# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: projects
short_description: One host per IAM project the credential can access
version_added: 2.0.0
author: hwc.cleanup contributors (@hwc-cleanup)
description:
  - Lists the IAM projects the credential can access (C(GET /v3/auth/projects), one IAM call; a user and password
    add the token call) and adds one host per project, named after the project, to the group O(group).
  - "Each host has three variables: C(hwc_project_id), C(hwc_project_name) and C(hwc_region), the region the
    project's name says. A region's own project is named after the region (C(eu-west-101)), a sub-project
    C({region}_{suffix}) (C(eu-west-101_ci))."
  - Skips disabled projects, and projects whose name is neither a region nor a region and a suffix, such as the
    C(MOS) project every account lists (the default project of OBS, which belongs to no region).
  - "Run the tasks of each host with C(connection: local) and O(hwc.cleanup.project_info#module:project_id) set to
    C({{ hwc_project_id }}), and O(hwc.cleanup.project_info#module:region) to C({{ hwc_region }}), so that each
    host acts in its own project."
  - The inventory file's name must end in C(hwc_projects.yml) or C(hwc_projects.yaml).
extends_documentation_fragment:
  - hwc.cleanup.common.plugin
  - constructed
options:
  plugin:
    description: The name of this plugin; V(hwc.cleanup.projects) marks the file as its own.
    type: str
    required: true
    choices: [hwc.cleanup.projects]
  region:
    description:
      - The region whose IAM endpoint is called, and for O(username) and O(password) without O(project_id) the
        project the token is scoped to (the one named after the region). It does not limit the hosts (O(regions)
        does).
      - When neither this nor its environment variables are set, the first of O(regions); without O(regions) either,
        O(iam_endpoint) is required (and with a user and password O(project_id)).
  regions:
    description:
      - Keep only the projects of these regions (a region's own project and its sub-projects). Empty keeps every
        region.
    type: list
    elements: str
    default: []
  name_pattern:
    description:
      - Keep only the projects whose name matches this shell-style pattern (C(*), C(?), C([..])), case-sensitive,
        such as C(eu-west-101_*) for the sub-projects of one region.
      - An empty or blank pattern, which would match no project, is an error before any request.
    type: str
  exclude_patterns:
    description:
      - Leave out the projects whose name matches any of these shell-style patterns (C(*), C(?), C([..])),
        regardless of case (unlike O(name_pattern); what leaves a project out errs on the side of leaving it out), such
        as C(*_prod*) for the production sub-projects.
      - Applied after O(regions) and O(name_pattern). Each entry must be a string that is not empty or blank (it
        would leave nothing out); a bad one is an error naming it, before any request.
    type: list
    elements: str
    default: []
    version_added: 2.0.0
  group:
    description: The group every host is added to.
    type: str
    default: hwc_projects
notes:
  - A failure to read the projects (a bad option, IAM refusing the credential) is reported by Ansible as a warning
    and leaves the inventory empty unless C(inventory_unparsed_failed) (E(ANSIBLE_INVENTORY_UNPARSED_FAILED)) is
    true. Set it for scheduled teardowns, so that a play with no host is not mistaken for a clean run.
seealso:
  - module: hwc.cleanup.project_info
"""

EXAMPLES = r"""
# teardown.hwc_projects.yml: every project of eu-west-101 and ap-southeast-1 but the production ones, with the
# credentials from the environment (HWC_ACCESS_KEY, HWC_SECRET_KEY).
plugin: hwc.cleanup.projects
regions: [eu-west-101, ap-southeast-1]
exclude_patterns: ["*prod*"]
keyed_groups:
  - key: hwc_region
    prefix: region
groups:
  hwc_production: "'prod' in hwc_project_name"

# ci.hwc_projects.yml: the CI sub-projects of one region, with a user and password scoped to the region's project.
# plugin: hwc.cleanup.projects
# region: eu-west-101
# name_pattern: "eu-west-101_ci*"
# compose:
#   ansible_connection: "'local'"
"""

from ansible.errors import AnsibleParserError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.inventory import BaseInventoryPlugin, Constructable

from ansible_collections.hwc.cleanup.plugins.module_utils._engine import auth
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import REGION_PATTERN
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import (
    ApiError, ConfigurationError, ReplyError, masked, shown_value)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.listing import check_name_pattern
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import common_argument_spec

# The common options this plugin takes (doc fragment hwc.cleanup.common.plugin); endpoint, concurrency and deadline
# are the services' and the delete modules', not IAM's.
CONNECTION_OPTIONS = ("cloud", "region", "project_id", "access_key", "secret_key", "security_token", "auth_token",
                      "username", "password", "domain_name", "iam_endpoint", "allow_insecure_http", "validate_certs", "ca_path", "timeout",
                      "retries")


def connection_params(given, regions):
    """The common options as the modules resolve them: ``given`` (the inventory file's), then the environment
    variables of the modules' common options (first set and not empty wins), then the defaults; the region, when none is set, the
    first of ``regions``."""
    spec = common_argument_spec()
    result = ArgumentSpecValidator(dict((name, spec[name]) for name in CONNECTION_OPTIONS)).validate(given)
    if result.error_messages:
        raise ConfigurationError("; ".join(result.error_messages))
    params = result.validated_parameters
    if not params["region"] and regions:
        params["region"] = regions[0]
    # What Session reads besides: no service endpoint, one connection, the modules' default deadline.
    params.update(endpoint=None, concurrency=1, deadline=spec["deadline"]["default"])
    return params


def checked_patterns(option, patterns):
    """``patterns`` when each is a shell-style pattern (listing.check_name_pattern); else the first bad one, named."""
    for index, pattern in enumerate(patterns):
        check_name_pattern("%s[%d]" % (option, index), pattern)
    return patterns


class InventoryModule(BaseInventoryPlugin, Constructable):
    NAME = "hwc.cleanup.projects"

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(("hwc_projects.yml", "hwc_projects.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        config = self._read_config_data(path)
        self._session = None
        try:
            projects = self._projects(config)
        except (ConfigurationError, ReplyError, ApiError) as error:
            # An inventory plugin has no no_log: nothing masks a secret that a service echoed back but this. The
            # error is not chained either, since Ansible would print it whole after "caused by".
            message = error.message() if isinstance(error, ApiError) else str(error)
            secrets = auth.secrets_of(dict((name, self.get_option(name)) for name in CONNECTION_OPTIONS))
            if self._session is not None:  # the options as resolved, and the tokens IAM issued
                secrets |= auth.secrets_of(self._session.params, self._session.credential)
            raise AnsibleParserError("hwc.cleanup.projects: %s" % masked(message, secrets)) from None
        group = self.inventory.add_group(self.get_option("group"))
        strict = self.get_option("strict")
        for project in projects:
            host = self.inventory.add_host(project["name"], group=group)
            for name, value in (("hwc_project_id", project["id"]), ("hwc_project_name", project["name"]),
                                ("hwc_region", project["region"])):
                self.inventory.set_variable(host, name, value)
            hostvars = self.inventory.get_host(host).get_vars()
            self._set_composite_vars(self.get_option("compose"), hostvars, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), hostvars, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), hostvars, host, strict=strict)

    def _projects(self, config):
        """The projects to add, after one GET /v3/auth/projects (and a password token with a user)."""
        from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import check_settings
        from ansible_collections.hwc.cleanup.plugins.module_utils._engine.session import Session

        regions = self.get_option("regions") or []
        for region in regions:
            if not isinstance(region, str) or not REGION_PATTERN.fullmatch(region):
                raise ConfigurationError("regions: %s is not a region name such as 'eu-de' or 'cn-north-4'" % shown_value(region))
        exclude_patterns = checked_patterns("exclude_patterns", self.get_option("exclude_patterns") or [])
        name_pattern = self.get_option("name_pattern")
        if name_pattern is not None:
            check_name_pattern("name_pattern", name_pattern)
        # Only what the file sets: Ansible resolves env lists otherwise (the last variable set wins, an empty one too).
        params = connection_params(dict((name, self.get_option(name)) for name in CONNECTION_OPTIONS if name in config), regions)
        check_settings(params)
        if not (params["region"] or params["iam_endpoint"]):
            raise ConfigurationError("region (HWC_REGION, HUAWEICLOUD_SDK_REGION, HW_REGION_NAME, OS_REGION_NAME) or regions "
                                     "is required to derive the IAM endpoint; or set iam_endpoint (HWC_IAM_ENDPOINT)")
        try:
            import requests
        except ImportError:
            raise ConfigurationError("the Python library requests is required on the controller (pip install requests)")
        session = self._session = Session(params, need_project=False, need_iam=True)
        try:
            session.open(requests)
            projects = auth.accessible_projects(session.transport, session.iam_url, session.credential)
        finally:
            session.close()
        return auth.select_projects(projects, regions, name_pattern, exclude_patterns)
