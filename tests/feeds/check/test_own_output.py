"""`check` names the placeholders a producer must replace (FEED-17), and on a freshly built
show, bulletin included, warns about nothing else than settings the producer has to make."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from feeds.check import check_output, format_finding
from feeds.check.placeholders import TOOL_NAME, placeholder_email, stock_description

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]  # the built bulletin show


def test_the_placeholders_are_named_with_the_setting_to_change(bulletin_show: Path) -> None:
    findings = [f for f in check_output(bulletin_show / "output") if f.rule == "FEED-17"]
    assert all(f.severity == "warning" for f in findings)
    by_setting = {
        setting: [f for f in findings if f.fix.startswith(f"set {setting} in show.toml")]
        for setting in ("owner_email", "author", "description")
    }
    assert all(len(found) == 1 for found in by_setting.values()), findings
    assert "podcast@example.org" in by_setting["owner_email"][0].message
    assert "'talkingpaper'" in by_setting["author"][0].message


def test_a_show_with_its_own_settings_has_no_placeholder_warning(
    bulletin_show: Path, tmp_path: Path
) -> None:
    output = Path(shutil.copytree(bulletin_show / "output", tmp_path / "output"))
    feed = output / "feed.xml"
    text = feed.read_text("utf-8").replace("podcast@example.org", "desk@harbourgazette.net")
    text = re.sub(r"<itunes:(author|name)>talkingpaper<", r"<itunes:\1>Harbour Gazette<", text)
    text = re.sub(r"<description>News articles read aloud[^<]*<", "<description>Town news<", text)
    feed.write_text(text, "utf-8")
    assert [f for f in check_output(output) if f.rule == "FEED-17"] == []


def test_the_placeholders_are_what_init_and_the_defaults_write(tmp_path: Path) -> None:
    from talkingpaper.show import Show, init_show, load_show

    show = load_show(init_show(tmp_path / "new-show", "Harbour News").parent, required=True)
    for settings in (show, Show(root=tmp_path)):
        assert settings.author == TOOL_NAME
        assert stock_description(settings.description)
    assert show.owner_email and placeholder_email(show.owner_email)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("podcast@example.org", True),
        ("me@EXAMPLE.com", True),
        ("desk@news.example.net", True),
        ("a@host.test", True),
        ("a@box.invalid", True),
        ("desk@harbourgazette.net", False),
        ("me@example.org.uk", False),
        ("me@myexample.org", False),
    ],
)
def test_placeholder_email(address: str, expected: bool) -> None:
    assert placeholder_email(address) is expected


def test_a_fresh_show_and_its_bulletin_get_only_warnings_about_settings(
    bulletin_show: Path,
) -> None:
    findings = check_output(bulletin_show / "output")
    assert not [f for f in findings if f.severity == "error"], findings
    # What talkingpaper wrote must pass; what is left are settings only the producer can make
    # (an https base_url before Apple, the placeholders), each naming its show.toml setting.
    about_output = [
        format_finding(f) for f in findings if "show.toml" not in f.fix and "show." not in f.fix
    ]
    assert about_output == []
    # Item findings name the item as "item N (SLUG)"; the bulletin's slug starts with its name.
    bulletin = [f for f in findings if "(morning-edition" in f.message]
    assert bulletin == [], "\n".join(map(format_finding, bulletin))


def test_chap_frames_stored_out_of_time_order_are_named(
    bulletin_show: Path, tmp_path: Path
) -> None:
    from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags

    output = Path(shutil.copytree(bulletin_show / "output", tmp_path / "output"))
    mp3 = output / "episodes" / "harbour-ferry.mp3"
    tags = ID3(mp3)
    tags.delall("CHAP")
    tags.delall("CTOC")
    flags = CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    tags.add(CTOC(element_id="toc", flags=flags, child_element_ids=["chp0", "chp1"]))
    # mutagen stores frames smallest first: the long first title goes after the short second.
    for element_id, start, title in (("chp0", 0, "A first chapter " * 8), ("chp1", 1000, "B")):
        chapter = CHAP(element_id=element_id, start_time=start, end_time=start + 1000)
        chapter.sub_frames.add(TIT2(encoding=1, text=title))
        tags.add(chapter)
    tags.save(mp3, v2_version=3)
    found = [f.message for f in check_output(output, rules=["ID3-02"])]
    assert any("(harbour-ferry) stores its CHAP frames as chp1, chp0" in m for m in found), found


def test_our_show_is_held_to_its_own_rate_and_the_rate_to_the_band(demo_show: Path) -> None:
    """The demo article speaks about 148 written words a minute at rate 165 (its words are
    long); that is the setting kept, not a fault of the output."""
    from feeds.check.context import Targets

    def rate_findings(**targets: float | None) -> list[str]:
        found = check_output(demo_show / "output", rules=["AUD-07"], targets=Targets(**targets))
        return [f.message for f in found]

    assert rate_findings(rate=165) == []
    assert any("does not keep its rate" in m for m in rate_findings(rate=260))
    assert any("voices.rate is 120" in m for m in rate_findings(rate=120))
    # A feed we did not make is held to the band listeners follow best.
    assert all("listeners follow news best" in m for m in rate_findings(rate=None))
