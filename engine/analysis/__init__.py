"""Analyses over assessments: explain, suggest, what-if, impact of a pack change, case coverage."""
