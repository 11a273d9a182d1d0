"""A custom credential type as AWX handles it: checked when it is created, injected into a job's environment.

- a job: the injection is AWX's own code, ``inject_credential`` of the awx-plugins.interfaces package (what AWX 24
  and later call; requirements-dev.txt pins it). Only the fields a credential has a non-empty value for enter the
  template namespace, so a blank field renders as an empty string and every variable under ``env`` is set.
  ``safe_env`` is what AWX stores and shows as the job's environment: secret fields replaced by asterisks.
- creation: not in that package, so it follows AWX's awx/main/fields.py, read rather than imported:
  CredentialTypeInputField and CredentialTypeInjectorField (the schema, then every injector template rendered with
  every field set, undefined names refused), and CredentialInputField for a credential's inputs (known fields,
  choices, required).
"""

import re
import tempfile

import yaml
from awx_plugins.interfaces._temporary_private_api import ManagedCredentialType
from awx_plugins.interfaces._temporary_private_credential_api import Credential
from awx_plugins.interfaces._temporary_private_inject_api import ENV_BLOCKLIST, inject_credential
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

NAME = re.compile(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$")
FIELD_KEYS = frozenset(("id", "label", "type", "format", "choices", "help_text", "multiline", "secret", "ask_at_runtime", "default"))
STRING_ONLY_KEYS = ("choices", "multiline", "format", "secret")
FIELD_TYPES = {"string": str, "boolean": bool}
FORMATS = ("ssh_private_key", "url")


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def fields(credential_type):
    return credential_type["inputs"].get("fields", [])


def secret_fields(credential_type):
    return [field["id"] for field in fields(credential_type) if field.get("secret") is True]


def _field_problems(field, seen):
    problems = ["field %r: unknown key %r" % (field.get("id"), key) for key in sorted(set(field) - FIELD_KEYS)]
    field_id, field_type = field.get("id"), field.get("type", "string")
    if not field_id or not field.get("label"):
        problems.append("a field needs an id and a label: %r" % (field,))
    elif not NAME.match(field_id) or field_id == "tower":
        problems.append("field id %r is not a usable variable name" % field_id)
    elif field_id in seen:
        problems.append("field id %r is not unique" % field_id)
    seen.add(field_id)
    if field_type not in FIELD_TYPES:
        problems.append("field %r: type %r is neither string nor boolean" % (field_id, field_type))
        return problems
    problems.extend("field %r: %s is only allowed for strings" % (field_id, key)
                    for key in STRING_ONLY_KEYS if key in field and field_type != "string")
    choices = field.get("choices")
    if choices is not None and (not choices or len(set(choices)) != len(choices) or not all(isinstance(c, str) for c in choices)):
        problems.append("field %r: choices must be distinct strings" % field_id)
    if "format" in field and field["format"] not in FORMATS:
        problems.append("field %r: format %r is unknown" % (field_id, field["format"]))
    if "default" in field and not isinstance(field["default"], FIELD_TYPES[field_type]):
        problems.append("field %r: default %r is not a %s" % (field_id, field["default"], field_type))
    return problems


def _injector_problems(credential_type):
    injectors = credential_type.get("injectors", {})
    problems = ["injectors: unknown kind %r" % kind for kind in sorted(set(injectors) - {"file", "env", "extra_vars"})]
    for name, template in injectors.get("env", {}).items():
        if not NAME.match(name) or name.startswith("ANSIBLE_") or name in ENV_BLOCKLIST:
            problems.append("env %s: AWX does not let a credential set this variable" % name)
        if not isinstance(template, str) or not template.isascii():
            problems.append("env %s: the template must be an ASCII string" % name)
    # Every field set: a template that still fails names something the inputs do not define.
    namespace = dict((field["id"], "EXAMPLE") for field in fields(credential_type))
    strict = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for kind, templates in injectors.items():
        for key, template in templates.items():
            try:
                strict.from_string(template).render(namespace)
            except (UndefinedError, SecurityError, TemplateSyntaxError) as error:
                problems.append("%s %s: %s" % (kind, key, error))
    return problems


def credential_type_problems(credential_type):
    """What AWX would refuse when the credential type is created; an empty list means it is accepted."""
    inputs = credential_type.get("inputs", {})
    problems = ["inputs: unknown key %r" % key for key in sorted(set(inputs) - {"fields", "required"})]
    seen = set()
    for field in fields(credential_type):
        problems.extend(_field_problems(field, seen))
    problems.extend("inputs: required field %r is not defined" % name for name in inputs.get("required", []) if name not in seen)
    if credential_type.get("kind") not in ("cloud", "net"):
        problems.append("kind %r: a custom credential type is cloud or net" % credential_type.get("kind"))
    return problems + _injector_problems(credential_type)


def credential_problems(credential_type, inputs):
    """What AWX would refuse in a credential's inputs."""
    defined = dict((field["id"], field) for field in fields(credential_type))
    problems = ["unknown field %r" % name for name in sorted(set(inputs) - set(defined))]
    problems.extend("field %r is required" % name for name in credential_type["inputs"].get("required", []) if not inputs.get(name))
    for name, value in inputs.items():
        field = defined.get(name, {})
        if value and "choices" in field and value not in field["choices"]:
            problems.append("field %r: %r is not one of %s" % (name, value, field["choices"]))
    return problems


def inject(credential_type, inputs):
    """(env, safe_env): the variables a job gets from this credential, and what AWX stores and shows of them, from
    AWX's own inject_credential. It would add file and extra vars injectors to the command line: this type has none,
    so that no credential reaches the job's extra vars (which ansible-runner writes to its artifacts)."""
    managed = ManagedCredentialType(namespace="hwc_cleanup", name=credential_type["name"], kind=credential_type["kind"],
                                    inputs=credential_type["inputs"], injectors=credential_type["injectors"])
    env, safe_env, args = {}, {}, []
    with tempfile.TemporaryDirectory() as private_data_dir:
        inject_credential(managed, Credential(inputs), env, safe_env, args, private_data_dir)
    assert args == [], "the credential type injected extra vars: %s" % args
    return env, safe_env
