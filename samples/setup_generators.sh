#!/usr/bin/env bash
# Installs what samples/make_samples.py and make_families.py need to regenerate samples/pdf/ and
# samples/families/. The tests do NOT need this:
# they read the committed PDFs.
#
#   apt (as root, Debian):
#     fonts-wqy-zenhei         the TrueType CJK font both engines embed (reportlab refuses CFF/OTF fonts)
#     fonts-dejavu-core        DejaVu Sans: reportlab's fallback for ☑, which wqy-zenhei lacks
#     libreoffice-calc-nogui   soffice --headless --convert-to pdf, for the xlsx -> PDF engine
#     poppler-utils            pdftotext -layout / -raw for samples/make_text_variants.py; pdftoppm / pdffonts
#                              to look at the output
#   pip (into the project's virtualenv, or PYTHON=/path/to/python):
#     reportlab openpyxl       the two engines (pinned in pyproject's `samples` extra)
#     pypdfium2                finds each form's pages in the converted PDFs for the manifest
#     pdfplumber               only for tests/samples (checks the committed PDFs)
#     opencc                   the Big5 text variant: a seed in traditional characters (make_text_variants.py)
#
# Usage: bash samples/setup_generators.sh && python samples/make_samples.py && python samples/make_families.py
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  fonts-wqy-zenhei fonts-dejavu-core libreoffice-calc-nogui poppler-utils

"$PYTHON" -m pip install -q "reportlab==5.1.0" "openpyxl==3.1.5" "pypdfium2==5.15.2" "pdfplumber==0.11.10" \
  "opencc==1.4.2"
echo "generators ready: $PYTHON samples/make_samples.py && $PYTHON samples/make_text_variants.py"
