"""The year-end report (báo cáo tổng kết công tác thi đua, khen thưởng, DOMAIN §10.3): its
data, PDF, statistics annex (xlsx) and the page that requests it."""
