"""Rendering: results, explanations, what-if, impact, case reports and notes, by format (formats.py)."""
