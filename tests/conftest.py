"""Shared test set-up: Qt (if used at all) runs offscreen."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
