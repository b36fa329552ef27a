"""The API's routes, one module per resource: assessments (and the record), analysis, catalogue, meta."""
