"""Scoring and ranking in clusters and blocs (chấm điểm, xếp hạng cụm, khối thi đua)."""
