"""The one place that touches QSettings: window state, recent files, view options."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from cellstack.gui.display_units import DisplayUnits

ORGANIZATION = "CellStack"
APPLICATION = "CellStack"
MAX_RECENT = 10


class Settings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)

    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    def recent_files(self) -> list[Path]:
        value = self._s.value("files/recent", [])
        items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        return [Path(p) for p in items if isinstance(p, str) and Path(p).exists()]

    def add_recent(self, path: Path) -> None:
        paths = [str(path.resolve())] + [str(p) for p in self.recent_files() if p.resolve() != path.resolve()]
        self._s.setValue("files/recent", paths[:MAX_RECENT])

    def clear_recent(self) -> None:
        self._s.setValue("files/recent", [])

    def last_folder(self) -> str:
        value = self._s.value("files/last_folder", "")
        return value if isinstance(value, str) else ""

    def set_last_folder(self, folder: Path) -> None:
        self._s.setValue("files/last_folder", str(folder))

    def log_scale(self) -> bool:
        return self._s.value("view/log_scale", "true") in (True, "true")

    def set_log_scale(self, on: bool) -> None:
        self._s.setValue("view/log_scale", "true" if on else "false")

    # -- preferences (Edit ▸ Preferences) -----------------------------------------------------------
    def new_design_c_rates(self) -> str:
        """The C-rates of a new design as typed ("0.1, 1, 2"); parsed and checked where used."""
        value = self._s.value("preferences/c_rates", "")
        return value if isinstance(value, str) else ""

    def new_design_temperature_C(self) -> float | None:
        try:
            return float(str(self._s.value("preferences/temperature_C", "")))
        except ValueError:  # never set, or edited by hand into something else
            return None

    def theme(self) -> str:
        """ "system", "light" or "dark"."""
        value = self._s.value("preferences/theme", "system")
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, theme: str) -> None:
        self._s.setValue("preferences/theme", theme)

    def set_preferences(self, c_rates: str, temperature_C: float, theme: str) -> None:
        self._s.setValue("preferences/c_rates", c_rates)
        self._s.setValue("preferences/temperature_C", f"{temperature_C!r}")
        self._s.setValue("preferences/theme", theme)

    def display_units(self) -> DisplayUnits:
        """The units shown (Preferences ▸ Units); a unit not known shows at its default."""
        names = ("capacity", "energy", "mass", "thickness")
        default = DisplayUnits()
        stored = [str(self._s.value(f"units/{name}", getattr(default, name))) for name in names]
        return DisplayUnits.checked(*stored)

    def set_display_units(self, units: DisplayUnits) -> None:
        for name in ("capacity", "energy", "mass", "thickness"):
            self._s.setValue(f"units/{name}", getattr(units, name))
