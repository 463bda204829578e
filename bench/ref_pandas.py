"""A hand-written pandas script for the Kalbar circular: ``python bench/ref_pandas.py ROSTER.csv``."""

from __future__ import annotations

import sys

import pandas as pd
from ref_common import DIRECT_DAY, ESSENTIAL, OFF, ONSITE, REMOTE, WINDOW, canonical, emit


def main(path: str) -> None:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["unit", "date", "mode", "sector", "tags"])
    df["mode"] = df["mode"].map({m: canonical(m) for m in df["mode"].unique()})
    df["remote"] = df["mode"].isin(REMOTE)
    df["onsite"] = df["mode"].isin(ONSITE)
    df["listed"] = ~df["mode"].isin(OFF)
    cells = df.groupby(["unit", "date"], sort=False)[["remote", "onsite", "listed"]].sum().reset_index()
    units = df.drop_duplicates("unit")[["unit", "sector", "tags"]]
    cells = cells.merge(units, on="unit")
    essential = cells["sector"].isin(ESSENTIAL)
    direct = cells["tags"].str.split(";").apply(lambda tags: "direct_service" in tags)
    window = cells["date"].isin(WINDOW)
    out: list[tuple[str, str, str, int]] = []

    def add(rule: str, mask: pd.Series, excess: pd.Series) -> None:
        hit = cells[mask & (excess > 0)]
        out.extend(zip([rule] * len(hit), hit["unit"], hit["date"], excess[hit.index].astype(int).tolist(),
                       strict=True))

    add("essential-wfo-100", window & essential, cells["remote"])
    add("others-wfh-max-50", window & ~essential, cells["remote"] - cells["listed"] // 2)
    add("direct-service-present-100", (cells["date"] == DIRECT_DAY) & direct, cells["listed"] - cells["onsite"])
    emit(out)


if __name__ == "__main__":
    main(sys.argv[1])
