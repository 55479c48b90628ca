"""Nhập dữ liệu: a ward brings in its own units, people and history from spreadsheets."""
