"""Compiling policy conditions into durable_rules rulesets, and evaluating them."""
