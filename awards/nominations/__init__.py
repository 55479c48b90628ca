"""Nominations (hồ sơ đề nghị khen thưởng): drafting, submission, appraisal, public notice,
objections."""
