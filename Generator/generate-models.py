#!/usr/bin/env python3
"""Generate the StevedoreModels Swift types from Spec/swagger.yaml.

    python3 Generator/generate-models.py          # writes Sources/StevedoreModels/Generated/
    python3 Generator/generate-models.py --check  # regenerates into a temp dir, fails on a diff

One Swift file per top-level type: the spec's 160 definitions plus the inline request and
response schemas of the operations. Output is deterministic (spec order within a file, files
named after their type).

Naming rules (the client code depends on them):
- Definitions keep the spec's name. Renamed only where the name would shadow a standard-library
  type in every module that imports ours: `Task` -> `DockerTask` (see TYPE_RENAMES).
- An inline operation schema takes its `title` when the spec gives one (`ExecConfig`,
  `ContainerPruneResponse`, `SystemDataUsageResponse`, ...); otherwise operationId + `Body`
  (request) or `Response` (response), e.g. `ContainerCreateBody`. An `allOf` of exactly one
  `$ref` plus an example only is that referenced type (`ServiceCreate` takes a `ServiceSpec`).
  An inline array item takes the title, else operationId + `ResponseItem`.
- Inline objects and enums inside a schema become nested types named after the property in
  UpperCamelCase (`ContainerState.Status`, `HostConfig.LogConfig`). Array items are named after
  the singular of the property (`SystemVersion.Components` -> `SystemVersion.Component`).
  A nested type never takes the names `Type` or `Protocol` (they mean metatypes in Swift):
  `Type` -> `Kind`, `Protocol` -> `ProtocolKind` (`EventMessage.Kind`).
- Enums are open: a `RawRepresentable` struct conforming to `OpenEnum`, one `static let` per
  spec value. Members are the value in lowerCamelCase; `""` is `.empty`, `"none"` is
  `.none` (in an optional context the compiler warns that it takes `Optional.none`, so the
  trap is never silent, as it was with a renamed member), a value starting with a digit gets a
  `v` prefix (`SystemInfo.CgroupVersion.v2`). `ChangeType` uses the names in its
  description (`.modified`, `.added`, `.deleted`).
- Properties: lowerCamelCase of the JSON key with a leading acronym lower-cased
  (`ID` -> `id`, `IPAMConfig` -> `ipamConfig`, `cpu_stats` -> `cpuStats`, `os.version` ->
  `osVersion`); Swift keywords are escaped with backticks. CodingKeys keep the JSON spelling.

Typing rules:
- Every property is optional, except one that the spec marks `required` and that was already
  required, with the same name, in the API 1.41 spec (Spec/v1.41.yaml, the version
  dockerd 20.10 serves). Arrays and maps are always optional (daemons send `null`).
  `x-nullable: true` is always optional.
- `object` without properties, and schemas without a type, are `JSONValue`. `{}`-valued maps
  (`ExposedPorts`, `Volumes`) are `[String: EmptyObject]`. Map values marked `x-nullable` are
  optional (`PortMap` is `[String: [PortBinding]?]`).
- Dates (`format: dateTime`/`date-time`) stay `String`; `DockerTimestamp` parses them.
- Properties that API 1.41 has and API 1.56 dropped are kept, optional, with a "Legacy" note:
  Docker 20.10 still sends them (`SystemDataUsageResponse.images`, `NetworkSettings.ipAddress`,
  progress `error`...).
- Integers follow the format (`int64` -> Int64, `uint64` -> UInt64, ...; plain -> Int), except
  exit codes, which are `Int` everywhere (`ContainerWaitResponse.StatusCode` is `int64` in the
  spec, every other exit code a plain integer): see PROPERTY_TYPES.
- Request fields the daemon reads but the spec omits (swarm init/join `Availability`,
  `AutoLockManagers`) are added from UNDOCUMENTED_BODY_FIELDS; response fields every daemon
  sends but the spec omits (an event's `status`, `id`, `from`) from UNDOCUMENTED_RESPONSE_FIELDS.
  `ClusterVolumeSpec`, which the spec's YAML misnests, gets moby's shape (fix_cluster_volume_spec).
- A definition that API 1.41 declared inline in an operation (`ContainerCreateResponse`) is
  matched with that inline schema by its title, so its required fields stay required;
  REQUIRED_SINCE_1_41 lists the few that 1.41 did not mark but every daemon sends, and
  ALWAYS_SENT those no spec marks but every daemon sends.
- A key the spec spells otherwise than the daemon sends it keeps the daemon's spelling on the
  wire (WIRE_KEYS: a service's `Healthcheck`). A key some daemons misspell is read under both
  spellings (ALTERNATE_KEYS: a build cache record's `Parents`); those structs get an
  `init(from:)` that reads the spec's spelling first.

Reading: every struct and enum is also `JSONReadable`: a generated `init(reading:)` reads it
member by member with `JSONReader` (Sources/StevedoreModels/Support), to the value the
synthesized `init(from:)` decodes. The client reads responses so (`JSONDecoder`'s containers are
not specialized for the models and cost ten times as much); where the reader could differ from
`JSONDecoder` it throws, and the client decodes the same bytes with `JSONDecoder`.

Writing: every struct and enum is also `JSONWritable`: a generated `write(to:)` writes it member
by member, in declaration order and leaving out nil members, with `JSONWriter`, to text that
decodes as the synthesized `encode(to:)`'s does. The client writes request bodies so; a value
JSON cannot carry (a NaN) makes the writer throw, and `JSONEncoder` then names it.
"""

import argparse
import difflib
import os
import re
import shutil
import sys
import tempfile

try:
    import yaml
except ImportError:  # pragma: no cover - depends on the machine
    sys.exit("generate-models.py needs PyYAML: pip install pyyaml")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = os.path.join(ROOT, "Spec", "swagger.yaml")
OUTPUT = os.path.join(ROOT, "Sources", "StevedoreModels", "Generated")
OLD_SPEC = os.path.join(ROOT, "Spec", "v1.41.yaml")
MODULE = "StevedoreModels"
HEADER = "// Generated by Generator/generate-models.py from Spec/swagger.yaml — do not edit.\n"

