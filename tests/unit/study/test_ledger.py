"""collabstudy.study.ledger and params not_delivered: what each municipality delivered, declared not to
have delivered (with its reason), or is not part of the study; and the params checks of a declaration."""

from __future__ import annotations

import pytest
import yaml

from collabstudy.study.errors import ParamsError
from collabstudy.study.ledger import DELIVERED, NOT_DELIVERED, NOT_IN_STUDY, delivery_ledger


def declare(study, *entries: dict) -> None:
    raw = yaml.safe_load(study.params_file.read_text(encoding="utf-8"))
    raw["not_delivered"] = list(entries)
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def status(ledger, delivery: str, code: str | None) -> tuple[str, object]:
    rows = ledger[(ledger["delivery"] == delivery) & (ledger["municipality"].fillna("") == (code or ""))]
    assert len(rows) == 1
    reason = rows["reason"].iloc[0]
    return rows["status"].iloc[0], reason if isinstance(reason, str) else None


def test_every_delivery_of_every_municipality_has_one_row(published):
    ledger = delivery_ledger(published)
    assert status(ledger, "monthly_closures", "S") == (DELIVERED, None)
    # the 2023 study has no monthly or yearly statistics for Trelleborg, and params do not say why
    assert status(ledger, "monthly_closures", "T") == (NOT_IN_STUDY, None)
    assert status(ledger, "yearly", "T") == (NOT_IN_STUDY, None)
    assert status(ledger, "rolling_12m", None) == (DELIVERED, None)


def test_a_declared_delivery_is_not_read_and_its_reason_kept(study):
    declare(study, {"delivery": "monthly_closures", "municipality": "S", "reason": "Systembyte under hösten"})
    params = study.load()
    assert params.deliveries("monthly_closures") == []
    assert [d.municipality for d in params.declared_files("monthly_closures")] == ["S"]
    assert params.not_delivered("monthly_closures") == [("S", "Systembyte under hösten")]
    assert status(delivery_ledger(params), "monthly_closures", "S") == (NOT_DELIVERED, "Systembyte under hösten")
    assert status(delivery_ledger(params), "yearly", "S") == (DELIVERED, None)


@pytest.mark.parametrize(
    ("entries", "key", "problem"),
    [
        ([{"delivery": "yearly", "municipality": "X", "reason": "Ingen"}], "not_delivered[0].municipality", "X"),
        (
            [{"delivery": "yearly", "municipality": "T", "reason": "Sent"} for _ in range(2)],
            "not_delivered[1]",
            "två gånger",
        ),
        (
            [{"delivery": "baseline", "municipality": "T", "reason": "Sent"}],
            "not_delivered[0].delivery",
            "tillåtna värdena",
        ),
        ([{"delivery": "yearly", "municipality": "T"}], "not_delivered[0].reason", ""),
    ],
)
def test_a_declaration_is_checked_naming_its_key(study, entries, key, problem):
    declare(study, *entries)
    with pytest.raises(ParamsError) as info:
        study.load()
    assert info.value.key == key, str(info.value)
    assert problem in str(info.value)
