"""Records the rules read (kết quả năm, kỷ luật, sáng kiến, danh hiệu đã đạt): entry, import,
history."""
