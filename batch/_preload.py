"""Imported once by the forkserver that every local worker forks from: it pays the start-up costs
(imports, pyarrow loading pandas on first use, the parsers' compiled label patterns) so that each
worker, and each replacement of a killed one, reads its first document at full speed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from batch.worker import Task, process
from extract import file_sha256

# A minimal 绩效目标表: enough to walk every stage once.
_FORM = (
    "财政项目支出绩效目标表\n（2020年度）\n项目名称\t示例项目\n主管部门\t示例局\n"
    "项目当年预算（元）\t1,000.00\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t覆盖率\t≥90%\n"
)


def warm_up() -> None:
    with tempfile.TemporaryDirectory(prefix="perfforms-warm-") as folder:
        path = Path(folder) / "warm.txt"
        path.write_text(_FORM, encoding="utf-8")
        process(Task(str(path), file_sha256(path)))  # never raises; the outcome is thrown away


warm_up()
