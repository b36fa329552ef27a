"""Briefing notes: the note built from an assessment (note.py), its templates, Markdown/HTML rendering, PDF."""