# Definitions whose spec name would shadow a standard-library type for every importer.
TYPE_RENAMES = {"Task": "DockerTask"}

# Definitions renamed since API 1.41; the old daemons send the same JSON.
OLD_DEFINITION_NAMES = {
    "DriverData": "GraphDriverData",
    "IDResponse": "IdResponse",
    "PortSummary": "Port",
    "VolumeCreateRequest": "VolumeCreateOptions",
    "EndpointResource": "NetworkContainer",
}

NEW_DEFINITION_NAMES = {old: new for new, old in OLD_DEFINITION_NAMES.items()}

LEGACY_NOTE = "Legacy: in API 1.41 (Docker 20.10), not in API 1.56; older daemons send it."

# Array items that the spec types only through `x-go-type` (Go names), keyed by
# (definition, property).
GO_TYPE_ITEMS = {
    ("ImagesDiskUsage", "Items"): "ImageSummary",
    ("ContainersDiskUsage", "Items"): "ContainerSummary",
    ("VolumesDiskUsage", "Items"): "Volume",
    ("BuildCacheDiskUsage", "Items"): "BuildCache",
    ("NetworkInspect", "Services"): "ServiceInfo",
}

# Integer enums: member names for the values (from the schema's description).
INTEGER_ENUM_MEMBERS = {"ChangeType": {0: "modified", 1: "added", 2: "deleted"}}

# Required in API 1.56 and sent by every supported daemon, though the API 1.41 spec did not mark
# them required: dockerd 20.10 answers a network create with `{"Id": …, "Warning": …}`.
REQUIRED_SINCE_1_41 = {("NetworkCreateResponse", "Id")}

# Sent by every supported daemon though no spec marks them required (`x-nullable: false`): the
# id a create answers with.
ALWAYS_SENT = {("ServiceCreateResponse", "ID")}

# JSON keys the spec spells otherwise than the daemon, by (type path, spec key): the daemon's
# spelling is the one decoded and sent. Go's decoder ignores case, so the spec's error never
# shows against a Go client; a service's `Healthcheck` decoded as `HealthCheck` was lost, and
# `service update` then removed the service's health check.
WIRE_KEYS = {(("TaskSpec", "ContainerSpec"), "HealthCheck"): "Healthcheck"}

# JSON keys some daemons send misspelled, by (type path, spec key): read under both spellings,
# written under the spec's. Docker 23 to 28.2 (API 1.42 to 1.50) send a build cache record's
# parents as `" Parents"` (a space in moby's struct tag, which the docker CLI shares, so it
# reads them); a reader of `Parents` alone lost them.
ALTERNATE_KEYS = {(("BuildCache",), "Parents"): " Parents"}

# Properties whose Swift type the spec's format does not decide, by (definition, JSON key).
PROPERTY_TYPES = {("ContainerWaitResponse", "StatusCode"): "Int"}

NESTED_TYPE_RENAMES = {"Type": "Kind", "Protocol": "ProtocolKind"}

INTEGER_FORMATS = {
    None: "Int", "int": "Int", "int32": "Int32", "int64": "Int64",
    "uint8": "UInt8", "uint16": "UInt16", "uint32": "UInt32", "uint64": "UInt64",
}

SWIFT_KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
    "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
    "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
    "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough",
    "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
    "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
    "try", "any", "some",
}


# --------------------------------------------------------------------------- names

def split_words(name):
    return [part for part in re.split(r"[^A-Za-z0-9]+", name) if part]


def lower_leading(word):
    """`ID` -> `id`, `IPAMConfig` -> `ipamConfig`, `IPv4Address` -> `ipv4Address`."""
    run = re.match(r"[A-Z]*", word).group()
    rest = word[len(run):]
    if not run:
        return word
    if len(run) == 1 or not rest or rest[0].isdigit() or re.match(r"v\d", rest):
        return run.lower() + rest
    return run[:-1].lower() + run[-1] + rest


def property_name(json_key):
    words = split_words(json_key)
    name = lower_leading(words[0]) + "".join(w[0].upper() + w[1:] for w in words[1:])
    if name[0].isdigit():
        name = "_" + name
    return "`%s`" % name if name in SWIFT_KEYWORDS else name


def bare(name):
    return name.strip("`")


def upper_camel(json_key):
    return "".join(w[0].upper() + w[1:] for w in split_words(json_key))


def singular(name):
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith(("ss", "us")):
        return name[:-1]
    return name


def enum_member_name(value):
    if value == "":
        return "empty"
    words = split_words(str(value))
    name = lower_leading(words[0]) + "".join(w[0].upper() + w[1:] for w in words[1:])
    if name[0].isdigit():
        name = "v" + name
    return "`%s`" % name if name in SWIFT_KEYWORDS else name


# --------------------------------------------------------------------------- docs

def doc_lines(description, indent):
    """The spec's description as a tidy `///` comment: paragraphs re-flowed, list items,
    tables and code blocks kept line by line."""
    if not description:
        return []
    text = description.replace("<p><br /></p>", "").strip()
    lines, paragraph, in_code = [], [], False

    def flush():
        if paragraph:
            lines.append(" ".join(paragraph))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            in_code = not in_code
            lines.append(stripped)
        elif in_code:
            lines.append(line)
        elif not stripped:
            flush()
            if lines and lines[-1]:
                lines.append("")
        elif re.match(r"([-*+]|\d+\.|#+)\s", stripped) or stripped.startswith(("|", ">")):
            flush()
            paragraph.append(line[:len(line) - len(line.lstrip())] + stripped)
        else:
            paragraph.append(stripped)
    flush()
    while lines and not lines[-1]:
        lines.pop()
    pad = " " * indent
    return [(pad + "/// " + line).rstrip() for line in lines]


# --------------------------------------------------------------------------- model

class Property:
    def __init__(self, key, swift_name, type_ref, optional, description, alternate_key=None):
        self.key = key
        self.alternate_key = alternate_key
        self.swift_name = swift_name
        self.type_ref = type_ref  # TypeRef
        self.optional = optional
        self.description = description


