"""Data protection in the window: stored text that looks like a child's identity, erasing a
person, and reviewing old records against the retention schedule."""
