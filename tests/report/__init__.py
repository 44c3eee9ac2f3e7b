"""Tests of the PDF summaries (cellstack.report)."""