class TypeRef:
    """A Swift type expression. `path` names a generated type ([top, nested, ...]); `template`
    wraps it (`[%s]`, `[String: %s]`); plain Swift types have no path."""

    def __init__(self, swift=None, path=None, template="%s", inner=None):
        self.swift = swift
        self.path = path
        self.template = template
        self.inner = inner

    def wrap(self, template):
        return TypeRef(template=template, inner=self)

    def render(self, scope):
        """Spelled as seen from `scope` (the Scope of the type that declares the property)."""
        if self.inner is not None:
            return self.template % self.inner.render(scope)
        if self.path is None:
            return self.swift
        path = tuple(self.path)
        # Shortest spelling: drop an enclosing type's path when the rest resolves to it.
        for enclosing in reversed(scope.chain):
            if path[:len(enclosing)] == enclosing and len(path) > len(enclosing):
                rest = path[len(enclosing):]
                if scope.visible.get(rest[0]) == enclosing + (rest[0],):
                    return ".".join(rest)
        if scope.visible.get(path[0], path[:1]) != path[:1]:
            return MODULE + "." + ".".join(path)  # a nested type shadows the top-level one
        return ".".join(path)


class Scope:
    """The names visible inside a generated type body: its own nested types and those of the
    types enclosing it, innermost first."""

    def __init__(self, chain=(), visible=None):
        self.chain = list(chain)
        self.visible = dict(visible or {})

    def entering(self, swift_type):
        path = (self.chain[-1] if self.chain else ()) + (swift_type.name,)
        visible = dict(self.visible)
        visible[swift_type.name] = path
        for nested in getattr(swift_type, "nested", []):
            visible[nested.name] = path + (nested.name,)
        return Scope(self.chain + [path], visible)


class StructType:
    kind = "struct"

    def __init__(self, name, description):
        self.name = name
        self.description = description
        self.properties = []
        self.nested = []  # StructType | EnumType


class EnumType:
    kind = "enum"

    def __init__(self, name, description, raw_type, values, member_overrides=None):
        self.name = name
        self.description = description
        self.raw_type = raw_type
        self.values = values
        self.member_overrides = member_overrides or {}


class AliasType:
    kind = "alias"

    def __init__(self, name, description, target):
        self.name = name
        self.description = description
        self.target = target  # TypeRef


# --------------------------------------------------------------------------- spec walking

