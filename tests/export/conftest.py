"""Small hand-built Documents with figures taken from real 绩效目标表/自评表."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from export.tables import SECTION_KEYS
from models import (
    Component,
    Document,
    Flag,
    Form,
    FundRow,
    Indicator,
    Source,
    Task,
    Value,
    Where,
)

PROJECT = "12333热线咨询平台项目经费"
D = Decimal


def _target_form() -> Form:
    """Every field filled, so every column of every table gets a value."""
    return Form(
        form_type="target",
        template="shanghai-2020-target",
        scope="project",
        title="财政项目支出绩效目标表",
        year=2020,
        page_start=1,
        page_end=2,
        unit="上海市人力资源和社会保障局",
        department="上海市人力资源和社会保障局",
        project_name=PROJECT,
        project_code="31000021R000000012333",
        project_category="经常性项目",
        fund_use="购买服务",
        performance_type="其他",
        gov_procurement=True,
        recurring=False,
        start_date=date(2020, 1, 1),
        end_date=date(2020, 12, 31),
        total_budget=D("81572666.00"),
        current_budget=D("8212206.68"),
        prior_budget=D("8100000"),
        prior_executed=D("7986543.21"),
        executed=D("6314265.72"),
        execution_rate=D("76.89"),
        sections={key: f"{key}：保障12333热线平稳运行" for key in SECTION_KEYS},
        funds=[
            FundRow(
                source="年度资金总额",
                initial_budget=D("8212206.68"),
                full_year_budget=D("8212206.68"),
                executed=D("6314265.72"),
                weight=D("10"),
                execution_rate=D("76.89"),
                score=D("7.69"),
                note="年中追加",
            )
        ],
        funds_unit="元",
        tasks=[Task(name="热线运行", content="全年接听", budget=D("8212206.68"), executed=D("6314265.72"))],
        extra={"项目负责人": "张三"},
        coverage=D("0.97"),
        components=[
            Component(name="话务外包服务", amount=D("7212206.68")),
            Component(name="系统运维", amount=D("1000000.00")),
        ],
        indicators=[
            Indicator(
                level1="产出指标",
                level1_weight=D("50"),
                level2="质量指标",
                name="单位话务成本",
                description="话务外包费用/通话分钟数",
                target=Value(
                    raw="≤0.006元/分钟",
                    op="<=",
                    value=D("0.006"),
                    unit="元/分钟",
                    std_value=D("0.006"),
                    std_unit="元/分钟",
                    kind="numeric",
                ),
                actual=Value(
                    raw="0.0058元/分钟",
                    op="=",
                    value=D("0.0058"),
                    unit="元/分钟",
                    std_value=D("0.0058"),
                    std_unit="元/分钟",
                    kind="numeric",
                ),
                weight=D("20"),
                score=D("18.5"),
                note="话务量高峰时段接通率偏低",
                nature="正向",
                horizon="annual",
                scoring_rule="完成得满分",
                met=False,
            ),
            Indicator(
                level1="效益指标",
                level2="时效指标",
                name="故障修复时间",
                target=Value(
                    raw="一级故障≤90分钟，二级故障≤4小时",
                    kind="compound",
                    parts=[
                        Value(
                            raw="一级故障≤90分钟",
                            op="<=",
                            value=D("90"),
                            unit="分钟",
                            std_value=D("90"),
                            std_unit="分钟",
                            kind="numeric",
                        ),
                        Value(
                            raw="二级故障≤4小时",
                            op="<=",
                            value=D("4"),
                            unit="小时",
                            std_value=D("240"),
                            std_unit="分钟",
                            kind="numeric",
                        ),
                    ],
                ),
                actual=Value(
                    raw="一级故障45分钟，二级故障3小时",
                    kind="compound",
                    parts=[
                        Value(
                            raw="一级故障45分钟",
                            value=D("45"),
                            unit="分钟",
                            std_value=D("45"),
                            std_unit="分钟",
                            kind="numeric",
                        ),
                        Value(
                            raw="二级故障3小时",
                            value=D("3"),
                            unit="小时",
                            std_value=D("180"),
                            std_unit="分钟",
                            kind="numeric",
                        ),
                    ],
                ),
            ),
        ],
        total_score=D("92.5"),
        grade="优秀",
        eval_date=date(2021, 3, 15),
        provenance={
            "project_name": Where(
                page=1,
                bbox=(72.0, 100.5, 300.0, 112.0),
                method="text",
                label="项目名称",
            ),
            "current_budget": Where(
                page=1, method="ocr", confidence=0.93, label="项目当年预算（元）"
            ),
        },
    )


def _full_document() -> Document:
    return Document(
        source=Source(
            path="samples/2020年12333热线绩效目标表.pdf",
            sha256="ab" * 32,
            pages=2,
            kind="pdf-text",
        ),
        forms=[_target_form(), Form(form_type="self_eval")],
        flags=[
            Flag(
                form_index=0,
                code="execution_rate_low",
                severity="warning",
                message="预算执行率76.89%低于80%：执行数6314265.72元/当年预算8212206.68元",
                expected=">=80",
                found="76.89",
                paths=["execution_rate", "executed", "current_budget"],
            ),
            Flag(
                form_index=1,
                code="score_exceeds_weight",
                severity="error",
                message="得分21超过分值20",
            ),
            Flag(code="duplicate_form", severity="info", message="同一项目出现两张表"),
        ],
        errors=["第3页无法识别"],
    )


@pytest.fixture
def full_document() -> Document:
    return _full_document()


@pytest.fixture
def empty_document() -> Document:
    return Document(source=Source(path="空白.txt", sha256="00" * 32, kind="text"))
