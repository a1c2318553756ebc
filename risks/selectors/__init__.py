"""Reads of the risk register, always within the user's area and in a fixed number of queries:
`bands` (the area's thresholds), and a module per page family."""