class Generator:
    def __init__(self, spec, old_spec):
        self.spec = spec
        self.definitions = spec["definitions"]
        self.old_definitions = old_spec["definitions"]
        self.old_operations = index_operations(old_spec)
        self.old_inline_schemas = index_inline_schemas(old_spec)
        self.top_types = []  # StructType | EnumType | AliasType
        self.used_alternate_keys = set()
        self.top_names = set()

    # -- helpers on the spec

    def ref_name(self, ref):
        return ref.split("/")[-1]

    def swift_type_name(self, definition):
        return TYPE_RENAMES.get(definition, definition)

    def resolve_old(self, schema, spec_definitions):
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 10:
            schema = spec_definitions.get(self.ref_name(schema["$ref"]))
            seen += 1
        return schema if isinstance(schema, dict) else None

    def old_properties(self, old):
        """(properties, required) of an old-spec schema, allOf flattened."""
        old = self.resolve_old(old, self.old_definitions)
        if old is None:
            return {}, set()
        props = dict(old.get("properties", {}))
        required = set(old.get("required", []))
        for part in old.get("allOf", []):
            part_props, part_required = self.old_properties(part)
            props.update(part_props)
            required |= part_required
        return props, required

    def old_definition(self, name):
        old_name = OLD_DEFINITION_NAMES.get(name, name)
        return self.old_definitions.get(old_name) or self.old_inline_schemas.get(old_name)

    # -- building types

    def add_top(self, swift_type):
        if swift_type.name in self.top_names:
            raise SystemExit("generate-models.py: two types named %s" % swift_type.name)
        self.top_names.add(swift_type.name)
        self.top_types.append(swift_type)

    def build_definitions(self):
        for name, schema in self.definitions.items():
            self.build_top(self.swift_type_name(name), schema, self.old_definition(name), name)

    def build_top(self, swift_name, schema, old, definition):
        description = schema.get("description")
        if "enum" in schema:
            self.add_top(self.enum_type(swift_name, schema, definition))
            return
        if schema.get("type") == "array":
            item_name = singular(swift_name)
            item = schema["items"]
            if "properties" in item:
                self.add_top(self.struct_type(item_name, item, (old or {}).get("items"), [item_name], definition))
                target = TypeRef(path=[item_name]).wrap("[%s]")
            else:
                target = self.type_ref(item, None, [swift_name], item_name, definition, None).wrap("[%s]")
            self.add_top(AliasType(swift_name, description, target))
            return
        all_of = schema.get("allOf", [])
        own = [p for p in all_of if "$ref" not in p and p.get("properties")]
        refs = [p for p in all_of if "$ref" in p]
        if len(refs) == 1 and not own and not schema.get("properties"):
            target = TypeRef(path=[self.swift_type_name(self.ref_name(refs[0]["$ref"]))])
            self.add_top(AliasType(swift_name, description, target))
            return
        if "properties" not in schema and not all_of:
            target = self.type_ref(schema, None, [swift_name], swift_name, definition, None)
            self.add_top(AliasType(swift_name, description, target))
            return
        self.add_top(self.struct_type(swift_name, schema, old, [swift_name], definition))

    def enum_type(self, swift_name, schema, definition):
        raw_type = "Int" if schema.get("type") == "integer" else "String"
        return EnumType(swift_name, schema.get("description"), raw_type, schema["enum"],
                        INTEGER_ENUM_MEMBERS.get(definition))

    def collect_properties(self, schema, old, owner_path, definition):
        """[(key, property schema, required, old property schema, owner path, definition)],
        allOf flattened. Properties from a referenced definition keep that definition as the
        owner of their nested types."""
        out = []
        for part in schema.get("allOf", []):
            if "$ref" in part:
                ref = self.ref_name(part["$ref"])
                ref_swift = self.swift_type_name(ref)
                out += self.collect_properties(self.definitions[ref], self.old_definition(ref), [ref_swift], ref)
            else:
                out += self.collect_properties(part, old, owner_path, definition)
        old_props, old_required = self.old_properties(old) if old is not None else ({}, set())
        required = set(schema.get("required", []))
        for key, prop in schema.get("properties", {}).items():
            was_required = (key in old_required and key in old_props) or (definition, key) in REQUIRED_SINCE_1_41
            is_required = (key in required and was_required) or (definition, key) in ALWAYS_SENT
            out.append((key, prop, is_required, old_props.get(key), owner_path, definition))
        return out

    def struct_type(self, swift_name, schema, old, path, definition):
        struct = StructType(swift_name, schema.get("description"))
        nested_names = set()
        seen_keys = set()
        seen_names = {}
        for key, prop, required, old_prop, owner_path, owner_definition in self.collect_properties(schema, old, path, definition):
            if key in seen_keys:
                continue  # a later allOf part repeating a property adds nothing
            seen_keys.add(key)
            swift_prop = property_name(key)
            if bare(swift_prop) in seen_names:
                raise SystemExit("generate-models.py: %s has %s and %s" % (swift_name, seen_names[bare(swift_prop)], key))
            seen_names[bare(swift_prop)] = key
            local = owner_path == path
            type_ref = self.type_ref(prop, old_prop, owner_path, key, owner_definition,
                                     struct if local else None, nested_names if local else None)
            optional = not required or prop.get("x-nullable") is True or prop.get("type") in ("array",) \
                or (prop.get("type") == "object" and "properties" not in prop) or "additionalProperties" in prop \
                or type_ref.swift == "JSONValue"
            wire_key = WIRE_KEYS.get((tuple(path), key), key)
            alternate_key = ALTERNATE_KEYS.get((tuple(path), key))
            if alternate_key:
                # A required member read under its alternate alone would be read by the reader
                # and refused by `JSONDecoder`.
                if not optional:
                    raise SystemExit("generate-models.py: %s.%s: an alternate key for a required member" % (swift_name, key))
                self.used_alternate_keys.add((tuple(path), key))
            struct.properties.append(Property(wire_key, swift_prop, type_ref, optional, prop.get("description"), alternate_key))
        self.add_legacy_properties(struct, old, path, definition, seen_keys, seen_names, nested_names)
        return struct

    def add_legacy_properties(self, struct, old, path, definition, seen_keys, seen_names, nested_names):
        """Properties of the API 1.41 schema that API 1.56 dropped: Docker 20.10 still sends them
        (`/system/df` `Images`, `NetworkSettings.IPAddress`, progress `error`...), so they stay,
        optional, documented as legacy."""
        if old is None:
            return
        old_props, _ = self.old_properties(old)
        for key, old_prop in old_props.items():
            if key in seen_keys:
                continue
            seen_keys.add(key)
            swift_prop = property_name(key)
            if bare(swift_prop) in seen_names:
                raise SystemExit("generate-models.py: %s has %s and legacy %s" % (struct.name, seen_names[bare(swift_prop)], key))
            seen_names[bare(swift_prop)] = key
            prop = self.modern_refs(old_prop)
            type_ref = self.type_ref(prop, None, path, key, definition, struct, nested_names)
            description = (prop.get("description") or "").strip()
            description += "\n\n" if description else ""
            description += LEGACY_NOTE
            struct.properties.append(Property(key, swift_prop, type_ref, True, description))

    def modern_refs(self, schema):
        """A copy of an API 1.41 schema whose `$ref`s name the API 1.56 definitions."""
        if isinstance(schema, list):
            return [self.modern_refs(item) for item in schema]
        if not isinstance(schema, dict):
            return schema
        copy = {}
        for key, value in schema.items():
            if key == "$ref":
                old_name = self.ref_name(value)
                name = NEW_DEFINITION_NAMES.get(old_name, old_name)
                if name not in self.definitions:
                    raise SystemExit("generate-models.py: legacy reference to %s, gone from the spec" % old_name)
                copy[key] = "#/definitions/" + name
            else:
                copy[key] = self.modern_refs(value)
        return copy

    def nested_name(self, key, taken, item=False):
        base = upper_camel(key)
        if item:
            base = singular(base)
        base = NESTED_TYPE_RENAMES.get(base, base)
        name = base
        if name in taken:
            raise SystemExit("generate-models.py: nested type name %s taken" % name)
        taken.add(name)
        return name

    def type_ref(self, prop, old_prop, owner_path, key, definition, struct, nested_names=None):
        """The Swift type of `prop`; inline objects and enums are added to `struct` (None when
        the property belongs to a referenced definition that defines them itself)."""
        if nested_names is None:
            nested_names = set()
        if "$ref" in prop:
            return TypeRef(path=[self.swift_type_name(self.ref_name(prop["$ref"]))])
        if "allOf" in prop:
            refs = [p for p in prop["allOf"] if "$ref" in p]
            if len(refs) == 1 and len(prop["allOf"]) == 1:
                return TypeRef(path=[self.swift_type_name(self.ref_name(refs[0]["$ref"]))])
            raise SystemExit("generate-models.py: inline allOf at %s.%s" % (definition, key))
        if (definition, key) in PROPERTY_TYPES:
            return TypeRef(swift=PROPERTY_TYPES[(definition, key)])
        go_item = GO_TYPE_ITEMS.get((definition, key))
        kind = prop.get("type")
        if kind == "array":
            items = prop.get("items", {})
            if go_item and not items.get("type") and "$ref" not in items:
                return TypeRef(path=[go_item]).wrap("[%s]")
            old_items = (old_prop or {}).get("items") if isinstance(old_prop, dict) else None
            inner = self.inline_or_plain(items, old_items, owner_path, key, definition, struct, nested_names, item=True)
            return inner.wrap("[%s]")
        if "enum" in prop:
            if kind == "object":  # `enum: [{}]`: the empty object
                return TypeRef(swift="EmptyObject")
            name = self.nested_name(key, nested_names)
            if struct is not None:
                struct.nested.append(self.enum_type(name, prop, None))
            return TypeRef(path=owner_path + [name])
        if "properties" in prop:
            name = self.nested_name(key, nested_names)
            if struct is not None:
                old_inline = self.resolve_old(old_prop, self.old_definitions) if old_prop else None
                struct.nested.append(self.struct_type(name, prop, old_inline, owner_path + [name], definition))
            return TypeRef(path=owner_path + [name])
        if "additionalProperties" in prop:
            values = prop["additionalProperties"]
            if not isinstance(values, dict):
                return TypeRef(swift="JSONValue").wrap("[String: %s]")
            if go_item and not values.get("type") and "$ref" not in values:
                return TypeRef(path=[go_item]).wrap("[String: %s]")
            old_values = (old_prop or {}).get("additionalProperties") if isinstance(old_prop, dict) else None
            inner = self.inline_or_plain(values, old_values, owner_path, key + "Value", definition, struct, nested_names)
            if values.get("x-nullable") is True:
                inner = inner.wrap("%s?")
            return inner.wrap("[String: %s]")
        if kind == "string":
            return TypeRef(swift="String")
        if kind == "boolean":
            return TypeRef(swift="Bool")
        if kind == "number":
            return TypeRef(swift="Double")
        if kind == "integer":
            fmt = prop.get("format")
            if fmt not in INTEGER_FORMATS:
                raise SystemExit("generate-models.py: integer format %s at %s.%s" % (fmt, definition, key))
            return TypeRef(swift=INTEGER_FORMATS[fmt])
        # `object` without properties, or no type at all: any JSON.
        return TypeRef(swift="JSONValue")

    def inline_or_plain(self, schema, old, owner_path, key, definition, struct, nested_names, item=False):
        if "properties" in schema or ("enum" in schema and schema.get("type") != "object"):
            name = self.nested_name(schema.get("title") or key, nested_names, item=item and not schema.get("title"))
            if struct is not None:
                if "enum" in schema:
                    struct.nested.append(self.enum_type(name, schema, None))
                else:
                    old_inline = self.resolve_old(old, self.old_definitions) if old else None
                    struct.nested.append(self.struct_type(name, schema, old_inline, owner_path + [name], definition))
            return TypeRef(path=owner_path + [name])
        return self.type_ref(schema, old, owner_path, key, definition, struct, nested_names)

    # -- operations

    def build_operations(self):
        for path, operations in self.spec["paths"].items():
            for method, operation in operations.items():
                if not isinstance(operation, dict) or "operationId" not in operation:
                    continue
                operation_id = operation["operationId"]
                old_operation = self.old_operations.get(operation_id, {})
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") == "body":
                        old_body = next((p.get("schema") for p in old_operation.get("parameters", [])
                                         if p.get("in") == "body"), None)
                        self.build_inline(parameter["schema"], old_body, operation_id + "Body", operation_id)
                for code in sorted(operation.get("responses", {}), key=str):
                    response = operation["responses"][code]
                    if "schema" not in response or not str(code).startswith("2"):
                        continue
                    old_response = old_operation.get("responses", {}).get(code, {}).get("schema")
                    self.build_inline(response["schema"], old_response, operation_id + "Response", operation_id)

    def build_inline(self, schema, old, fallback_name, operation_id):
        if "$ref" in schema:
            return
        if schema.get("type") == "array":
            items = schema.get("items", {})
            if "properties" in items:
                name = items.get("title") or operation_id + "ResponseItem"
                old_items = (old or {}).get("items")
                self.add_top(self.struct_type(name, items, old_items, [name], name))
            return
        all_of = schema.get("allOf", [])
        own = [p for p in all_of if "$ref" not in p and p.get("properties")]
        if all_of and not own:
            return  # one referenced definition plus an example: that definition is the type
        if "properties" not in schema and not all_of:
            return  # strings, binary streams
        name = schema.get("title") or fallback_name
        self.add_top(self.struct_type(name, schema, old, [name], name))


