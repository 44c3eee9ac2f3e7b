"""PDF summaries of a stack design (docs/cli.md, "PDF summaries").

``inputs`` runs the computations, ``content`` turns their results into formatted text, tables and
figure data (no Qt), and ``pdf`` lays that out and draws it with QPainter into a PDF. Nothing here
imports the GUI: the command line renders reports headless.
"""
