"""A BPX document checked by the bpx package (the format's reference validator)."""

from __future__ import annotations

import json
import warnings
from typing import Any

from cellstack.core.errors import InputError
from cellstack.io.fields import Fields


def check_bpx(document: dict[str, Any], origin: str = "") -> None:
    """InputError naming the first field the bpx package refuses."""
    from bpx import parse_bpx_obj
    from pydantic import ValidationError

    top = Fields(document, "", origin)  # the parts bpx assumes before it validates
    for key in ("Header", "Parameterisation"):
        top.child(key)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the voltage-limit checks only warn
            parse_bpx_obj(json.loads(json.dumps(document)))  # a copy: bpx replaces parts in place
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        raise InputError(
            where or "(BPX)", first.get("input"), f"a valid BPX value ({first.get('msg')})", origin
        ) from None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InputError("(BPX)", None, f"a valid BPX file ({exc})", origin) from None