def index_inline_schemas(spec):
    """The titled inline response schemas of a spec's operations, by title. (Not the bodies: the
    API 1.41 spec swaps the titles of the network connect and disconnect bodies.)"""
    schemas = {}
    for operation in index_operations(spec).values():
        for schema in (r.get("schema") for r in operation.get("responses", {}).values()):
            if isinstance(schema, dict) and schema.get("title"):
                schemas.setdefault(schema["title"], schema)
    return schemas


def index_operations(spec):
    operations = {}
    for operations_of_path in spec["paths"].values():
        for operation in operations_of_path.values():
            if isinstance(operation, dict) and "operationId" in operation:
                operations[operation["operationId"]] = operation
    return operations


# --------------------------------------------------------------------------- rendering

def render_file(swift_type):
    lines = [HEADER.rstrip("\n"), ""]
    lines += render_type(swift_type, 0, Scope())
    return "\n".join(lines) + "\n"


def render_type(swift_type, indent, outer_scope):
    if swift_type.kind == "struct":
        return render_struct(swift_type, indent, outer_scope)
    if swift_type.kind == "enum":
        return render_enum(swift_type, indent)
    pad = " " * indent
    return doc_lines(swift_type.description, indent) + [
        "%spublic typealias %s = %s" % (pad, swift_type.name, swift_type.target.render(Scope()))]


