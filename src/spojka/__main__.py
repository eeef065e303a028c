"""`python -m spojka <command>`: the management entry point."""

import os
import sys


def main() -> None:
    """Run a Django management command with Spojka's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spojka.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
