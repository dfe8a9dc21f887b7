"""A level cell that prints the template's guidance after its label (产出(工作量)指标(数量、质量、成本方面的指标)):
the label is what is kept, and it is still known as a level, in both readings."""

import pytest

from parsers.tokens import level_of, without_guidance


@pytest.mark.parametrize(
    ("printed", "label"),
    [
        ("产出(工作量)指标(数量、质量、成本方面的指标)", "产出(工作量)指标"),
        ("效益指标（经济效益、社会效益、环境效益、可持续影响等方面指标）", "效益指标"),
        ("产出指标(50分)", "产出指标(50分)"),  # points are not guidance: the weight is read from them
        ("满意度指标", "满意度指标"),
    ],
)
def test_guidance_is_dropped(printed: str, label: str) -> None:
    assert without_guidance(printed) == label


@pytest.mark.parametrize(
    ("printed", "level"),
    [
        ("产出(工作量)指标(数量、质量、成本方面的指标)", "level1"),
        ("效益指标(经济效益、社会效益、环境效益、可持续影响等方面指标)", "level1"),
        ("环境效益指标", "level2"),
    ],
)
def test_a_level_with_guidance_is_a_level(printed: str, level: str) -> None:
    found = level_of(printed)
    assert found is not None and found[0] == level
