"""A delivery left empty is no delivery: it stops the run saying how to declare it in params, and a delivery
params declare not made must not hold figures that would then be silently left out."""

from __future__ import annotations

import pytest
import yaml

from collabstudy.cleaning import deliveries
from collabstudy.study.errors import StudyInputError

MONTHLY = "statistics/svedala-avslut-arbete-studier-per-manad.csv"
YEARLY = "statistics/svedala-statistik-per-ar.csv"


def _stop(study) -> StudyInputError:
    with pytest.raises(StudyInputError) as caught:
        deliveries.check_deliveries(study.load())
    return caught.value


def _empty(path, labels: int) -> None:
    """The file as a template is written: its header and first `labels` column(s) only, every value blank."""
    lines = path.read_text(encoding="utf-8").splitlines()
    width = lines[0].count(";")
    blanked = [";".join(line.split(";")[:labels]) + ";" * (width - labels + 1) for line in lines[1:]]
    path.write_text("\n".join([lines[0], *blanked]) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("relative", "delivery"), [(MONTHLY, "monthly_closures"), (YEARLY, "yearly")])
def test_an_untouched_template_stops_saying_how_to_declare_it(study, relative, delivery):
    _empty(study.raw(relative), 1)
    stop = _stop(study)
    said = str(stop)
    assert stop.file.endswith(relative.split("/")[-1])
    assert "ingen cell är ifylld" in said and "Svedala" in said
    assert f"not_delivered:\n  - delivery: {delivery}\n    municipality: S" in said


def test_an_untouched_template_declared_not_delivered_is_not_read(study):
    _empty(study.raw(MONTHLY), 1)
    raw = yaml.safe_load(study.params_file.read_text(encoding="utf-8"))
    raw["not_delivered"] = [{"delivery": "monthly_closures", "municipality": "S", "reason": "Systembyte"}]
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    tables = deliveries.check_deliveries(study.load())
    assert tables.monthly_closures.empty or "S" not in set(tables.monthly_closures["municipality"])


def test_a_filled_file_declared_not_delivered_stops_at_its_first_value(study):
    raw = yaml.safe_load(study.params_file.read_text(encoding="utf-8"))
    raw["not_delivered"] = [{"delivery": "yearly", "municipality": "S", "reason": "Kommer i mars"}]
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    stop = _stop(study)
    assert stop.file.endswith("svedala-statistik-per-ar.csv")
    assert (stop.row, stop.column) == (2, "2019")
    assert "not_delivered" in str(stop) and "Svedala" in str(stop)
