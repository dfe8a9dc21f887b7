"""The OCR engine (rapidocr, default models inside the wheel) and the three ways the scan path asks it:
whole images with detection, line crops with recognition only, and crops to the 0/180 classifier.

Every box handed back is a TextBox in pixels of the page the caller passed in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import cv2
import numpy as np

if TYPE_CHECKING:
    from rapidocr import RapidOCR

    from extract.textlines import Box

THREADS_ENV = "PERFFORMS_OCR_THREADS"  # onnxruntime threads per process; the batch sets cores ÷ workers
MAX_SIDE = 1600  # pixels: detection sees the page (or a region of it) at this scale at most
TEXT_SCORE = 0.5  # rapidocr's own floor: a line read less surely than this is dropped


@dataclass(frozen=True)
class TextBox:
    """One text line the engine read, in pixels of the page, with its words where it gave them."""

    text: str
    score: float
    x0: float
    top: float
    x1: float
    bottom: float
    words: tuple[tuple[str, tuple[float, float, float, float]], ...]


def threads() -> int:
    """The thread count asked for in PERFFORMS_OCR_THREADS; -1 (onnxruntime's own choice) otherwise."""
    value = os.environ.get(THREADS_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else -1


@cache
def engine() -> RapidOCR:
    """The rapidocr engine, built once per process. Default models only: they ship inside the wheel,
    and any other model config downloads from a hub (STACK.md pitfall 6). Its INFO logs are off.

    Settings, measured on samples/scans (bench/): with one thread, lines are recognised one at a time
    (a batch pads every line to the widest of its batch: 12% more CPU); with several, six at a time
    (each run makes the threads meet: one line per run cost more than the padding); detection sees
    at most 1600 px (no loss of cell accuracy against 2000, a third less time) and never enlarges a
    small region; onnxruntime runs
    `threads()` threads, so that several workers on a few cores do not fight over them.
    """
    from rapidocr import RapidOCR

    count = threads()
    return RapidOCR(params={
        "Global.log_level": "error", "Rec.rec_batch_num": 1 if count == 1 else 6, "Global.max_side_len": MAX_SIDE,
        "Det.limit_type": "max", "Det.limit_side_len": MAX_SIDE,
        "EngineConfig.onnxruntime.intra_op_num_threads": count,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1 if count > 0 else -1,
    })


# ---- whole images: detection, then recognition -----------------------------------------------------


def read_image(image: np.ndarray) -> list[TextBox]:
    """Detection and recognition over the image in one call. Every switch is passed each time:
    rapidocr keeps the last ones."""
    result = engine()(image, use_det=True, use_cls=False, use_rec=True, return_word_box=True)
    if getattr(result, "boxes", None) is None or result.txts is None:
        return []
    texts = list(result.txts)
    boxes = []
    for quad, text, score, words in zip(result.boxes, texts, result.scores, _word_lists(texts, result.word_results)):
        xs, ys = quad[:, 0], quad[:, 1]
        boxes.append(TextBox(text, float(score), float(xs.min()), float(ys.min()), float(xs.max()),
                             float(ys.max()), words))
    return boxes


def read_regions(gray: np.ndarray, regions: list[Box], blank: list[Box] = ()) -> list[TextBox]:
    """Detection and recognition in each region of the page, at the scale a whole page is detected at;
    what lies in the `blank` boxes (the tables, read cell by cell) is painted white first."""
    scale = min(1.0, MAX_SIDE / max(gray.shape[:2]))
    found = []
    for region in regions:
        crop = gray[region.top:region.bottom, region.x0:region.x1]
        if crop.size == 0:
            continue
        crop = _blanked(crop, region, blank)
        if scale < 1.0:
            crop = cv2.resize(crop, None, fx=scale, fy=scale)
        found += [_moved(box, 1 / scale, region.x0, region.top) for box in read_image(crop)]
    return found


def _blanked(crop: np.ndarray, region: Box, blank: list[Box]) -> np.ndarray:
    inside = [box for box in blank if box.x0 < region.x1 and region.x0 < box.x1
              and box.top < region.bottom and region.top < box.bottom]
    if not inside:
        return crop
    crop = crop.copy()
    for box in inside:
        crop[max(0, box.top - region.top):max(0, box.bottom - region.top),
             max(0, box.x0 - region.x0):max(0, box.x1 - region.x0)] = 255
    return crop


def _moved(box: TextBox, factor: float, dx: float, dy: float) -> TextBox:
    def at(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        return x0 * factor + dx, top * factor + dy, x1 * factor + dx, bottom * factor + dy

    words = tuple((text, at(*bounds)) for text, bounds in box.words)
    return TextBox(box.text, box.score, *at(box.x0, box.top, box.x1, box.bottom), words)


def _word_lists(texts: list[str], found) -> list[tuple[tuple[str, tuple[float, float, float, float]], ...]]:
    """Each box's words with their boxes, () where they do not spell the box's text. rapidocr leaves
    out the list of a box it found no word boxes for, which shifts the rest: then a list is only
    taken by the next box it spells."""
    found = list(found or ())
    lists = []
    for index, text in enumerate(texts):
        if len(found) == len(texts):
            words = found[index] if _spells(found[index], text) else None
        else:
            words = found.pop(0) if found and _spells(found[0], text) else None
        lists.append(tuple((word[0], _bounds(word[2])) for word in words) if words else ())
    return lists


def _spells(words, text: str) -> bool:
    return "".join(word[0] for word in words) == text.replace(" ", "")


def _bounds(quad) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    return float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys))


# ---- line crops: recognition only ------------------------------------------------------------------


def read_lines(gray: np.ndarray, lines: list[Box]) -> list[TextBox]:
    """Each box holds one printed line: recognised as it is, no detection pass, all in one call.
    The crops are cut as rapidocr cuts its detected boxes, from the page scaled to MAX_SIDE (the
    recogniser reads them best so: cut from the full page, 「（元）」 came back as 「(元)」). Word boxes
    come from the recogniser's character positions, as rapidocr computes them for its own boxes; a
    line read less surely than TEXT_SCORE, or as nothing, is dropped as rapidocr drops it."""
    lines = [line for line in lines if line.width > 0 and line.height > 0]
    if not lines:
        return []
    from rapidocr.ch_ppocr_rec import TextRecInput
    from rapidocr.utils.process_img import get_rotate_crop_image, reduce_max_side

    page = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    small, ratio_h, ratio_w = reduce_max_side(page, MAX_SIDE) if max(page.shape[:2]) > MAX_SIDE else (page, 1.0, 1.0)
    quads = np.array([[[b.x0, b.top], [b.x1, b.top], [b.x1, b.bottom], [b.x0, b.bottom]] for b in lines],
                     dtype=np.float32)
    scaled = quads / np.array([ratio_w, ratio_h], dtype=np.float32)
    crops = [get_rotate_crop_image(small, quad.copy()) for quad in scaled]
    result = engine()._load_rec_model()(TextRecInput(img=crops, return_word_box=True))
    shapes = [page[b.top:b.bottom, b.x0:b.x1] for b in lines]  # word boxes are placed in page pixels
    words = engine().cal_rec_boxes(shapes, quads, result, False).word_results
    boxes = []
    for line, text, score, found in zip(lines, result.txts, result.scores, words):
        if score < TEXT_SCORE or not text.strip():
            continue
        found = [word for word in found if word[2] is not None]
        spelled = tuple((word[0], _bounds(word[2])) for word in found) if _spells(found, text) else ()
        boxes.append(TextBox(text, float(score), line.x0, line.top, line.x1, line.bottom, spelled))
    return boxes


# ---- the 0/180 classifier ----------------------------------------------------------------------------


def upside_down_share(crops: list[np.ndarray]) -> float:
    """Share of the crops the engine's 0/180 classifier finds upside down."""
    crops = [crop for crop in crops if min(crop.shape[:2]) >= 8]
    flipped = 0
    for crop in crops:
        result = engine()(crop, use_det=False, use_cls=True, use_rec=False, return_word_box=False)
        label, score = result.cls_res[0]
        flipped += "180" in label and score > 0.5
    return flipped / len(crops) if crops else 0.0
