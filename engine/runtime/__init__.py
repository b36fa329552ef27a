"""Running many evaluations: isolated worker processes, and progress on a terminal."""
