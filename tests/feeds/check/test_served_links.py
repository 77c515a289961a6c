"""SRV-10: `check --server` fails when a link of the feed as served does not answer 200.

The show is built with show.toml's default base_url (localhost:8000) and served on another
port: by `talkingpaper serve`'s server, which must pass, and by servers or files that break
links in the ways a producer meets them.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from feeds.check import Finding, check_output, format_finding
from feeds.serve import make_server
from tests.conftest import ROOT

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]  # the built bulletin show
TOKEN = "Ch3ck-token"


@pytest.fixture
def show(bulletin_show: Path, tmp_path: Path) -> Path:
    """A copy of the bulletin show (show.toml and output/) for a test to break."""
    copy = tmp_path / "show"
    copy.mkdir()
    shutil.copy(bulletin_show / "show.toml", copy / "show.toml")
    shutil.copytree(bulletin_show / "output", copy / "output")
    return copy


def srv10(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "SRV-10"]


@pytest.mark.parametrize("token", [None, TOKEN])
def test_the_projects_server_passes_every_serving_rule(
    bulletin_show: Path, serve, token: str | None
) -> None:
    output = bulletin_show / "output"
    url = serve(make_server(output, port=0, token=token, quiet=True))
    findings = check_output(output, server=url + (f"{TOKEN}/" if token else ""), rules=["SRV"])
    assert findings == [], "\n".join(map(format_finding, findings))


def test_a_deleted_mp3_is_an_error_through_the_cli(show: Path, serve) -> None:
    (show / "output" / "episodes" / "harbour-ferry.mp3").unlink()
    url = serve(make_server(show / "output", port=0, token=TOKEN, quiet=True)) + f"{TOKEN}/"
    proc = subprocess.run(
        [sys.executable, "-m", "talkingpaper.cli", "check", "--show", str(show), "--server", url],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr
    (line,) = [line for line in proc.stdout.splitlines() if line.startswith("SRV-10")]
    assert line.startswith("SRV-10 error: ") and "harbour-ferry.mp3" in line
    assert "HEAD -> 404" in line


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_feed_whose_links_name_another_port_is_an_error(bulletin_show: Path, serve) -> None:
    # What main served: the file as built, every link at localhost:8000, nothing listening.
    output = bulletin_show / "output"
    url = serve(ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=output)))
    findings = srv10(check_output(output, server=url, rules=["SRV-10"]))
    assert findings and all(f.severity == "error" for f in findings)
    assert "http://localhost:8000/" in findings[0].message
    assert any("and " in f.message and "more links" in f.message for f in findings)


def test_links_without_the_token_are_an_error(show: Path, tmp_path: Path, serve) -> None:
    # What main served with --token: a feed whose links had the address but not the token.
    # A static server stands in, with output/ under a secret first segment.
    public = tmp_path / "public"
    public.mkdir()
    (public / TOKEN).symlink_to(show / "output", target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=public))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    feed = show / "output" / "feed.xml"
    feed.write_text(feed.read_text("utf-8").replace("http://localhost:8000/", base), "utf-8")
    url = serve(server) + f"{TOKEN}/"
    findings = srv10(check_output(show / "output", server=url, rules=["SRV-10"]))
    assert findings and "HEAD -> 404" in findings[0].message
    assert base + "cover.jpg" in findings[0].message


def test_links_at_localhost_fail_when_checked_from_the_network(show: Path, serve) -> None:
    # They answer on the server's own machine, so fetching them here proves nothing.
    from feeds.serve import lan_addresses

    lan = lan_addresses()
    if not lan:
        pytest.skip("this machine has no network address but loopback")
    output = show / "output"
    server = ThreadingHTTPServer(("0.0.0.0", 0), functools.partial(_Quiet, directory=output))
    port = server.server_address[1]
    feed = output / "feed.xml"
    text = feed.read_text("utf-8").replace("localhost:8000", f"localhost:{port}")
    feed.write_text(text, "utf-8")
    serve(server)
    findings = srv10(check_output(output, server=f"http://{lan[0]}:{port}/", rules=["SRV-10"]))
    assert findings and f"names localhost, while the feed is served at {lan[0]}" in (
        findings[0].message
    )