def render_struct(struct, indent, outer_scope):
    pad = " " * indent
    inner = pad + "    "
    scope = outer_scope.entering(struct)
    out = doc_lines(struct.description, indent)
    out.append("%spublic struct %s: Codable, Hashable, Sendable, JSONReadable, JSONWritable {" % (pad, struct.name))
    members = []
    for prop in struct.properties:
        block = doc_lines(prop.description, indent + 4)
        block.append("%spublic var %s: %s" % (inner, prop.swift_name, declared_type(prop, scope)))
        members.append(block)
    members.append(render_initializer(struct, indent + 4, scope))
    alternates = [prop for prop in struct.properties if prop.alternate_key]
    if alternates:
        members.append(render_decoder(struct, indent + 4, scope))
    members.append(render_reader(struct, indent + 4, scope))
    members.append(render_writer(struct, indent + 4))
    if struct.properties:
        keys = ["%senum CodingKeys: String, CodingKey {" % inner]
        for prop in struct.properties:
            keys.append('%s    case %s = "%s"' % (inner, prop.swift_name, prop.key))
        keys.append("%s}" % inner)
        members.append(keys)
    if alternates:
        taken = {prop.key for prop in struct.properties}
        for prop in alternates:
            if prop.alternate_key in taken:
                raise SystemExit("generate-models.py: %s: the alternate key %r is another member's" % (struct.name, prop.alternate_key))
        keys = ["%s/// The misspellings some daemons send (see `init(from:)`)." % inner,
                "%senum AlternateCodingKeys: String, CodingKey {" % inner]
        for prop in alternates:
            keys.append("%s    case %s = %s" % (inner, prop.swift_name, swift_string_literal(prop.alternate_key)))
        keys.append("%s}" % inner)
        members.append(keys)
    for nested in struct.nested:
        members.append(render_type(nested, indent + 4, scope))
    for i, block in enumerate(members):
        if i:
            out.append("")
        out += block
    out.append("%s}" % pad)
    return out


def declared_type(prop, scope):
    rendered = prop.type_ref.render(scope)
    return rendered + "?" if prop.optional else rendered


def render_initializer(struct, indent, scope):
    pad = " " * indent
    if not struct.properties:
        return ["%spublic init() {}" % pad]
    params = []
    for prop in struct.properties:
        default = " = nil" if prop.optional else ""
        params.append("%s    %s: %s%s" % (pad, initializer_label(prop), declared_type(prop, scope), default))
    out = ["%spublic init(" % pad]
    out.append(",\n".join(params))
    out.append("%s) {" % pad)
    for prop in struct.properties:
        out.append("%s    self.%s = %s" % (pad, prop.swift_name, prop.swift_name))
    out.append("%s}" % pad)
    return out


def initializer_label(prop):
    name = bare(prop.swift_name)
    return name if name not in ("inout", "var", "let") else prop.swift_name


def swift_string_literal(text):
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def render_decoder(struct, indent, scope):
    """`init(from:)` of a struct with ALTERNATE_KEYS: the synthesized one's reading, except that
    a member missing (or null) under the spec's key is read under its alternate spelling."""
    pad = " " * indent
    out = ["%s/// Decodes as the synthesized `init(from:)` would, reading a member missing under the" % pad,
           "%s/// spec's key under the spelling some daemons send instead (`AlternateCodingKeys`)." % pad,
           "%spublic init(from decoder: any Decoder) throws {" % pad,
           "%s    let container = try decoder.container(keyedBy: CodingKeys.self)" % pad,
           "%s    let alternates = try decoder.container(keyedBy: AlternateCodingKeys.self)" % pad,
           "%s    self.init(" % pad]
    arguments = []
    for prop in struct.properties:
        swift_type = prop.type_ref.render(scope)
        if not prop.optional:
            value = "try container.decode(%s.self, forKey: .%s)" % (swift_type, prop.swift_name)
        else:
            value = "try container.decodeIfPresent(%s.self, forKey: .%s)" % (swift_type, prop.swift_name)
            if prop.alternate_key:
                value += "\n%s            ?? alternates.decodeIfPresent(%s.self, forKey: .%s)" % (pad, swift_type, prop.swift_name)
        arguments.append("%s        %s: %s" % (pad, initializer_label(prop), value))
    out.append(",\n".join(arguments))
    out.append("%s    )" % pad)
    out.append("%s}" % pad)
    return out


def render_reader(struct, indent, scope):
    """`init(reading:)`: the struct read by JSONReader, member by member, giving the value that
    the synthesized `init(from:)` gives (see JSONReader for the cases it leaves to JSONDecoder)."""
    pad = " " * indent
    out = ["%s/// Reads the JSON that `init(from:)` decodes, to the same value (see `JSONReader`)." % pad,
           "%spackage init(reading reader: inout JSONReader) throws {" % pad]
    if not struct.properties:
        out.append("%s    try reader.readObject { reader, _ in try reader.skipValue() }" % pad)
        out.append("%s}" % pad)
        return out
    if len(struct.properties) > 128:
        raise SystemExit("generate-models.py: %s has more members than JSONReader.SeenMembers holds" % struct.name)
    for prop in struct.properties:
        out.append("%s    var _%s: %s?" % (pad, bare(prop.swift_name), prop.type_ref.render(scope)))
    out.append("%s    var seen = JSONReader.SeenMembers()" % pad)
    out.append("%s    try reader.readObject { reader, key in" % pad)
    for index, prop in enumerate(struct.properties):
        keyword = "if" if index == 0 else "} else if"
        condition = "key.matches(%s)" % swift_string_literal(prop.key)
        if prop.alternate_key:
            condition += " || key.matches(%s)" % swift_string_literal(prop.alternate_key)
        out.append("%s        %s %s {" % (pad, keyword, condition))
        out.append("%s            try seen.insert(%d, reader)" % (pad, index))
        read = "read" if not prop.optional else "readIfPresent"
        out.append("%s            _%s = try reader.%s(%s.self)" % (pad, bare(prop.swift_name), read, prop.type_ref.render(scope)))
    out.append("%s        } else {" % pad)
    out.append("%s            try reader.skipMember(key)" % pad)
    out.append("%s        }" % pad)
    out.append("%s    }" % pad)
    out.append("%s    self.init(" % pad)
    arguments = []
    for prop in struct.properties:
        value = "_" + bare(prop.swift_name)
        if not prop.optional:
            value = "try reader.required(%s, %s)" % (value, swift_string_literal(prop.key))
        arguments.append("%s        %s: %s" % (pad, initializer_label(prop), value))
    out.append(",\n".join(arguments))
    out.append("%s    )" % pad)
    out.append("%s}" % pad)
    return out


