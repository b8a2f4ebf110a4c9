"""Platform adapters, one module per platform. Importing this package registers every module in it."""

from __future__ import annotations

import importlib
import pkgutil

from auditor.platforms.base import ADAPTERS, PLATFORM_ZH, PLATFORMS, Markers, Platform, PlatformAdapter, platform_of_url


def _load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name != "base":
            importlib.import_module(f"{__name__}.{module.name}")


_load_all()

__all__ = ["ADAPTERS", "PLATFORMS", "PLATFORM_ZH", "Markers", "Platform", "PlatformAdapter", "platform_of_url"]
