"""Engagement's account pages (mounted under /account/ by engagement/contributions.py)."""
