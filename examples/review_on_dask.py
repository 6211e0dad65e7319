"""Review a caseload on Dask: the same table as the local engine, then the ratings as data.

The steps of the how-to *Review a caseload on Dask* (docs/how-to/review-on-dask.md) as one
script, on a small synthetic caseload so that it runs in a few seconds. It needs the dask
extra (``pip install "practicemodel[dask]"``).

1. Write a few JSON Lines files of synthetic cases into a temporary directory.
2. Start a LocalCluster of two worker processes.
3. Review the files with the local engine (one file after the other) and on Dask (a glob,
   split into partitions), and check that the tables are equal.
4. Get the case-level rating records as a Dask DataFrame (``analysis.to_dask``), join them
   with a table of your own (here: the team that works each county) and count Strengths.

Run it:

    python examples/review_on_dask.py          # 240 cases in 3 files
    python examples/review_on_dask.py 3000     # more cases
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from practicemodel.analysis import to_dask
from practicemodel.caseload import review_jsonl
from practicemodel.policy import get_policy
from practicemodel.serialization import dumps_case
from practicemodel.synthetic import generate_cases

AS_OF = date(2026, 11, 22)
N = int(sys.argv[1]) if len(sys.argv) > 1 else 240
FILES = 3


def write_caseload(directory: Path) -> tuple[list[Path], list[str]]:
    """N synthetic cases in FILES JSON Lines files (a caseload exported by month, say);
    return the files and the counties of the cases."""
    cases = list(generate_cases(N, seed="dask-example"))
    paths = []
    for k in range(FILES):
        path = directory / f"cases-{k + 1:02}.jsonl"
        path.write_text("".join(dumps_case(case, indent=None) + "\n"
                                for case in cases[k::FILES]), encoding="utf-8")
        paths.append(path)
    return paths, sorted({case.county for case in cases})


def lines_of(paths: list[Path]) -> Iterator[bytes]:
    """The lines of the files, one file after the other."""
    for path in paths:
        with path.open("rb") as handle:
            yield from handle


def main() -> None:
    """The how-to's steps. (A function, with the ``__main__`` guard below: Dask's worker
    processes are started by "spawn", which imports this script again.)"""
    from distributed import Client

    from practicemodel.distributed import local_cluster

    policy = get_policy("MS", AS_OF)
    with tempfile.TemporaryDirectory() as tmp:
        # %% 1. A caseload in several files
        paths, counties = write_caseload(Path(tmp))
        print(f"{N} cases in {len(paths)} files: {', '.join(p.name for p in paths)}")

        # %% 2. The local engine: the lines of every file, one file after the other
        local = review_jsonl(lines_of(paths), policy=policy, as_of=AS_OF, by=("region",))

        # %% 3. Dask: a LocalCluster of two worker processes, the files as a glob
        # (local_cluster: worker processes of one thread, Dask's profiler off)
        with local_cluster(n_workers=2, dashboard_address=None,
                           scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster, \
                Client(cluster) as client:
            on_dask = review_jsonl(f"{tmp}/*.jsonl", policy=policy, as_of=AS_OF,
                                   by=("region",), engine="dask", client=client)
            workers = len(client.scheduler_info()["workers"])
            print(f"local engine: {local.cases_reviewed} cases; Dask: "
                  f"{on_dask.cases_reviewed} cases on {workers} workers")
            print(f"the tables are equal: {on_dask.table == local.table}")
            assert on_dask.table == local.table, "the engines must give the same table"

            # %% 4. The ratings as a Dask DataFrame, joined with data of your own
            import pandas as pd

            ratings = to_dask(f"{tmp}/*.jsonl", policy=policy, as_of=AS_OF, client=client)
            # a table of your own: the team that works each county
            teams = pd.DataFrame({"county": counties,
                                  "team": [f"team {i % 2 + 1}" for i in range(len(counties))]})
            joined = ratings.merge(teams, on="county", how="left")
            counts = joined.groupby(["team", "rating"]).size().compute().unstack(fill_value=0)
            print(f"{len(ratings)} rating records in {ratings.npartitions} partitions")
            for team, row in counts.iterrows():
                applicable = row.get("strength", 0) + row.get("area_needing_improvement", 0)
                print(f"  {team}: {row.get('strength', 0)} of {applicable} applicable ratings "
                      "are Strengths")


if __name__ == "__main__":
    main()
