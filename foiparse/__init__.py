"""foiparse: Freedom of Information request threads to structured JSON.

    >>> import foiparse
    >>> thread = foiparse.parse(open("thread.txt").read())
    >>> [(q.number, q.answer) for q in thread.questions]

``parse`` runs the pipeline (normalise, split, fold, classify, extract,
pair); ``Thread.to_dict()`` is the output contract, schema ``foiparse/1``.
The pipeline is imported on first use, so ``foiparse --version`` stays fast.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["parse", "parse_bytes", "parse_input", "InputError", "__version__"]


def __getattr__(name: str):
    if name in ("parse", "parse_bytes", "parse_input"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "InputError":
        from .read import InputError

        return InputError
    raise AttributeError(f"module 'foiparse' has no attribute {name!r}")
