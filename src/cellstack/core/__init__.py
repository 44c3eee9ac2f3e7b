"""Pure numerical core: SI units, frozen dataclasses, no Qt and no file access."""
