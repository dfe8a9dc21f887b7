"""fold_width skips str.translate when no full-width character is present (a speed gate): it must
fold exactly what the translation table folds, for any text."""

from hypothesis import given
from hypothesis import strategies as st

from normalize.text import _WIDTH, fold_width

# the folded characters themselves, their ASCII twins, CJK text and anything else
_MIXED = st.text(st.one_of(st.sampled_from([chr(code) for code in _WIDTH]), st.sampled_from("0123456789%.年度万元 "),
                           st.characters()))


@given(_MIXED)
def test_fold_width_is_the_translation(text: str) -> None:
    assert fold_width(text) == text.translate(_WIDTH)


def test_every_folded_character_is_seen() -> None:
    for code, folded in _WIDTH.items():
        assert fold_width(f"项目{chr(code)}名称") == f"项目{folded}名称"
