"""Background work of identity matching: thin, safe to run twice.

The nightly run is scheduled outside Spojka, like every periodic job (docs/decisions/0010):
cron or a systemd timer enqueues it with `python -m spojka match_registry` directly, or
calls `enqueue_nightly_matching()` from a scheduler that runs Python.
"""

from django_tasks import task

from spojka.linkage.actions import index_registry, run_matching
from spojka.linkage.enums import RunTrigger


@task()
def match_registry() -> str:
    """Store missing blocking keys and match the whole registry; return the run's id."""
    index_registry()
    return str(run_matching(trigger=RunTrigger.TASK).pk)


def enqueue_nightly_matching() -> None:
    """Put a run of the whole registry on the task queue (for a scheduler)."""
    match_registry.enqueue()
