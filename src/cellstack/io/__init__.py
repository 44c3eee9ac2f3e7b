"""Files: the materials library, project files and interchange. No Qt."""
