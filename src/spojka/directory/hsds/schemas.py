"""The official HSDS JSON Schemas (copied under `schema/`) and validators built from them.

The modular schemas refer to each other by relative `$ref` ("phone.json"); they are put in a
`referencing` registry under the specification's own address, so a validator resolves a
nested service, organisation or location without any network access.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR: Final = Path(__file__).parent / "schema"
BASES: Final = {
    "3.0": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/",
    "3.1.1": "https://raw.githubusercontent.com/openreferral/specification/3.1.1/schema/",
}


@cache
def schema(name: str, version: str = "3.0") -> dict[str, Any]:
    """Return one schema as a dict: `schema("service")`, `schema("compiled/service_list")`."""
    return dict(json.loads((SCHEMA_DIR / version / f"{name}.json").read_text(encoding="utf-8")))


@cache
def registry() -> Registry[Any]:
    """Return every copied schema, under its upstream address."""
    resources = []
    for version, base in BASES.items():
        for path in sorted((SCHEMA_DIR / version).rglob("*.json")):
            name = path.relative_to(SCHEMA_DIR / version).as_posix()
            contents = json.loads(path.read_text(encoding="utf-8"))
            resources.append((base + name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def validator(name: str, version: str = "3.0") -> Draft202012Validator:
    """Return a validator of one object type (formats checked), resolving `$ref`s in the registry."""
    root = {"$ref": f"{BASES[version]}{name}.json"}
    return Draft202012Validator(root, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(instance: Any, name: str, version: str = "3.0") -> list[str]:
    """Return every schema error of an instance as "path: message" (empty when valid)."""
    found = []
    for error in sorted(validator(name, version).iter_errors(instance), key=lambda error: list(error.path)):
        path = "/".join(str(part) for part in error.absolute_path)
        found.append(f"{path or '(root)'}: {error.message}")
    return found


def properties(name: str, version: str = "3.0") -> dict[str, dict[str, Any]]:
    """Return the properties of an object type, by name."""
    return dict(schema(name, version)["properties"])


def scalar_fields(name: str, version: str = "3.0") -> list[str]:
    """Return the fields of an object type that are columns of its table (not nested objects)."""
    return [
        field
        for field, definition in properties(name, version).items()
        if definition.get("type") not in {"array", "object", None}
    ]
