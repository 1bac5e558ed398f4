"""Typed readers for settings taken from the environment.

Every reader also accepts ``NAME_FILE`` pointing at a file that holds the value,
so secrets can come from Docker/Kubernetes secret mounts instead of plain env vars.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def _raw(name: str) -> str | None:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_path} cannot be read: {exc}") from exc
    return os.environ.get(name)


def env_str(name: str, default: str = "") -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = _raw(name)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def weak_secret(value: str) -> bool:
    """True for a key too regular to be random: on average fewer than 5 distinct characters in each run of 10
    (``xxxx…``, ``abababab…``, a word repeated). A random key of hex digits has about 7.6; of base64, about 9.3."""
    chunks = [value[i : i + 10] for i in range(0, len(value) - 9, 10)] or [value]
    return sum(len(set(chunk)) for chunk in chunks) / len(chunks) < 5 or len(set(value)) < 10
