"""Result summaries decoded for the parts the rules read, the rest only checked.

A summary as the benchmark writes it is mostly histograms that no rule reads;
building them as Python objects took a third of the time of a large check. The
decoder here checks that the whole text is JSON but builds only the values
named by `SUMMARY_READS`. Whatever it does not accept, the caller hands to the
standard library's parser, whose answer (a value, or the error to report) is
then the one that counts: every finding stays as that parser would make it.

One difference is deliberate: an integer of more than 4300 digits in a part
that no rule reads is valid JSON here, where the standard library, which
limits the digits it converts, would call the file malformed.
"""

from __future__ import annotations

from typing import Any

import msgspec

from endpoints_submission_cli.domain.schemas import SUMMARY_READS


def _struct(name: str, keys: dict[str, Any]) -> type[msgspec.Struct]:
    """A struct of optional fields; JSON keys it does not name are skipped."""
    fields = [(key, kind, msgspec.UNSET) for key, kind in keys.items()]
    return msgspec.defstruct(name, fields)


def _summary_struct() -> type[msgspec.Struct]:
    keys: dict[str, Any] = {}
    for key, block_keys in SUMMARY_READS.items():
        if block_keys is None:
            keys[key] = Any
        else:
            keys[key] = _struct(f"Block_{key}", dict.fromkeys(block_keys, Any))
    return _struct("Summary", keys)


# A block that is not a JSON object fails the struct's type, so its fault is
# reported from the standard library's value, exactly as the file holds it.
_DECODER = msgspec.json.Decoder(_summary_struct())


def decode_summary(text: str) -> dict[str, Any] | None:
    """The parts of a summary the rules read, or None to parse it in full."""
    try:
        summary = _DECODER.decode(text)
    except (msgspec.MsgspecError, RecursionError):
        return None
    return _plain(summary)


def _plain(struct: msgspec.Struct) -> dict[str, Any]:
    """The fields of a decoded struct that the file held, as plain data."""
    values = {}
    for key in struct.__struct_fields__:
        value = getattr(struct, key)
        if value is msgspec.UNSET:
            continue
        values[key] = _plain(value) if isinstance(value, msgspec.Struct) else value
    return values
