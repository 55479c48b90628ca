"""Upward statistical forms of TT 02/2023/TT-BNV (biểu mẫu thống kê thi đua, khen thưởng):
computed from the product's records for one authority, summed up the tree of authorities."""
