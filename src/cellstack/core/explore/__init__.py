"""Design exploration: variants of one stack, goal seek, optimisation, uncertainty (docs/explore.md)."""
