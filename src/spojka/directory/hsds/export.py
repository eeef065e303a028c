"""Export of the whole directory as HSDS 3.0: nested JSON, or the tabular package of CSV files.

Organisation-oriented: a list of organisations, each with its locations and its services (and
their phones, hours, languages, areas, prices, documents, contacts, taxonomy terms and
capacity) nested. Everything is sorted by id and written with sorted keys, so the same data
always gives the same bytes: export, import into an empty database, export again → identical.
"""

import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from spojka.directory.hsds.serialize import location_queryset, organization_object, service_queryset
from spojka.directory.hsds.tables import rows_of_export, write_tabular
from spojka.network.models import Organization


def directory_as_hsds() -> list[dict[str, Any]]:
    """Return every organisation with its locations and services, as HSDS objects, sorted by id."""
    services: dict[Any, list[Any]] = defaultdict(list)
    for service in service_queryset().order_by("id"):
        services[service.organization_id].append(service)
    locations: dict[Any, list[Any]] = defaultdict(list)
    for location in location_queryset().order_by("id"):
        locations[location.organization_id].append(location)
    return [
        organization_object(organization, services=services[organization.id], locations=locations[organization.id])
        for organization in Organization.objects.order_by("id")
    ]


def dumps(document: Any) -> str:
    """Serialise HSDS JSON the one way Spojka does: sorted keys, two-space indent, UTF-8 text."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_json(target: str | Path | IO[str]) -> int:
    """Write the directory as an HSDS JSON list of organisations; return how many were written."""
    organizations = directory_as_hsds()
    text = dumps(organizations)
    if isinstance(target, str | Path):
        Path(target).write_text(text, encoding="utf-8")
    else:
        target.write(text)
    return len(organizations)


def tabular_files(organizations: Iterable[dict[str, Any]] | None = None) -> dict[str, bytes]:
    """Return the files of the HSDS Tabular Data Package (CSV files and datapackage.json)."""
    return write_tabular(rows_of_export(directory_as_hsds() if organizations is None else organizations))


def export_tabular(target: str | Path) -> int:
    """Write the directory as CSV files with datapackage.json: to a folder, or to a .zip file.

    Returns the number of files written.
    """
    files = tabular_files()
    path = Path(target)
    if path.suffix.lower() == ".zip":
        path.write_bytes(zip_bytes(files))
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (path / name).write_bytes(data)
    return len(files)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """Return the files as a zip archive with fixed dates, so the same files give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()
