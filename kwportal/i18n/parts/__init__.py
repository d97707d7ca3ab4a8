"""Catalog parts per feature area: each module defines ``NL`` and ``EN`` dicts with the same
keys; they are merged into the catalogs, and a key defined twice is an error."""
