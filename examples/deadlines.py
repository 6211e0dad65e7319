"""Print the Wilson family's deadlines under each shipped policy profile.

A caseworker app shows what is due and overdue; an analyst counts how often deadlines are
met on time. Both start from `practicemodel.timelines.schedule`, which computes every
statutory and policy deadline of a case as of a date, with the fact it was computed from,
its status, the event that met it and its source.

    python examples/deadlines.py
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from practicemodel.example import load_example
from practicemodel.policy import get_policy, known_policies
from practicemodel.timelines import DeadlineStatus, schedule

AS_OF = date(2026, 11, 22)


def main() -> None:
    """Print a status count per profile, then the open and overdue deadlines under MS."""
    case = load_example()
    for code in known_policies():
        result = schedule(case, policy=get_policy(code), as_of=AS_OF)
        counts = Counter(d.status.value for d in result.all_deadlines())
        print(f"{code:8} " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))

    result = schedule(case, policy=get_policy("MS"), as_of=AS_OF)
    print(f"\nNot met as of {AS_OF} under MS:")
    for d in result.all_deadlines():
        if d.status in (DeadlineStatus.OVERDUE, DeadlineStatus.DUE):
            print(f"  {d.subject_id:17} {d.kind.value:26} due {d.due_on}: {d.reason}")
            print(f"  {'':17} source: {d.source}")
    ava = result.children[0]
    print(f"\nAva entered foster care on {ava.entered_care[0].entered_on}: "
          f"{ava.entered_care[0].fact}")
    if ava.asfa is not None:
        print(f"ASFA 15 of 22: {ava.asfa.reason}")


if __name__ == "__main__":
    main()
