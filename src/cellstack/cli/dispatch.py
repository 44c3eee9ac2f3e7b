"""Route the command line to the app or a command, and turn every failure into one line.

Exit status (docs/cli.md): 0 done, 2 bad input with one line on standard error, 1 a fault in
CellStack (also one line: a user should never meet a traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence

from cellstack.cli.errors import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    CommandLineError,
    one_line,
)
from cellstack.cli.launch import open_app
from cellstack.cli.parser import PARSER_WORDS, build_parser
from cellstack.core.errors import InputError
from cellstack.io.atomic import SaveError
from cellstack.io.library import Library, default_library

Command = Callable[[argparse.Namespace, Library], int]
# Each command's module (cellstack.cli.NAME) is imported only when that command runs: the study
# commands bring scipy, and launching the app should not wait for any of them.


def _command(name: str) -> Command:
    run: Command = importlib.import_module(f"cellstack.cli.{name.replace('-', '_')}").run
    return run


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in PARSER_WORDS:
        return _guarded(lambda: open_app(arguments), "starting the app")
    args = build_parser().parse_args(arguments)  # a malformed command line exits 2 with the usage
    command = _command(args.command)
    _speak_utf8()
    return _guarded(lambda: command(args, default_library()), f"`cellstack {args.command}`")


def _guarded(action: Callable[[], int], doing: str) -> int:
    try:
        return action()
    except CommandLineError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except InputError as exc:
        return _fail(exc.one_line(), EXIT_BAD_INPUT)
    except BrokenPipeError:
        _silence_stdout()  # the reader (`| head`) has all it wanted
        return EXIT_OK
    except SaveError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)  # names the file, the step and the reason
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}", EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        return _fail(
            f"internal error while {doing} ({reason}); please report it with the file", EXIT_INTERNAL
        )


def _speak_utf8() -> None:
    """The output is UTF-8 (docs/cli.md) whatever the locale, e.g. a Windows code page when the
    output goes to a file; messages never fail on a character the terminal lacks."""
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(encoding="utf-8", errors=errors)


def _fail(message: str, status: int) -> int:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"cellstack: {one_line(message)}", file=sys.stderr, flush=True)
    return status


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so flushing it at exit does not raise again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
