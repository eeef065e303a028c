"""Fixtures of the demo tests."""

from collections.abc import Callable
from typing import Any

import pytest

from spojka.demo.management.commands import load_demo as load_demo_command

PackCalls = list[tuple[Any, ...]]


@pytest.fixture
def pack_calls(monkeypatch: pytest.MonkeyPatch) -> PackCalls:
    """Record the commands `load_demo` calls, and let them run."""
    calls: PackCalls = []
    real_call_command: Callable[..., Any] = load_demo_command.call_command

    def call_command(name: str, *args: Any, **options: Any) -> Any:
        calls.append((name, *args))
        return real_call_command(name, *args, **options)

    monkeypatch.setattr(load_demo_command, "call_command", call_command)
    return calls
