"""Templates that carry what deliverers need to say (issue 25): each yearly value's mark (säker/osäker/saknas)
and remark, read into the states the published study's own notation gives; the baseline prefilled from the
previous evaluation; an empty baseline stopped in step 01 naming its cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from corpus.follow_up import fill_all, marked

from collabstudy.cleaning import deliveries
from collabstudy.cleaning import statistics_readers as readers
from collabstudy.outcomes.yearly import trend_between_solid_years, year_on_year, yearly_levels
from collabstudy.runner import scaffold
from collabstudy.runner.scaffold.templates import baseline_template, yearly_template
from collabstudy.study.errors import StudyInputError
from collabstudy.study.params import load_params
from collabstudy.study.vocabulary import MISSING, OK, UNCERTAIN, WARNING

NAME = "uppfoljning-2024"
YEARLY = "svedala-statistik-per-ar.xlsx"
BASELINE = "basar-2019.xlsx"


def _params(project: Path):
    return load_params(project / "params" / f"{NAME}.yaml", project)


def _edit(project: Path, created, file: str, edit) -> None:
    path = project / created.plan.path(file)
    book = openpyxl.load_workbook(path)
    edit(book[scaffold.DATA_SHEET])
    book.save(path)


def _cell(yearly, measure: str, year: int):
    found = yearly[(yearly["municipality"] == "S") & (yearly["measure"] == measure)]
    return found[found["period_start"].map(lambda d: d.year) == year].iloc[0]


def _stop(project: Path) -> StudyInputError:
    with pytest.raises(StudyInputError) as caught:
        deliveries.check_deliveries(_params(project))
    return caught.value


# --- the yearly template's marks and remarks ------------------------------------------------------


def test_each_year_has_a_mark_chosen_from_a_list_and_a_remark(created, project):
    sheet = openpyxl.load_workbook(project / created.plan.path(YEARLY))[scaffold.DATA_SHEET]
    assert [c.value for c in sheet[1]][1:4] == [2019, "Markering 2019", "Anmärkning 2019"]
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert rules["C2:C5"].type == "list" and rules["C2:C5"].formula1 == '"säker,osäker,saknas"'
    assert rules["B2:B5"].type == "whole"
    assert "D2:D5" not in rules  # the remark is free text
    notes = " ".join(
        str(c.value) for c in openpyxl.load_workbook(project / created.plan.path(YEARLY))["Instruktion"]["A"]
    )
    assert "används aldrig" in notes and "tom värdecell utan markering räknas som saknad" in notes


def test_marked_values_read_into_the_published_studys_states_with_their_remarks(created, project):
    fill_all(project, created.plan)  # Svedala 2021: households 'osäker', enrolled 'saknas', both 'Statistik i 2 system'
    yearly = readers.read_yearly(_params(project))
    uncertain, missing, plain = (
        _cell(yearly, "households", 2021),
        _cell(yearly, "enrolled", 2021),
        _cell(yearly, "households", 2020),
    )
    assert (uncertain["status"], uncertain["value"], uncertain["remark"]) == (UNCERTAIN, 254, "Statistik i 2 system")
    assert (missing["status"], missing["remark"]) == (MISSING, "Statistik i 2 system") and missing["value"] != 0
    assert (plain["status"], plain["remark"]) == (OK, "")
    assert uncertain["published"] == "254; markering osäker; anmärkning ”Statistik i 2 system”"
    trelleborg = yearly[yearly["municipality"] == "T"]
    assert set(trelleborg["status"]) == {OK}  # nothing marked there


def test_the_same_states_as_the_source_notation_gives(study):
    """The published study's '(252) Statistik i 2 system' and 'Oklart Statistik i 2 system' (old format, no mark
    columns) read as before: the marks give the very same states."""
    yearly = readers.read_yearly(study.load())
    uncertain, missing = _cell(yearly, "households", 2021), _cell(yearly, "enrolled", 2021)
    assert (uncertain["status"], uncertain["value"], uncertain["remark"]) == (UNCERTAIN, 252, "Statistik i 2 system")
    assert (missing["status"], missing["remark"]) == (MISSING, "Statistik i 2 system")


def test_an_uncertain_value_is_never_used_in_a_trend(created, project):
    fill_all(project, created.plan)
    levels = yearly_levels(readers.read_yearly(_params(project)))
    svedala = levels[levels["municipality"] == "S"]
    trend = trend_between_solid_years(svedala, "households")
    assert (trend["first"], trend["last"], trend["left_out"]) == (2019, 2023, [2021])
    changes = year_on_year(svedala)
    into_2021 = changes[(changes["measure"] == "households") & (changes["to_year"] == 2021)].iloc[0]
    assert into_2021["status"] == UNCERTAIN and not into_2021["usable_for_trend"]
    unmarked = trend_between_solid_years(levels[levels["municipality"] == "T"], "households")
    assert unmarked["left_out"] == []  # going the other way: without a mark every year counts


def test_a_marked_value_is_logged_as_the_delivery_marks_it(created, project):
    fill_all(project, created.plan)
    params = _params(project)
    log = deliveries.run_checks(deliveries.check_deliveries(params), params)
    found = log[(log["check"] == "markering: osäkert värde") & log["file"].str.endswith(YEARLY)]
    assert len(found) == 1 and (found["row"].iloc[0], found["column"].iloc[0]) == (2, "2021")
    assert found["severity"].iloc[0] == WARNING
    assert found["problem"].iloc[0].startswith("Leveransen markerar värdet som osäkert.")
    assert "Statistik i 2 system" in found["problem"].iloc[0] and "parentes" not in found["problem"].iloc[0]
    missing = log[(log["check"] == "markering: värde saknas") & log["file"].str.endswith(YEARLY)]
    assert list(missing["column"]) == ["2021"]


def test_a_remark_without_a_mark_keeps_the_value_certain(created, project):
    fill_all(project, created.plan)
    _edit(project, created, YEARLY, lambda s: s.__setitem__("D3", "unika individer"))  # Anmärkning 2019, individuals
    cell = _cell(readers.read_yearly(_params(project)), "individuals_fa", 2019)
    assert (cell["status"], cell["value"], cell["remark"]) == (OK, 252, "unika individer")


@pytest.mark.parametrize(
    ("edit", "column", "said"),
    [
        (lambda s: marked(s, "households", 2020, "osäker", "") or s.__setitem__("E2", None), "Markering 2020",
         "markeringen är ”osäker” men kolumn '2020' har inget värde"),
        (lambda s: s.__setitem__("F2", "saknas"), "Markering 2020", "markeringen är ”saknas” men kolumn '2020' har värdet '253'"),
        (lambda s: s.__setitem__("F2", "kanske"), "Markering 2020", "okänd markering 'kanske'; välj säker, osäker, saknas"),
        (lambda s: s.__setitem__("F2", "säker") or s.__setitem__("E2", "(253)"), "Markering 2020",
         "markeringen är ”säker” men värdet '(253)'"),
        (lambda s: s.cell(row=1, column=17, value="Markering 2024"), "Markering 2024", "ingen årskolumn 2024"),
    ],
)  # fmt: skip
def test_a_mark_that_contradicts_its_value_stops_naming_the_cell(created, project, edit, column, said):
    fill_all(project, created.plan)
    _edit(project, created, YEARLY, edit)
    stop = _stop(project)
    assert said in str(stop) and stop.file.endswith(YEARLY) and stop.column == column
    assert str(stop).startswith("Fel i indata")


def test_a_mark_is_read_whatever_its_case_and_spaces(created, project):
    fill_all(project, created.plan)
    _edit(project, created, YEARLY, lambda s: s.__setitem__("F2", " Osäker "))
    assert _cell(readers.read_yearly(_params(project)), "households", 2020)["status"] == UNCERTAIN


def test_an_old_format_template_without_mark_columns_still_reads(created, project):
    fill_all(project, created.plan)
    path = project / created.plan.path(YEARLY)
    book = openpyxl.load_workbook(path)
    sheet = book[scaffold.DATA_SHEET]
    for column in sorted((c.column for c in sheet[1] if not isinstance(c.value, int) and c.column > 1), reverse=True):
        sheet.delete_cols(column)
    sheet["D2"] = "(254) Statistik i 2 system"  # the source's notation, typed in
    book.save(path)
    assert [c.value for c in sheet[1]][1:] == list(range(2019, 2024))
    yearly = readers.read_yearly(_params(project))
    assert (_cell(yearly, "households", 2021)["status"], _cell(yearly, "households", 2021)["value"]) == (UNCERTAIN, 254)
    assert _cell(yearly, "enrolled", 2021)["status"] == MISSING  # left empty: missing, as before the marks


def test_an_untouched_yearly_template_still_stops_and_marks_alone_count_as_filled(created, project):
    fill_all(project, created.plan)
    scaffold.workbook(yearly_template(created.plan, "S")).save(project / created.plan.path(YEARLY))
    stop = _stop(project)
    assert "ingen cell är ifylld" in str(stop) and "not_delivered:" in str(stop)

    def all_missing(sheet):
        for year in range(2019, 2024):
            for measure in ("households", "individuals_fa", "enrolled", "fa_paid"):
                marked(sheet, measure, year, "saknas", "Systembyte")

    _edit(project, created, YEARLY, all_missing)
    yearly = readers.read_yearly(_params(project))
    assert set(yearly.loc[yearly["municipality"] == "S", "status"]) == {MISSING}


# --- the baseline: prefilled from the previous evaluation, never empty ----------------------------


def test_the_baseline_template_is_prefilled_from_the_previous_evaluation(created, project):
    sheet = openpyxl.load_workbook(project / created.plan.path(BASELINE))[scaffold.DATA_SHEET]
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True) if any(r)]
    assert [r[:5] for r in rows] == [
        ["Svedala", 2019, "23%", None, "Huvudsiffra"],
        ["Trelleborg", 2019, "34%", None, "Huvudsiffra"],
        ["Svedala", 2019, "16%", None, "Alternativ"],
    ]
    assert rows[2][5].startswith("Exklusive ekonomiskt bistånd och arbetsmarknadsinsatser för flyktingar")
    notes = [str(c.value) for c in openpyxl.load_workbook(project / created.plan.path(BASELINE))["Instruktion"]["A"]]
    assert any("förra utvärderingens uppgifter (params/svedala-trelleborg-2023.yaml): kontrollera" in n for n in notes)
    assert any("En tom andel stoppar körningen" in n for n in notes)


def test_a_prefilled_baseline_left_as_it_is_reads_as_the_previous_one(created, project, study):
    fill_all(project, created.plan)
    scaffold.workbook(baseline_template(created.plan)).save(project / created.plan.path(BASELINE))
    columns = ["municipality", "variant", "value", "remark"]
    now = readers.read_baseline(_params(project))[columns]
    before = readers.read_baseline(study.load())[columns]
    assert now.equals(before)


def test_without_a_previous_baseline_the_template_has_empty_shares(created, project):
    (project / "data" / "raw" / "statistics" / "basar-2019.csv").unlink()
    template = baseline_template(created.plan)
    assert [r[:3] for r in template.rows] == [["Svedala", 2019, None], ["Trelleborg", 2019, None]]
    assert any("Skriv samma uppgifter som i förra utvärderingen" in line for line in template.instructions)


def _clear_shares(sheet):
    for row in sheet.iter_rows(min_row=2):
        row[2].value = None


def test_an_empty_baseline_stops_in_step_01_naming_file_row_and_column(created, project):
    fill_all(project, created.plan)
    _edit(project, created, BASELINE, _clear_shares)
    stop = _stop(project)
    said = str(stop)
    assert stop.file.endswith(BASELINE) and (stop.row, stop.column) == (2, "Andel i arbete/studier")
    assert "andelen saknas för Svedala (”Huvudsiffra”)" in said
    assert "params/svedala-trelleborg-2023.yaml" in said and "t.ex. 23%" in said
    assert "not_delivered" not in said and "NaN" not in said  # a baseline cannot be declared not delivered


def test_an_alternative_without_a_share_says_to_fill_it_or_remove_the_row(created, project):
    fill_all(project, created.plan)
    _edit(project, created, BASELINE, lambda s: s.__setitem__("C4", None))
    stop = _stop(project)
    assert (stop.row, stop.column) == (4, "Andel i arbete/studier")
    assert "ta bort raden" in str(stop) and "”Alternativ”" in str(stop)


def test_a_baseline_with_no_rows_stops_naming_the_file(created, project):
    fill_all(project, created.plan)
    _edit(project, created, BASELINE, lambda s: s.delete_rows(2, s.max_row))
    stop = _stop(project)
    assert stop.file.endswith(BASELINE) and "inga datarader" in str(stop)


def test_a_filled_baseline_reads_its_new_figures(created, project):
    fill_all(project, created.plan)
    _edit(project, created, BASELINE, lambda s: s.__setitem__("C2", "25%"))
    baseline = readers.read_baseline(_params(project)).set_index(["municipality", "variant"])["value"]
    assert baseline[("S", "main")] == pytest.approx(0.25) and baseline[("T", "main")] == pytest.approx(0.34)
