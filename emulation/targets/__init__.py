"""Targets (chỉ tiêu): the catalogue, actuals by period, computed evaluation, dashboard, Excel."""
