"""compose.yaml as shipped: gunicorn reachable only through Varnish, the client address
believed only from Varnish's own address, and the task worker running beside the web with the
same settings (issue 22: limits that cannot be moved onto others; PDF text in the worker)."""

import ipaddress

import yaml

from tests.servers import ROOT

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]


def test_only_varnish_publishes_a_port():
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert published == {"varnish"}
    assert SERVICES["varnish"]["ports"] == ["127.0.0.1:8080:8080"]


def test_the_site_trusts_forwarded_for_from_varnish_only():
    environment = SERVICES["web"]["environment"]
    assert environment["TRUSTED_PROXY_COUNT"] == "1"
    varnish = ipaddress.ip_address(SERVICES["varnish"]["networks"]["default"]["ipv4_address"])
    trusted = [ipaddress.ip_network(value) for value in environment["TRUSTED_PROXY_IPS"].split(",")]
    assert trusted == [ipaddress.ip_network(varnish)]
    subnet = COMPOSE["networks"]["default"]["ipam"]["config"][0]["subnet"]
    assert varnish in ipaddress.ip_network(subnet)


def test_the_worker_runs_beside_the_web_with_the_same_settings():
    worker, web = SERVICES["worker"], SERVICES["web"]
    assert worker["command"][:3] == ["python", "manage.py", "db_worker"]
    assert "--backend" in worker["command"] and "worker" in worker["command"]
    assert worker["build"] == web["build"] and worker["volumes"] == web["volumes"]
    shared = {key: value for key, value in web["environment"].items() if key != "WEB_CONCURRENCY"}
    assert worker["environment"] == shared
    assert "TASKS_WORKER" not in shared  # on by default: the web enqueues, the worker runs
