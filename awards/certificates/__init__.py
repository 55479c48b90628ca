"""Certificates (giấy khen, giấy chứng nhận danh hiệu) of a signed decision: drawn with
ReportLab on a design drawn once per file, issued as PDF/A-2b, verified in public by code."""
