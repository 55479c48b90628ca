"""Submissions (tờ trình) to the superior body and the superior's outcome."""
