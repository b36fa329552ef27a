"""What a server runs with: the record's database, the pack and library, the address, the limits.

``entente serve`` passes them to each uvicorn worker process through the environment (``to_env`` and
``from_env``): with ``--workers N`` every process builds its own app from the same settings.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import msgspec

from ..core.settings import Settings, default_dir

LAYERS_ENV = "ENTENTE_SERVE_PROFILES"  # the library's layers, as `entente serve` resolved them, to each worker

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MAX_BODY_BYTES = 1_048_576  # the same limit as an input file (engine/io/yaml_file.py)
REQUEST_SECONDS = 60.0
EVALUATION_SECONDS = 30.0


def data_home() -> Path:
    """$XDG_DATA_HOME/entente, else ~/.local/share/entente."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "entente"


def default_db_url() -> str:
    """$ENTENTE_DB, else an SQLite file in the user's data folder (created on first use)."""
    return os.environ.get("ENTENTE_DB") or f"sqlite:///{data_home() / 'record.db'}"


def served_layers(env) -> tuple[Path, ...]:
    """The layers `entente serve` resolved ($ENTENTE_SERVE_PROFILES), else the command line's defaults."""
    if env.get(LAYERS_ENV):
        return tuple(Path(p) for p in env[LAYERS_ENV].split(os.pathsep) if p)
    return tuple(Settings.from_sources(environ=env).profile_layers())


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8, ::1) or localhost."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ServiceSettings(msgspec.Struct, frozen=True):
    db_url: str
    policies: Path
    profiles: tuple[Path, ...]  # the library's layers, lowest first (engine/core/settings.py)
    host: str = DEFAULT_HOST
    max_body: int = MAX_BODY_BYTES
    request_timeout: float = REQUEST_SECONDS
    evaluation_timeout: float = EVALUATION_SECONDS

    @property
    def open_on_loopback(self) -> bool:
        """Requests without a token are accepted only when the server listens on a loopback address."""
        return is_loopback(self.host)

    def to_env(self) -> dict[str, str]:
        return {
            "ENTENTE_DB": self.db_url,
            "ENTENTE_POLICIES": str(self.policies),
            LAYERS_ENV: os.pathsep.join(str(p) for p in self.profiles),
            "ENTENTE_SERVE_HOST": self.host,
            "ENTENTE_MAX_BODY": str(self.max_body),
            "ENTENTE_REQUEST_TIMEOUT": str(self.request_timeout),
            "ENTENTE_EVALUATION_TIMEOUT": str(self.evaluation_timeout),
        }

    @classmethod
    def from_env(cls) -> ServiceSettings:
        env = os.environ
        return cls(
            db_url=default_db_url(),
            policies=default_dir("ENTENTE_POLICIES", "policies"),
            profiles=served_layers(env),
            host=env.get("ENTENTE_SERVE_HOST", DEFAULT_HOST),
            max_body=int(env.get("ENTENTE_MAX_BODY", MAX_BODY_BYTES)),
            request_timeout=float(env.get("ENTENTE_REQUEST_TIMEOUT", REQUEST_SECONDS)),
            evaluation_timeout=float(env.get("ENTENTE_EVALUATION_TIMEOUT", EVALUATION_SECONDS)),
        )
