"""Typed values read from MEND_* environment variables, and the error a bad one raises."""

from __future__ import annotations


class ConfigError(RuntimeError):
    """The environment does not describe a configuration Mend can start with."""


def positive_float(environ: dict[str, str], name: str, default: float) -> float:
    """A number of seconds above zero from the environment, or the default."""
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not value > 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value


def flag(environ: dict[str, str], name: str, *, default: bool) -> bool:
    """An on/off switch from the environment (1/0, true/false, yes/no, on/off), or the default."""
    raw = environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be on or off (1/0, true/false), got {raw!r}")


def positive_int(environ: dict[str, str], name: str, default: int) -> int:
    """A whole number above zero from the environment, or the default."""
    value = non_negative_int(environ, name, default)
    if value == 0:
        raise ConfigError(f"{name} must be positive")
    return value


def non_negative_int(environ: dict[str, str], name: str, default: int) -> int:
    """A whole number, zero or more, from the environment, or the default."""
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative, got {value}")
    return value
