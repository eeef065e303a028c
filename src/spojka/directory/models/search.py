"""The search index of the public portal: folded words of each service, on any database.

The same tables serve SQLite and PostgreSQL: a posting per (folded word, service) with the
weight of the best field the word occurs in, looked up through a B-tree index on the word;
a document per service with what ranking needs besides words (where its places are); and one
row whose stamp changes on every reindex, so each process knows when to reload its cached
vocabulary (the distinct words, which typo-tolerant search compares the query with).
"""

import uuid

from django.db import models


class SearchPosting(models.Model):
    """A folded word occurring in a service's texts, with the weight of the field it came from."""

    token = models.CharField(max_length=48)
    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "service"], name="directory_posting_unique")]
        indexes = [models.Index(fields=["service"], name="directory_posting_service")]

    def __str__(self) -> str:
        return f"{self.token} → {self.service_id}"


class SearchDocument(models.Model):
    """What the ranking knows about an indexed service besides its words."""

    service = models.OneToOneField(
        "directory.Service", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    # [[latitude, longitude], …] of the service's places that have coordinates.
    points = models.JSONField(default=list, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.service_id)


class SearchIndexVersion(models.Model):
    """One row whose stamp changes with every change of the index (cache invalidation).

    A random stamp rather than a counter: a counter rolled back with a transaction could come
    back to a number a process has already cached for other contents.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    stamp = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return str(self.stamp)
