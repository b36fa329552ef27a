"""The service: an HTTP API over the engine (`entente serve`) and the record of every assessment it makes.

Modules: ``settings`` (what a server runs with), ``db`` and ``tables`` (the record's database, SQLAlchemy 2,
Alembic migrations in ``migrations/``), ``record`` (the append-only repository), ``tokens`` (access),
``inputs`` (request bodies as located documents), ``evaluation`` (what the isolated worker runs) and
``evaluator`` (the lock and the worker), ``problems`` (RFC 9457 problem documents), ``limits`` (body size,
request time), ``app`` (the ASGI app factory) and ``routes/`` (one module per resource).
"""
