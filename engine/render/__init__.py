"""Renderers: one function per format, each taking results and returning text."""
