"""Reads of engagement state, one module per concern (the services hold the rules)."""
