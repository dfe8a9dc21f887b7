"""Names of a row's labels printed glued in one cell (项目名称 | 主管部门 | 实施单位 over one run of text)."""

from __future__ import annotations

from parsers.glued_names import cut_glued_names


def test_organisations_that_open_alike_cut_the_run() -> None:
    assert cut_glued_names("茶产业发展专项资金汉中市南郑区农业农村局汉中市南郑区茶叶技术推广站",
                           ["project_name", "department", "unit"]) == \
        ["茶产业发展专项资金", "汉中市南郑区农业农村局", "汉中市南郑区茶叶技术推广站"]
    assert cut_glued_names("某某县教育局某某县第一中学", ["department", "unit"]) == ["某某县教育局", "某某县第一中学"]


def test_without_the_evidence_the_run_stays_whole() -> None:
    # organisations that share no opening, one organisation only, or a run no organisation ends
    assert cut_glued_names("市教育局县第一中学", ["department", "unit"]) is None
    assert cut_glued_names("乡村道路养护经费某县公路养护中心", ["project_name", "unit"]) is None
    assert cut_glued_names("某县财政某县国库集中支付中心", ["department", "unit"]) is None
