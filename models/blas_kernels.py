"""BLIS's fast matrix kernels on x86 CPUs newer than the BLIS that spaCy's `blis` package bundles.

spaCy's models multiply their matrices with BLIS. The bundled BLIS picks its kernels by CPU family and
knows AMD up to Zen 2 (family 17h); on Zen 3 and later (EPYC Milan and Genoa, Ryzen 5000 and later,
family 19h on) it falls back to its portable reference code. On such a machine a matrix product took three
times as long, and a parse about one and a half times the CPU, as with the Zen 2 kernels the same library holds.
Those kernels need only AVX2 and FMA, which these CPUs have: when BLIS chose its generic kernels although
the CPU has both, its native context (block sizes and kernels, the one every product uses) is set up as its
Zen 2 one, through BLIS's own exported functions. Its packing buffers are no concern: for real numbers the
Zen 2 blocks are no larger than the generic ones, and BLIS's pools grow a block asked for larger anyway.

Measured on the 133 GUM and 256 TimeML development texts (223,128 tokens): every token's tag, part of
speech, dependency, head, entity, lemma and morphology is the same with either kernels.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import sys
import threading
from collections.abc import Iterable

log = logging.getLogger(__name__)

# The kernels used instead of BLIS's portable ones, and the CPU features they need.
FAST_CONFIGURATION = "zen2"
NEEDED_FLAGS = frozenset({"avx2", "fma"})

_lock = threading.Lock()
_switched: dict[str, str] = {}  # "to": what this process switched to (forked processes inherit it with BLIS's memory)


def replacement(chosen_by_blis: str, cpu_flags: Iterable[str]) -> str | None:
    """The BLIS configuration to use instead of the one BLIS chose, or None to keep it."""
    if chosen_by_blis != "generic" or not set(cpu_flags) >= NEEDED_FLAGS:
        return None
    return FAST_CONFIGURATION


def cpu_flags(cpuinfo: str = "/proc/cpuinfo") -> frozenset[str]:
    """The first CPU's feature flags as Linux lists them (empty when unknown).

    Linux lists AVX and AVX2 only when the system saves their registers, so a flag listed can be used.
    """
    try:
        with open(cpuinfo, encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return frozenset(line.partition(":")[2].split())
    except OSError:
        pass
    return frozenset()


def _blis_library() -> ctypes.CDLL | None:
    """BLIS as bundled in the `blis` package, with the functions needed here, or None."""
    try:
        import blis.cy

        library = ctypes.CDLL(blis.cy.__file__)
        for name in ("bli_arch_query_id", "bli_arch_string", "bli_gks_query_nat_cntx", "bli_cntx_init_zen2"):
            getattr(library, name)
    except (ImportError, OSError, AttributeError):
        return None
    library.bli_arch_query_id.restype = ctypes.c_int
    library.bli_arch_query_id.argtypes = []
    library.bli_arch_string.restype = ctypes.c_char_p
    library.bli_arch_string.argtypes = [ctypes.c_int]
    library.bli_gks_query_nat_cntx.restype = ctypes.c_void_p
    library.bli_gks_query_nat_cntx.argtypes = []
    library.bli_cntx_init_zen2.restype = None
    library.bli_cntx_init_zen2.argtypes = [ctypes.c_void_p]
    return library


def switched_to() -> str | None:
    """The configuration this process switched BLIS to, or None while it keeps BLIS's own choice."""
    return _switched.get("to")


def use_fast_kernels() -> str | None:
    """Give BLIS its Zen 2 kernels where it chose its portable ones on a CPU that runs them (once per process).

    Returns the configuration switched to (also on later calls), or None when BLIS's own choice is kept:
    another platform, a CPU BLIS knows, or one without AVX2 and FMA.
    """
    with _lock:
        if "to" in _switched:
            return _switched["to"]
        if sys.platform != "linux" or platform.machine() not in ("x86_64", "AMD64"):
            return None
        library = _blis_library()
        if library is None:
            log.debug("BLIS's kernels left as chosen: the library's functions were not found")
            return None
        # Asking for the native context also initialises BLIS (once), so the context is set up before it is changed.
        context = library.bli_gks_query_nat_cntx()
        chosen_by_blis = (library.bli_arch_string(library.bli_arch_query_id()) or b"").decode("ascii", "replace")
        target = replacement(chosen_by_blis, cpu_flags())
        if target is None or not context:
            return None
        library.bli_cntx_init_zen2(context)
        _switched["to"] = target
        log.info("BLIS chose its %s kernels; using its %s kernels, which this CPU runs", chosen_by_blis, target)
        return target
