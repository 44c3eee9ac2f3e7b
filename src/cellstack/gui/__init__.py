"""The desktop app (PySide6). Nothing below this package imports it."""
