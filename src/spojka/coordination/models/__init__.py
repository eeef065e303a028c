"""The coordination app's models, one module per concept."""

from spojka.coordination.models.capacity import *  # noqa: F403
from spojka.coordination.models.figures import *  # noqa: F403
from spojka.coordination.models.meetings import *  # noqa: F403
from spojka.coordination.models.practice import *  # noqa: F403
from spojka.coordination.models.rounds import *  # noqa: F403
