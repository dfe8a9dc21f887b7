"""share_above_100: a share that cannot pass 100% printed above it is flagged for the original, never corrected."""

from __future__ import annotations

from pathlib import Path

from pipeline import file_to_document
from tests.conftest import ROOT


def test_an_ocr_s_2_for_a_greater_sign_is_read_as_it_and_said() -> None:
    # 鄂州: 经常性大型设备更新验收合格率 printed 292% (≥92% in the original, as realdev's gold reads it)
    document = file_to_document(Path("samples/realdev/target_10_hubei_ezhou_2022.txt"))
    said = [flag for flag in document.flags if flag.code == "greater_sign_read_as_2"]
    assert [(flag.found, flag.expected, flag.paths) for flag in said] == [("292%", "≥92%", ["indicators[3].target"])]
    target = document.forms[0].indicators[3].target
    assert (target.raw, target.op, target.value) == ("≥92%", ">=", 92)
    assert not [flag for flag in document.flags if flag.code == "share_above_100"]


def test_a_share_above_100_that_no_2_explains_is_flagged_and_kept(tmp_path: Path) -> None:
    source = (ROOT / "samples" / "realdev" / "target_10_hubei_ezhou_2022.txt").read_text(encoding="utf-8")
    path = tmp_path / "over.txt"
    path.write_text(source.replace("292%", "192%"), encoding="utf-8")
    document = file_to_document(path)
    assert [flag.found for flag in document.flags if flag.code == "share_above_100"] == ["192%"]
    assert document.forms[0].indicators[3].target.raw == "192%"


def test_shares_within_100_and_rates_that_may_pass_it_are_not_flagged(tmp_path: Path) -> None:
    source = (ROOT / "samples" / "realdev" / "target_10_hubei_ezhou_2022.txt").read_text(encoding="utf-8")
    assert source.count("292%") == 1
    fixed, grown = tmp_path / "fixed.txt", tmp_path / "grown.txt"
    fixed.write_text(source.replace("292%", "≥92%"), encoding="utf-8")
    grown.write_text(source.replace("验收合格率", "验收增长率").replace("292%", "≥192%"), encoding="utf-8")
    for path in (fixed, grown):
        assert not [flag for flag in file_to_document(path).flags if flag.code == "share_above_100"]
