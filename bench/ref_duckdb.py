"""DuckDB SQL for the Kalbar circular: ``python bench/ref_duckdb.py ROSTER.csv``.

This is also the shape of the national-scale counting step (README, "Speed and scale"): one aggregation
per (unit, date) over the whole file, then a rule's test per row of counts.
"""

from __future__ import annotations

import sys

import duckdb
from ref_common import ALIASES, DIRECT_DAY, ESSENTIAL, OFF, ONSITE, REMOTE, WINDOW, emit

SQL = """
WITH rows AS (
    SELECT unit, date, sector, tags,
           coalesce(a.code, upper(trim(mode))) AS mode
    FROM read_csv($path, header = true, all_varchar = true) r
    LEFT JOIN (SELECT unnest($alias) AS spelling, unnest($code) AS code) a ON upper(trim(r.mode)) = a.spelling
),
cells AS (
    SELECT unit, date, any_value(sector) AS sector, any_value(tags) AS tags,
           count(*) FILTER (WHERE mode IN $remote) AS remote,
           count(*) FILTER (WHERE mode IN $onsite) AS onsite,
           count(*) FILTER (WHERE mode NOT IN $off) AS listed
    FROM rows GROUP BY unit, date
)
SELECT 'essential-wfo-100', unit, date, remote FROM cells
  WHERE date IN $window AND sector IN $essential AND remote > 0
UNION ALL
SELECT 'others-wfh-max-50', unit, date, remote - listed // 2 FROM cells
  WHERE date IN $window AND sector NOT IN $essential AND remote > listed // 2
UNION ALL
SELECT 'direct-service-present-100', unit, date, listed - onsite FROM cells
  WHERE date = $direct_day AND list_contains(string_split(coalesce(tags, ''), ';'), 'direct_service')
    AND onsite < listed
"""


def main(path: str) -> None:
    def tuple_sql(values: tuple[str, ...]) -> str:
        return "(" + ", ".join("'" + v + "'" for v in values) + ")"

    sql = SQL
    for name, values in (("$remote", REMOTE), ("$onsite", ONSITE), ("$off", OFF), ("$window", WINDOW),
                         ("$essential", ESSENTIAL)):
        sql = sql.replace(name, tuple_sql(values))
    rows = duckdb.connect().execute(sql, {"path": path, "alias": list(ALIASES), "code": list(ALIASES.values()),
                                          "direct_day": DIRECT_DAY}).fetchall()
    emit([(rule, unit, date, int(excess)) for rule, unit, date, excess in rows])


if __name__ == "__main__":
    main(sys.argv[1])
