"""Hypothesis's entry point: registers a strategy for every model type.

Hypothesis runs its entry points while it is being imported, and
[`practicemodel.strategies`][practicemodel.strategies] imports hypothesis. If the entry point
named a function in ``strategies`` itself, ``from practicemodel.strategies import cases`` in a
fresh interpreter would ask hypothesis for a half-imported module (a circular import). So the
hook lives here, imports only the model, and resolves each strategy on first use.
"""

from __future__ import annotations

from typing import Any


def _strategy_for(cls: type) -> Any:
    from practicemodel.strategies import model_strategies

    return model_strategies()[cls]


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every model type, so ``st.from_type(Case)`` draws valid cases.

    Hypothesis calls this through the ``hypothesis`` entry point in ``pyproject.toml``.
    """
    import hypothesis.strategies as st

    from practicemodel.serialization import model_classes

    for cls in model_classes():
        st.register_type_strategy(cls, _strategy_for)
