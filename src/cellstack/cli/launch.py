"""`cellstack [FILE]`: open the desktop app, or say in one line why it cannot be opened.

Qt aborts the whole process (exit 134) when it finds no screen, so a typo such as
`cellstack comptue FILE` must never get as far as creating the application, and neither must a
start without a display.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Mapping, Sequence

from cellstack.cli.errors import EXPECTED_PROJECT, CommandLineError
from cellstack.cli.parser import COMMANDS
from cellstack.cli.paths import PathKind, path_kind, shown_path

# Qt platform plugins that draw without a screen (tests, remote rendering, kiosks).
HEADLESS_PLATFORMS = frozenset(
    {"offscreen", "minimal", "minimalegl", "eglfs", "linuxfb", "vnc", "vkkhrdisplay"}
)
_SUGGESTED = (*COMMANDS, "--version", "--help")


def closest_word(word: str) -> str | None:
    """The command or option a mistyped ``word`` most likely meant, if any is close."""
    bare = word.lstrip("-").lower()
    if not bare:
        return None
    starting = [w for w in _SUGGESTED if w.lstrip("-").startswith(bare)]
    if len(starting) == 1:
        return starting[0]
    close = difflib.get_close_matches(word.lower(), _SUGGESTED, n=1, cutoff=0.6)
    return close[0] if close else None


def check_app_arguments(arguments: Sequence[str]) -> None:
    """CommandLineError unless ``arguments`` is empty or one existing regular file."""
    if not arguments:
        return
    argument = arguments[0]
    kind = path_kind(argument)
    if kind in (PathKind.MISSING, PathKind.INVALID):
        meant = closest_word(argument)
        hint = f"; did you mean `cellstack {meant}`?" if meant else ""
        raise CommandLineError(
            f"'{shown_path(argument)}' is neither a command nor an existing file{hint} (commands: "
            f"{', '.join(COMMANDS)}, or a FILE to open in the app; `cellstack --help` shows the usage)"
        )
    if kind is not PathKind.FILE:
        raise CommandLineError(f"{shown_path(argument)}: {kind.value}; {EXPECTED_PROJECT}")
    if len(arguments) > 1:
        rest = shown_path(" ".join(arguments[1:]))
        raise CommandLineError(
            f"'{rest}': the app opens one FILE and takes no options; expected `cellstack [FILE]` "
            f"or a command ({', '.join(COMMANDS)}; `cellstack --help` shows the usage)"
        )


def missing_display(environ: Mapping[str, str], platform: str) -> str:
    """Why Qt would find no screen to open a window on; "" when it should find one.

    Windows and macOS always have one. Elsewhere (X11 or Wayland) the session sets DISPLAY or
    WAYLAND_DISPLAY, unless QT_QPA_PLATFORM names a plugin that needs no screen.
    """
    if platform in ("win32", "cygwin", "darwin"):
        return ""
    requested = [p.split(":", 1)[0].strip().lower() for p in environ.get("QT_QPA_PLATFORM", "").split(";")]
    if any(name in HEADLESS_PLATFORMS for name in requested):
        return ""
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set); start it from a "
        "desktop session, or use a command such as `cellstack compute FILE` (`cellstack --help`)"
    )


def open_app(arguments: Sequence[str]) -> int:
    """Check the arguments and the display, then run the app until its window closes."""
    check_app_arguments(arguments)
    reason = missing_display(os.environ, sys.platform)
    if reason:
        raise CommandLineError(reason)
    try:
        from cellstack.gui.app import main as gui_main  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError as exc:
        # Also what a missing system library of Qt (libEGL, libxkbcommon, ...) looks like.
        raise CommandLineError(
            f"the desktop app cannot start in this installation ({exc}); "
            "the commands still work, e.g. `cellstack compute FILE`"
        ) from None
    return int(gui_main(list(arguments)))
