"""JSON answers encoded by orjson: the same documents as Flask's own provider, faster.

Encoding is a tenth of the CPU of the busiest reads (fifty disclosures, ninety
days of trend) with the standard library, and a fraction of that with orjson.
"""

from __future__ import annotations

from typing import Any

import orjson
from flask.json.provider import DefaultJSONProvider

from mend import speed

# Dates, times and dataclasses go through Flask's own `default`, as they always did.
PASSED_THROUGH = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
COMPACT = {"separators": (",", ":")}  # what Flask asks for outside debug mode; orjson's way
# bench/ablation.py switches orjson off by naming it in MEND_BENCH_WITHOUT.
ORJSON = speed.on("orjson")


class FastJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider, encoding with orjson where it writes the same document.

    Anything orjson refuses (keys that are not strings, integers beyond 64 bits,
    types Flask's `default` does not know) and any call with other options than
    compact separators (such as the indented answers of debug mode) takes the
    standard library's road.
    Output differs only in spelling, never in meaning: non-ASCII text is written
    as UTF-8 rather than escaped.
    """

    sort_keys = False  # keys in the order the schemas give them

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        if (kwargs and kwargs != COMPACT) or self.sort_keys or not ORJSON:
            return super().dumps(obj, **kwargs)
        try:
            return orjson.dumps(obj, default=self.default, option=PASSED_THROUGH).decode()
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            return super().dumps(obj)
