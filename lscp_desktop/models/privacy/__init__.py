"""Data protection: text that looks like a child's identity already stored, subject access,
erasure and the retention schedule. May import any area of models/; ui/, exports/, cli/ use it."""
