"""entente: vet proposed policy moves against partner profiles with declarative doctrine policies."""

__version__ = "0.1.0"
