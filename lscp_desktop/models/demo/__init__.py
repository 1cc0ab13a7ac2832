"""Demo data: a fictional partnership, built by generate.build_demo from each area's step.
May import every area of models/; no other area imports demo."""
