"""CellStack: design all-solid-state and thin-film battery stacks layer by layer."""

__version__ = "0.1.0"
