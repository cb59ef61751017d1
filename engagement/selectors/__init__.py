"""Engagement's reads, one module per concern."""
