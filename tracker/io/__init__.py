"""Import and export formats: tracker's JSON and CSV, and other trackers' files."""
