import json
import os
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlsplit

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils._engine import signing
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import AkSkAuth

with open(os.path.join(os.path.dirname(__file__), os.pardir, "fixtures", "sdk_hmac_sha256.json")) as handle:
    VECTORS = json.load(handle)


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=lambda vector: vector["name"])
def test_every_sdk_vector_signed_byte_for_byte(vector, monkeypatch):
    """AkSkAuth.apply builds the SDK's headers and signature from the vector's inputs alone."""
    monkeypatch.setattr(signing, "sdk_date", lambda now=None: VECTORS["x_sdk_date"])
    url = urlsplit(vector["url"])
    query = signing.canonical_query(parse_qsl(url.query, keep_blank_values=True))
    headers = {"Content-Type": vector["input_headers"]["Content-Type"]}
    auth = AkSkAuth(VECTORS["ak"], VECTORS["sk"], vector["security_token"])
    auth.apply(vector["method"], url.netloc, url.path, query, headers, vector["body"].encode("utf-8"), vector["project_id"])

    assert headers == vector["final_request_headers"]
    assert urlsplit(vector["final_request_url"]).query == query
    signed = vector["signed_headers"].split(";")
    canonical = signing.canonical_request(vector["method"], url.path, query, headers, signed, vector["body"].encode("utf-8"))
    assert canonical == vector["canonical_request"]
    assert signing.string_to_sign(canonical, VECTORS["x_sdk_date"]) == vector["string_to_sign"]


def test_canonical_uri_always_ends_with_slash_and_reencodes_segments():
    assert signing.canonical_uri("/v3/jobs/abc/delete") == "/v3/jobs/abc/delete/"
    assert signing.canonical_uri("/a%20b/c/") == "/a%20b/c/"
    assert signing.canonical_uri("/") == "/"


def test_canonical_query_sorts_keys_and_list_values_and_lowercases_booleans():
    assert signing.canonical_query({"b": ["2", "1"], "a": True, "c": "x y/~"}) == "a=true&b=1&b=2&c=x%20y%2F~"


def test_sdk_date_is_utc_whatever_the_local_zone():
    moment = datetime(2024, 3, 15, 11, 15, tzinfo=timezone(timedelta(hours=1)))
    assert signing.sdk_date(moment.astimezone(timezone.utc)) == "20240315T101500Z"
    assert signing.sdk_date().endswith("Z")


def test_a_changed_secret_changes_the_signature():
    vector = VECTORS["vectors"][0]
    canonical_text = signing.string_to_sign(vector["canonical_request"], VECTORS["x_sdk_date"])
    assert signing.signature(VECTORS["sk"], canonical_text) in vector["authorization"]
    assert signing.signature(VECTORS["sk"] + "x", canonical_text) not in vector["authorization"]


def test_a_plain_path_is_its_own_canonical_form_as_decoding_and_encoding_would_give():
    import random
    from urllib.parse import quote, unquote

    def encoded(path):
        uri = "/".join(quote(segment, safe="~") for segment in unquote(path).split("/"))
        return uri if uri.endswith("/") else uri + "/"
    draw = random.Random(21)
    alphabet = "abcXYZ019/_.~-%20 +é"
    paths = ["/" + "".join(draw.choice(alphabet) for _char in range(draw.randint(0, 20))) for _path in range(2000)]
    paths += ["/api/v2/projects/0a1b2c3d4e5f60718293a4b5c6d7e8f9/jobs/bench-job-0001", "", "/"]
    assert [signing.canonical_uri(path) for path in paths] == [encoded(path) for path in paths]
    assert sum(bool(signing.PLAIN_PATH.fullmatch(path)) for path in paths) > 100  # the shortcut is taken
