"""A list of design-study outputs by name and unit ("Stack energy (Wh)"), each holding its key.

The key (``energy_mWh``) is what the study, the command line and files use; it shows as the
item's tooltip. Keys that are the same number under a second name (``mass_g`` and
``levels.full_stack.mass_g``) are listed once, under the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from cellstack.gui.display_units import units_changed
from cellstack.gui.unit_keys import key_label
from cellstack.io.output_names import distinct_keys


class OutputBox(QComboBox):
    """``label`` names a key: in the units chosen in Preferences by default; the Optimise window,
    whose constraints are typed in the keys' own units, names them in those."""

    def __init__(self, keys: Iterable[str], chosen: str, label: Callable[[str], str] = key_label) -> None:
        super().__init__()
        self._label = label
        for key in distinct_keys(keys):
            self.addItem(self._label(key), key)
            self.setItemData(self.count() - 1, key, Qt.ItemDataRole.ToolTipRole)
        self.setMaxVisibleItems(20)
        self.choose(chosen)
        units_changed().connect(self._relabel)

    def key(self) -> str:
        return str(self.currentData())

    def choose(self, key: str) -> None:
        """Select ``key``, or the item listing the same number under another key."""
        index = self.findData(key)
        if index < 0:
            index = self.findText(self._label(key))
        if index < 0:
            raise KeyError(key)
        self.setCurrentIndex(index)

    def _relabel(self) -> None:
        for index in range(self.count()):
            self.setItemText(index, self._label(str(self.itemData(index))))