def render_writer(struct, indent):
    """`write(to:)`: the struct written by JSONWriter, member by member in declaration order, to
    text that decodes as the synthesized `encode(to:)`'s does (nil members left out)."""
    pad = " " * indent
    out = ["%s/// Writes what `encode(to:)` encodes (see `JSONWriter`)." % pad,
           "%spackage func write(to writer: inout JSONWriter) throws {" % pad]
    if not struct.properties:
        out.append("%s    writer.writeObject { _ in }" % pad)
        out.append("%s}" % pad)
        return out
    out.append("%s    try writer.writeObject { writer in" % pad)
    for prop in struct.properties:
        if not re.fullmatch(r"[A-Za-z0-9_.\-]+", prop.key):
            raise SystemExit("generate-models.py: %s.%s: a key JSONWriter would need to escape" % (struct.name, prop.key))
        write = "writeMemberIfPresent" if prop.optional else "writeMember"
        out.append('%s        try writer.%s(#""%s":"#, self.%s)' % (pad, write, prop.key, prop.swift_name))
    out.append("%s    }" % pad)
    out.append("%s}" % pad)
    return out


def render_enum(enum, indent):
    pad = " " * indent
    inner = pad + "    "
    literal = "ExpressibleByIntegerLiteral" if enum.raw_type == "Int" else "ExpressibleByStringLiteral"
    out = doc_lines(enum.description, indent)
    out.append("%spublic struct %s: OpenEnum, %s, JSONReadable, JSONWritable {" % (pad, enum.name, literal))
    out.append("%spublic let rawValue: %s" % (inner, enum.raw_type))
    out.append("")
    out.append("%spublic init(rawValue: %s) {" % (inner, enum.raw_type))
    out.append("%s    self.rawValue = rawValue" % inner)
    out.append("%s}" % inner)
    out.append("")
    members = []
    for value in enum.values:
        member = enum.member_overrides.get(value) or enum_member_name(value)
        members.append(member)
        literal_value = str(value) if enum.raw_type == "Int" else '"%s"' % value
        out.append("%spublic static let %s = %s(rawValue: %s)" % (inner, member, enum.name, literal_value))
    if len(set(map(bare, members))) != len(members):
        raise SystemExit("generate-models.py: duplicate member names in %s: %s" % (enum.name, members))
    out.append("")
    out.append("%s/// The values this version of the API defines; daemons may send others." % inner)
    out.append("%spublic static let knownValues: [%s] = [%s]" % (inner, enum.name, ", ".join("." + m for m in members)))
    out.append("%s}" % pad)
    return out


# --------------------------------------------------------------------------- driver

def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


# Fields of request bodies that the daemon reads and the docker CLI sends, but the spec leaves
# out (moby's swarm.InitRequest and JoinRequest have them), by operationId.
UNDOCUMENTED_BODY_FIELDS = {
    "SwarmInit": {
        "AutoLockManagers": {
            "type": "boolean",
            "description": "Lock the managers of the new swarm: a restarted manager needs the unlock key.",
        },
        "Availability": {
            "type": "string", "enum": ["active", "pause", "drain"],
            "description": "The availability of this node in the new swarm (default `active`).",
        },
    },
    "SwarmJoin": {
        "Availability": {
            "type": "string", "enum": ["active", "pause", "drain"],
            "description": "The availability of this node once it joined (default `active`).",
        },
    },
}


# Response fields every daemon still sends that no spec lists, by definition, placed first in
# their order (Go's struct order, which `{{json .}}` prints): an event's deprecated `status`,
# `id` and `from`, which docker's `events --format '{{.Status}}'` reads.
UNDOCUMENTED_RESPONSE_FIELDS = {
    "EventMessage": {
        "status": {"type": "string", "description": "Deprecated: the action of a container or image event (`Action`)."},
        "id": {"type": "string", "description": "Deprecated: the id of a container or image event's object (`Actor.ID`)."},
        "from": {"type": "string", "description": "Deprecated: the image of a container event (`Actor.Attributes[\"image\"]`)."},
    },
}


def add_undocumented_response_fields(spec):
    """Adds UNDOCUMENTED_RESPONSE_FIELDS to their definitions, before the documented ones."""
    for name, fields in UNDOCUMENTED_RESPONSE_FIELDS.items():
        properties = spec["definitions"][name]["properties"]
        for key in fields:
            if key in properties:
                raise SystemExit("generate-models.py: the spec documents %s.%s now: drop it from UNDOCUMENTED_RESPONSE_FIELDS" % (name, key))
        spec["definitions"][name]["properties"] = {**fields, **properties}


def add_undocumented_body_fields(spec):
    """Adds UNDOCUMENTED_BODY_FIELDS to their operations' inline body schemas."""
    for path in spec["paths"].values():
        for operation in path.values():
            fields = UNDOCUMENTED_BODY_FIELDS.get(operation.get("operationId")) if isinstance(operation, dict) else None
            if not fields:
                continue
            body = next(parameter for parameter in operation["parameters"] if parameter["in"] == "body")
            properties = body["schema"]["properties"]
            for key, schema in fields.items():
                if key in properties:
                    raise SystemExit("generate-models.py: the spec documents %s now: drop it from UNDOCUMENTED_BODY_FIELDS" % key)
                properties[key] = schema


def fix_cluster_volume_spec(spec):
    """Puts ClusterVolumeSpec's fields where the daemon reads and writes them.

    The spec's YAML nests `Secrets`, `AccessibilityRequirements`, `CapacityRange` and
    `Availability` in `AccessMode`, and folds `MountVolume`'s properties and `BlockVolume` into
    `MountVolume`'s description; moby's `volume.ClusterVolumeSpec` has the four beside
    `AccessMode`, in that order, and `AccessMode` has `MountVolume{FsType, MountFlags}` and an
    empty `BlockVolume`.
    """
    definition = spec["definitions"]["ClusterVolumeSpec"]
    access = definition["properties"]["AccessMode"]["properties"]
    moved = ["AccessibilityRequirements", "CapacityRange", "Secrets", "Availability"]
    if any(key not in access for key in moved) or "BlockVolume" in access:
        raise SystemExit("generate-models.py: the spec nests ClusterVolumeSpec otherwise now: revisit fix_cluster_volume_spec")
    for key in moved:
        definition["properties"][key] = access.pop(key)
    access["MountVolume"] = {
        "type": "object",
        "description": "Options for using this volume as a Mount-type volume.\n\n"
        "Either MountVolume or BlockVolume, but not both, must be present.\n",
        "properties": {
            "FsType": {"type": "string", "description": "Specifies the filesystem type for the mount volume. Optional.\n"},
            "MountFlags": {
                "type": "array", "items": {"type": "string"},
                "description": "Flags to pass when mounting the volume. Optional.\n",
            },
        },
    }
    access["BlockVolume"] = {
        "type": "object",
        "description": "Options for using this volume as a Block-type volume. Intentionally empty.\n",
    }


