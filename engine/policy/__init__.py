"""The policy language (conditions, message templates) and policy files (core/pack.py loads a whole pack)."""
