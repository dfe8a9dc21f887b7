"""share_above_100: a share that cannot pass 100% printed above it is flagged for the original, never corrected."""

from __future__ import annotations

from pathlib import Path

from pipeline import file_to_document
from tests.conftest import ROOT


def test_an_ocr_s_2_for_a_greater_sign_is_flagged_and_kept_as_printed() -> None:
    # 鄂州: 经常性大型设备更新验收合格率 printed 292% (≥92% in the original)
    document = file_to_document(Path("samples/realdev/target_10_hubei_ezhou_2022.txt"))
    flagged = [flag for flag in document.flags if flag.code == "share_above_100"]
    assert [(flag.found, flag.paths) for flag in flagged] == [("292%", ["indicators[3].target"])]
    assert document.forms[0].indicators[3].target.raw == "292%"


def test_shares_within_100_and_rates_that_may_pass_it_are_not_flagged(tmp_path: Path) -> None:
    source = (ROOT / "samples" / "realdev" / "target_10_hubei_ezhou_2022.txt").read_text(encoding="utf-8")
    assert source.count("292%") == 1
    fixed, grown = tmp_path / "fixed.txt", tmp_path / "grown.txt"
    fixed.write_text(source.replace("292%", "≥92%"), encoding="utf-8")
    grown.write_text(source.replace("验收合格率", "验收增长率").replace("292%", "≥192%"), encoding="utf-8")
    for path in (fixed, grown):
        assert not [flag for flag in file_to_document(path).flags if flag.code == "share_above_100"]
