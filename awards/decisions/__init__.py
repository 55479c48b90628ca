"""Decisions (quyết định khen thưởng): drafting, signing with number and money, revocation,
verification."""
