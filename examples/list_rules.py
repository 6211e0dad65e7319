"""Print every rule of the registry, grouped by practice-model component.

Each rule is declared once in ``practicemodel.rules`` with its id, title, the practice-model
components its findings give evidence for, the CFSR Round 3 item(s) it bears on and its
source. A rule serving two components is listed under both.

    python examples/list_rules.py
"""

from __future__ import annotations

from collections import Counter

from practicemodel.components import PracticeComponent
from practicemodel.rules import all_rules


def main() -> None:
    """Print the rules under each component, then the count of rules per family."""
    rules = all_rules()
    for component in PracticeComponent:
        serving = [rule for rule in rules if component in rule.components]
        print(f"{component.label} ({component.value}): {len(serving)} rules")
        for rule in serving:
            items = ", ".join(str(i) for i in rule.cfsr_items)
            cfsr = f" [CFSR item {items}]" if items else ""
            print(f"  {rule.id}: {rule.title}{cfsr}")
            print(f"      source: {rule.source}")
        print()
    families = Counter(rule.family for rule in rules)
    print(f"{len(rules)} rules: " + ", ".join(f"{family} {count}"
                                              for family, count in sorted(families.items())))


if __name__ == "__main__":
    main()