def fix_network_attachment(spec):
    """Gives a task's network attachment the network the daemon sends there.

    The spec's `NetworkAttachment.Network` refers to `Network`, the network API's summary;
    a task's attachments carry swarm's network (moby's `swarm.Network`: `ID`, the object's
    version and times, a `Spec` with the annotations and options it was created with, the
    driver's state and the IPAM options), which shares no field with it. Its drivers may be
    empty (`DriverConfiguration: {}`), so their name is not required here.
    """
    definitions = spec["definitions"]
    attachment = definitions["NetworkAttachment"]["properties"]
    if attachment.get("Network") != {"$ref": "#/definitions/Network"} or "SwarmNetwork" in definitions:
        raise SystemExit("generate-models.py: the spec's NetworkAttachment changed: revisit fix_network_attachment")
    driver = {
        "description": "A driver (of a swarm network, of its IPAM) and its options.",
        "type": "object",
        "properties": {
            "Name": {"description": "The driver's name.", "type": "string"},
            "Options": {"description": "Driver-specific options.", "type": "object", "additionalProperties": {"type": "string"}},
        },
    }
    ipam = {
        "description": "A swarm network's IP address management: its driver and address pools.",
        "type": "object",
        "properties": {
            "Driver": {"$ref": "#/definitions/SwarmDriver"},
            "Configs": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "Subnet": {"type": "string"},
                        "Range": {"type": "string"},
                        "Gateway": {"type": "string"},
                    },
                },
            },
        },
    }
    time = {"type": "string", "format": "dateTime"}
    definitions["SwarmDriver"] = driver
    definitions["SwarmIPAMOptions"] = ipam
    definitions["SwarmNetworkSpec"] = {
        "description": "What a swarm network was created with.",
        "type": "object",
        "properties": {
            "Name": {"type": "string"},
            "Labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "DriverConfiguration": {"$ref": "#/definitions/SwarmDriver"},
            "IPv6Enabled": {"type": "boolean"},
            "Internal": {"type": "boolean"},
            "Attachable": {"type": "boolean"},
            "Ingress": {"type": "boolean"},
            "IPAMOptions": {"$ref": "#/definitions/SwarmIPAMOptions"},
            "ConfigFrom": {"$ref": "#/definitions/ConfigReference"},
            "Scope": {"type": "string"},
        },
    }
    definitions["SwarmNetwork"] = {
        "description": "A swarm network as a task's attachment carries it.",
        "type": "object",
        "properties": {
            "ID": {"type": "string"},
            "Version": {"$ref": "#/definitions/ObjectVersion"},
            "CreatedAt": dict(time),
            "UpdatedAt": dict(time),
            "Spec": {"$ref": "#/definitions/SwarmNetworkSpec"},
            "DriverState": {"$ref": "#/definitions/SwarmDriver"},
            "IPAMOptions": {"$ref": "#/definitions/SwarmIPAMOptions"},
        },
    }
    attachment["Network"] = {"$ref": "#/definitions/SwarmNetwork"}


def generate(output_dir):
    spec = load_yaml(SPEC)
    add_undocumented_body_fields(spec)
    add_undocumented_response_fields(spec)
    fix_cluster_volume_spec(spec)
    fix_network_attachment(spec)
    generator = Generator(spec, load_yaml(OLD_SPEC))
    generator.build_definitions()
    generator.build_operations()
    unused = set(ALTERNATE_KEYS) - generator.used_alternate_keys
    if unused:
        raise SystemExit("generate-models.py: ALTERNATE_KEYS names no member: %s" % sorted(unused))
    os.makedirs(output_dir, exist_ok=True)
    for swift_type in generator.top_types:
        with open(os.path.join(output_dir, swift_type.name + ".swift"), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(render_file(swift_type))
    return len(generator.top_types)


def check():
    with tempfile.TemporaryDirectory() as temp:
        generate(temp)
        expected = set(os.listdir(temp))
        actual = set(os.listdir(OUTPUT)) if os.path.isdir(OUTPUT) else set()
        problems = []
        for name in sorted(expected - actual):
            problems.append("missing: %s" % name)
        for name in sorted(actual - expected):
            problems.append("not generated (stale): %s" % name)
        for name in sorted(expected & actual):
            with open(os.path.join(temp, name), encoding="utf-8") as a, open(os.path.join(OUTPUT, name), encoding="utf-8") as b:
                new, old = a.read().splitlines(), b.read().splitlines()
            if new != old:
                diff = list(difflib.unified_diff(old, new, "committed/" + name, "generated/" + name, lineterm="", n=1))
                problems.append("differs: %s (%d lines changed)" % (name, sum(1 for l in diff if l[:1] in "+-") - 2))
                problems += ["    " + l for l in diff[:12]]
        if problems:
            print("Sources/StevedoreModels/Generated is not what Generator/generate-models.py makes from Spec/swagger.yaml:")
            print("\n".join(problems))
            print("Run `python3 Generator/generate-models.py` and commit the result.")
            return 1
        print("Sources/StevedoreModels/Generated is up to date (%d files)." % len(expected))
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed output differs from a fresh run")
    args = parser.parse_args()
    if args.check:
        sys.exit(check())
    temp = tempfile.mkdtemp(prefix=".generated-", dir=ROOT)  # same file system, not a source folder
    try:
        count = generate(temp)
        if os.path.isdir(OUTPUT):
            shutil.rmtree(OUTPUT)
        os.rename(temp, OUTPUT)
    finally:
        if os.path.isdir(temp):
            shutil.rmtree(temp)
    print("Wrote %d files to %s" % (count, os.path.relpath(OUTPUT, ROOT)))


if __name__ == "__main__":
    main()
