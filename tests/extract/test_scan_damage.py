"""What a seal does to a scanned form, beyond the red it leaves (samples/scans/families: seals over other
provinces' unit cells): its soft edge must not leave an outline to read, and a rule its ring crossed
is still one rule. Pixel functions on synthetic pages (fast)."""

from __future__ import annotations

import cv2
import numpy as np

from extract import raster
from extract.grid import find_tables
from tests.extract.test_ocr import PPP, ruled_page


def test_the_seals_soft_edge_leaves_no_outline() -> None:
    """Red ink blurred at its edge (and its colour at half resolution, as JPEG keeps it): once the seal is
    lifted, no ring of gray is left where it was for the binarization to find."""
    page = np.full((300, 300, 3), 240, np.uint8)
    ink = np.zeros((300, 300), np.float32)
    cv2.circle(ink, (150, 150), 90, 1.0, 10)
    ink = cv2.GaussianBlur(ink, (0, 0), 1.5)[:, :, None]
    red = np.asarray([40, 30, 200], np.float32) / 255  # BGR
    stamped = (page * (1 - ink * (1 - red))).astype(np.uint8)
    ycrcb = cv2.cvtColor(stamped, cv2.COLOR_BGR2YCrCb)
    for channel in (1, 2):
        ycrcb[:, :, channel] = cv2.resize(cv2.resize(ycrcb[:, :, channel], (150, 150)), (300, 300))
    gray, share = raster.suppress_seal(cv2.cvtColor(ycrcb, cv2.COLOR_YCrCb2BGR))
    assert share > 0.02
    assert not raster.binarize(gray, PPP).any()



def test_a_rule_broken_where_a_seals_ring_crossed_it_still_parts_the_rows() -> None:
    """ruled_page's rows part at y 380, 460, 540; the ring lifted 7 pt of the rule at 460 in the last
    column, so the piece past the gap meets the table's right rule but not the rule it was part of."""
    page = ruled_page()
    page[455:466, 1000:1020] = 255
    (table,) = find_tables(raster.rule_segments(raster.binarize(page, PPP), PPP))
    assert (len(table.xs), len(table.ys)) == (4, 5)
    assert len(table.cells) == 11  # as unbroken: 4 rows x 3 columns, one cell spanning two
