"""Declared schemas of the cleaned tables (pandera), with failures reported as Swedish input errors.

Lazy validation collects every failing cell at once; each failure is traced back to the
delivered file, row and column through the observation's provenance columns.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from ..study.errors import InputErrors, StudyInputError
from ..study.vocabulary import COUNT, MEASURES, MISSING, SEK, SHARE, STATUSES

_CHECK_MESSAGES = {
    "greater_than_or_equal_to(0)": "får inte vara negativt",
    "share_at_most_one": "en andel kan inte vara över 100 %",
    "counts_are_whole": "ett antal måste vara ett heltal",
    "missing_iff_saknas": "värde och status går inte ihop (tomt värde måste ha status 'saknas')",
    "period_ordered": "periodens slut ligger före dess start",
}


def observation_schema(codes: list[str], key: tuple[str, ...] = ()) -> pa.DataFrameSchema:
    """Tidy observations: one value per measure, municipality and period, with its source cell."""
    return pa.DataFrameSchema(
        {
            "measure": pa.Column(str, pa.Check.isin(list(MEASURES))),
            "municipality": pa.Column(str, pa.Check.isin(codes)),
            "period_start": pa.Column(object),
            "period_end": pa.Column(object),
            "value": pa.Column(float, pa.Check.ge(0), nullable=True),
            "unit": pa.Column(str, pa.Check.isin([COUNT, SHARE, SEK])),
            "status": pa.Column(str, pa.Check.isin(list(STATUSES))),
            "file": pa.Column(str),
            "row": pa.Column(int, pa.Check.ge(2)),
            "column": pa.Column(str),
        },
        checks=[
            pa.Check(
                lambda df: ~((df["unit"] == SHARE) & (df["value"] > 1)), name="share_at_most_one", element_wise=False
            ),
            pa.Check(
                lambda df: ~((df["unit"] == COUNT) & df["value"].notna() & (df["value"] % 1 != 0)),
                name="counts_are_whole",
            ),
            pa.Check(lambda df: df["value"].isna() == (df["status"] == MISSING), name="missing_iff_saknas"),
            pa.Check(lambda df: df["period_start"] <= df["period_end"], name="period_ordered"),
        ],
        unique=["measure", "municipality", "period_start", "period_end", *key],
        strict=False,
        coerce=False,
    )


def validate_observations(frame: pd.DataFrame, codes: list[str], key: tuple[str, ...] = ()) -> pd.DataFrame:
    """The frame if valid; otherwise every failing cell as one InputErrors (file, row, column each).

    `key` names columns beyond measure, municipality and period that tell observations apart.
    """
    try:
        return observation_schema(codes, key).validate(frame, lazy=True)
    except SchemaErrors as exc:
        raise InputErrors(_as_input_errors(exc.failure_cases, frame)) from None


def _as_input_errors(cases: pd.DataFrame, frame: pd.DataFrame) -> list[StudyInputError]:
    errors, seen = [], set()
    for case in cases.itertuples():
        index = case.index
        if pd.isna(index) or index not in frame.index:
            errors.append(StudyInputError(f"tabellen bryter mot schemat ({case.check})"))
            continue
        source = frame.loc[index]
        check = str(case.check)
        column = case.column if isinstance(case.column, str) and case.column in frame.columns else None
        message = _CHECK_MESSAGES.get(check)
        if message is None and ("unique" in check.lower() or "duplicate" in check.lower()):
            message = "samma mått, kommun och period finns två gånger (dubblett)"
        elif message is None and check.startswith("isin") and column:
            message = f"{column}: värdet {case.failure_case!r} är inte tillåtet här"
        message = message or f"bryter mot kontrollen {check}"
        key = (source["file"], source["row"], source["column"], message)
        if key not in seen:
            seen.add(key)
            errors.append(
                StudyInputError(
                    f"{message} (publicerat: {source.get('published', '')!r})",
                    file=source["file"],
                    row=int(source["row"]),
                    column=source["column"],
                )
            )
    return errors
