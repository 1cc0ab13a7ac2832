"""The meetings area's SQL, and the only SQL text in it: one module per subject, each query a
small named function; callers import the module of the subject they read."""
