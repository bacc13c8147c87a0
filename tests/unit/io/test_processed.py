"""The processed-table store (collabstudy.io.processed): a table as a later step reads it back."""

import datetime as dt
import pickle

import pandas as pd

from collabstudy.io.processed import as_written, read_table, write_tables


def _outcome_tables() -> dict[str, pd.DataFrame]:
    shares = pd.DataFrame(
        {
            "municipality": ["NA", "EK"],  # a code that reads as missing to pandas' defaults
            "share": [0.1 + 0.2, 1 / 3],
            "footnote": [None, None],  # an all-empty column: object in memory, float once read back
            "period_start": [dt.date(2023, 1, 1), pd.Timestamp("2023-02-01")],
            "count": [3, 4],
        }
    )
    return {"outcome_shares": shares, "yearly_levels": shares.iloc[[1]]}


def test_a_table_as_written_is_the_table_a_later_step_reads_back(tmp_path) -> None:
    tables = _outcome_tables()
    write_tables(tmp_path, "02_outcomes", tables)
    for name, frame in tables.items():
        again = read_table(tmp_path, name)
        pd.testing.assert_frame_equal(as_written(frame), again)
        # the same bytes, as a kept chart's key compares its arguments (collabstudy.present.figures)
        assert pickle.dumps(as_written(frame), protocol=5) == pickle.dumps(again, protocol=5)


def test_as_written_gives_the_types_csv_gives_not_those_in_memory() -> None:
    shares = _outcome_tables()["outcome_shares"]
    written = as_written(shares)
    assert shares["footnote"].dtype == object and written["footnote"].dtype == float
    assert list(written["period_start"]) == [dt.date(2023, 1, 1), dt.date(2023, 2, 1)]
    assert list(written["municipality"]) == ["NA", "EK"] and written["share"][0] == 0.1 + 0.2


def test_a_code_or_key_is_text_whatever_it_spells(tmp_path) -> None:
    # 'INF' alone in its column reads as infinity to pandas; 'NA' as missing (its defaults are off here)
    levels = pd.DataFrame({"municipality": ["INF", "INF"], "question": ["nan", "inf"], "value": [1.5, 2.0]})
    write_tables(tmp_path, "02_outcomes", {"yearly_levels": levels})
    again = read_table(tmp_path, "yearly_levels")
    assert list(again["municipality"]) == ["INF", "INF"] and list(again["question"]) == ["nan", "inf"]
    assert list(as_written(levels)["municipality"]) == ["INF", "INF"]
