"""What Transport takes from the environment and the replies: proxies, CA bundle, cookies, never ~/.netrc.

Transport sends through requests' HTTPAdapter without a Session (one reading of the environment per
host instead of one per request); these tests pin what a Session would have done, and where it
would have done wrong.
"""

import pytest
import requests
from werkzeug.wrappers import Response

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import TokenAuth
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ApiError
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.transport import Transport, _verify_setting


def transport():
    return Transport(requests, 5, 0)


def proxy_environment(monkeypatch, proxy, no_proxy=None):
    """Both spellings: urllib prefers the lower-case one when both are set."""
    for name, value in (("http_proxy", proxy), ("no_proxy", no_proxy)):
        for spelling in (name, name.upper()):
            if value is None:
                monkeypatch.delenv(spelling, raising=False)
            else:
                monkeypatch.setenv(spelling, value)


def test_a_proxy_from_the_environment_carries_the_requests(httpserver, monkeypatch):
    proxy_environment(monkeypatch, httpserver.url_for("/"))
    seen = []
    httpserver.expect_request("/api/x").respond_with_handler(lambda request: seen.append(request) or Response("{}", 200))
    reply = transport().request("GET", "http://cce.eu-de.example.invalid/api/x")
    assert reply.status_code == 200 and seen[0].headers["Host"] == "cce.eu-de.example.invalid"


def test_no_proxy_is_obeyed(httpserver, monkeypatch):
    proxy_environment(monkeypatch, "http://127.0.0.1:9", no_proxy="127.0.0.1,localhost")  # nothing listens on port 9
    httpserver.expect_request("/x").respond_with_data("{}")
    assert transport().request("GET", httpserver.url_for("/x")).status_code == 200


def test_cookies_of_a_reply_go_back_on_later_requests(httpserver):
    seen = []

    def handler(request):
        seen.append(request.headers.get("Cookie"))
        return Response("{}", 200, headers={"Set-Cookie": "gateway=sticky; Path=/"})
    httpserver.expect_request("/x").respond_with_handler(handler)
    sender = transport()
    sender.request("GET", httpserver.url_for("/x"))
    sender.request("GET", httpserver.url_for("/x"))
    assert seen == [None, "gateway=sticky"]


def test_netrc_credentials_are_never_sent(httpserver, monkeypatch, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password netrc-secret\nmachine localhost login someone password netrc-secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    seen = []
    httpserver.expect_request("/x").respond_with_handler(lambda request: seen.append(request) or Response("{}", 200))
    transport().request("GET", httpserver.url_for("/x"), auth=TokenAuth("t"))
    assert "Authorization" not in seen[0].headers and seen[0].headers["X-Auth-Token"] == "t"


def test_validate_certs_false_and_ca_path_win_over_the_environment_ca_bundle(monkeypatch):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/env/bundle.pem")
    assert _verify_setting(False, None) is False
    assert _verify_setting(False, "/my/ca.pem") is False
    assert _verify_setting(True, "/my/ca.pem") == "/my/ca.pem"
    assert _verify_setting(True, None) == "/env/bundle.pem"
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    monkeypatch.setenv("CURL_CA_BUNDLE", "/env/curl.pem")
    assert _verify_setting(True, None) == "/env/curl.pem"
    monkeypatch.delenv("CURL_CA_BUNDLE")
    assert _verify_setting(True, None) is True


def test_the_headers_on_the_wire_are_those_a_prepared_request_had(httpserver):
    seen = []
    httpserver.expect_request("/x").respond_with_handler(lambda request: seen.append(request) or Response("{}", 200))
    sender = transport()
    sender.request("DELETE", httpserver.url_for("/x"), auth=TokenAuth("t"))
    sender.request("POST", httpserver.url_for("/x"), json_body={"a": 1})
    sender.request("GET", httpserver.url_for("/x"), params={"q": "a b"})
    delete, post, get = (dict(request.headers) for request in seen)
    assert delete["Content-Length"] == "0" and delete["X-Auth-Token"] == "t" and "Cookie" not in delete
    assert post["Content-Length"] == str(len(b'{"a": 1}')) and seen[1].get_data() == b'{"a": 1}'
    assert "Content-Length" not in get and seen[2].query_string == b"q=a%20b"
    assert delete["User-Agent"] == "hwc.cleanup-ansible-collection" and delete["Accept"] == "application/json"


def test_urllib3_failures_become_the_requests_exceptions_requests_raised():
    import urllib3
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.transport import _reading_error, _sending_error

    pool = urllib3.HTTPConnectionPool("127.0.0.1", 9)
    errors = urllib3.exceptions

    def mapped(exc):
        return type(_sending_error(requests.exceptions, errors, exc))
    assert mapped(errors.MaxRetryError(pool, "/x", errors.ConnectTimeoutError("slow"))) is requests.exceptions.ConnectTimeout
    assert mapped(errors.MaxRetryError(pool, "/x", errors.NewConnectionError(None, "refused"))) is requests.exceptions.ConnectionError
    assert mapped(errors.MaxRetryError(pool, "/x", errors.SSLError("bad cert"))) is requests.exceptions.SSLError
    assert mapped(errors.ProtocolError("Connection aborted.")) is requests.exceptions.ConnectionError
    assert mapped(errors.ReadTimeoutError(pool, "/x", "Read timed out.")) is requests.exceptions.ReadTimeout
    body_error = _reading_error(requests.exceptions, errors, errors.ProtocolError("Connection broken"))
    assert body_error.__class__ is requests.exceptions.ChunkedEncodingError  # as requests' Response.content raised it


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    """A self-signed certificate for localhost and 127.0.0.1 and its key, as PEM files."""
    import datetime
    import ipaddress

    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    names = x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(names, critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    return str(folder / "cert.pem"), str(folder / "key.pem")


@pytest.fixture
def https_server(tls_files):
    import ssl

    from pytest_httpserver import HTTPServer

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*tls_files)
    server = HTTPServer(ssl_context=context)
    server.start()
    server.expect_request("/x").respond_with_data("{}")
    yield server
    server.clear()
    server.stop()


def test_tls_is_verified_against_ca_path_or_the_default_bundle_and_not_at_all_without_validate_certs(https_server, tls_files,
                                                                                                     monkeypatch):
    import urllib3

    for variable in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(variable, raising=False)
    url = https_server.url_for("/x")
    assert url.startswith("https://")
    assert Transport(requests, 5, 0, ca_path=tls_files[0]).request("GET", url).status_code == 200
    with pytest.warns(urllib3.exceptions.InsecureRequestWarning):  # urllib3's warning, as before
        assert Transport(requests, 5, 0, validate_certs=False).request("GET", url).status_code == 200
    with pytest.raises(ApiError) as refused:  # certifi's bundle does not hold the self-signed certificate
        Transport(requests, 5, 0).request("GET", url)
    assert refused.value.status_code is None
    assert refused.value.error_msg.startswith("TLS error: HTTPSConnectionPool(host='localhost', port=%d): Max retries "
                                              "exceeded with url: /x (Caused by SSLError(SSLCertVerificationError("
                                              % https_server.port)
    assert refused.value.error_msg.endswith("(see validate_certs and ca_path)")
