"""collabstudy.study.params: the params file is loaded safely and validated; errors are Swedish and name the key."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from collabstudy.study.errors import ParamsError
from collabstudy.study.params import load_params

PARAMS_SHOWN = "params/svedala-trelleborg-2023.yaml"


def published_yaml(study) -> dict:
    """The params file as plain YAML, independently of the library's own loader."""
    return yaml.safe_load(study.params_file.read_text(encoding="utf-8"))


def load_error(study) -> ParamsError:
    """Load the (edited) study and return the ParamsError it must raise."""
    with pytest.raises(ParamsError) as info:
        study.load()
    assert str(info.value).startswith("Fel i indata")
    return info.value


# --- the published params ---------------------------------------------------------------------


def test_published_codes(study):
    expected = [m["code"] for m in published_yaml(study)["municipalities"]]
    assert expected == ["S", "T"]
    assert study.load().values.codes == expected


def test_published_names_and_codes_map_both_ways(study):
    values = study.load().values
    for entry in published_yaml(study)["municipalities"]:
        assert values.name_of(entry["code"]) == entry["name"]
        assert values.code_of(entry["name"]) == entry["code"]


def test_unknown_name_has_no_code(study):
    assert study.load().values.code_of("Malmö") is None


def test_published_goal(study):
    goal = published_yaml(study)["goal"]
    values = study.load().values
    assert (values.goal.municipality, values.goal.reference) == (goal["municipality"], goal["reference"])


def test_published_dates_are_dates(study):
    raw = published_yaml(study)
    values = study.load().values
    assert values.reporting_window.start == raw["reporting_window"]["start"]
    assert values.reporting_window.end == raw["reporting_window"]["end"]
    assert values.collaboration_start == raw["collaboration_start"]
    assert values.survey.sent == raw["survey"]["sent"]  # a date (YAML reads it as one): never a text or datetime


def test_published_numbers(study):
    raw = published_yaml(study)
    values = study.load().values
    assert values.baseline_year == raw["baseline_year"]
    assert values.survey.open_days == raw["survey"]["open_days"]


def test_study_id_is_file_stem(study):
    assert study.load().study_id == study.params_file.stem


def _entries(raw: dict) -> list[tuple[str, dict]]:
    """(key, entry) for every file of both layers, lists unfolded."""
    found = []
    for layer, files in (("raw_files", raw["raw_files"]), ("files", raw["published_report"]["files"])):
        for key, value in files.items():
            found += [(key, entry) for entry in (value if isinstance(value, list) else [value])]
    return found


def test_raw_paths_of_both_layers_resolve_to_existing_files_in_data(study):
    loaded = study.load()
    entries = _entries(published_yaml(study))
    assert {key for key, _ in entries} >= {"rolling_12m", "survey_export", "statements", "survey_quotes"}
    for key, entry in entries:
        found = {d.display: d.path for d in loaded.deliveries(key)}
        assert found[entry["path"]] == (study.root / entry["path"]).resolve()
        assert found[entry["path"]].is_file()


def test_a_study_without_a_published_report_has_no_report_files(study):
    raw = published_yaml(study)
    del raw["published_report"]
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    loaded = study.load()
    assert loaded.published is None
    assert loaded.deliveries("statements") == [] and loaded.delivery("survey_quotes") is None
    assert loaded.delivery("rolling_12m").path.is_file()


def test_report_files_are_not_delivery_keys(study):
    raw = published_yaml(study)
    raw["raw_files"]["statements"] = dict(raw["published_report"]["files"]["statements"])  # a copy: no YAML alias
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    exc = load_error(study)
    assert exc.key == "raw_files.statements" and "okänd nyckel" in str(exc)


def test_monthly_closures_may_come_for_both_municipalities(study):
    raw = published_yaml(study)
    only = raw["raw_files"]["monthly_closures"][0]
    raw["raw_files"]["monthly_closures"] = [only, {"path": only["path"], "municipality": "T"}]
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert [d.municipality for d in study.load().deliveries("monthly_closures")] == ["S", "T"]


@pytest.mark.parametrize(
    "second, problem, key",
    [
        ({"municipality": "S"}, "samma kommun", "raw_files.monthly_closures"),
        ({}, "ange kommunen", "raw_files.monthly_closures"),
    ],
)
def test_monthly_files_each_name_a_municipality_once(study, second, problem, key):
    raw = published_yaml(study)
    only = raw["raw_files"]["monthly_closures"][0]
    raw["raw_files"]["monthly_closures"] = [only, {"path": only["path"], **second}]
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    exc = load_error(study)
    assert exc.key == key and problem in str(exc)


def test_one_monthly_file_may_be_written_without_a_list(study):
    raw = published_yaml(study)
    raw["raw_files"]["monthly_closures"] = raw["raw_files"]["monthly_closures"][0]
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert len(study.load().deliveries("monthly_closures")) == 1


def test_previous_evaluations_are_params_files_that_exist(study):
    raw = published_yaml(study)
    raw["previous_evaluations"] = ["params/uppfoljning-2022.yaml"]
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    exc = load_error(study)
    assert exc.key == "previous_evaluations[0]" and "finns inte" in str(exc)


def test_a_study_is_not_its_own_previous_evaluation(study):
    raw = published_yaml(study)
    raw["previous_evaluations"] = [PARAMS_SHOWN]
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert "sin egen" in str(load_error(study))


def test_previous_evaluation_found(study):
    raw = published_yaml(study)
    earlier = study.root / "params" / "tidigare.yaml"
    earlier.write_text(study.params_file.read_text(encoding="utf-8"), encoding="utf-8")
    raw["previous_evaluations"] = ["params/tidigare.yaml"]
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert study.load().previous() == [earlier.resolve()]


def test_published_params_of_the_project_itself(published):
    assert published.values.codes == ["S", "T"]


def test_params_path_relative_to_root(study):
    loaded = load_params("params/" + study.params_file.name, study.root)
    assert loaded.file == study.params_file.resolve()


# --- wrong keys and values --------------------------------------------------------------------


def test_unknown_key_named(study):
    study.replace_in(study.params_file, "baseline_year:", "baseline_yera:")
    exc = load_error(study)
    assert exc.key == "baseline_yera"
    assert "okänd nyckel" in str(exc)
    assert exc.file == PARAMS_SHOWN


def test_unknown_key_also_mentions_the_missing_one(study):
    study.replace_in(study.params_file, "baseline_year:", "baseline_yera:")
    assert "baseline_year" in load_error(study).problem


def test_missing_key_named(study):
    study.replace_in(study.params_file, "  open_days: 16\n", "")
    exc = load_error(study)
    assert exc.key == "survey.open_days"
    assert "saknas" in str(exc)


def test_wrong_type_named(study):
    study.replace_in(study.params_file, "open_days: 16", "open_days: sexton")
    exc = load_error(study)
    assert exc.key == "survey.open_days"
    assert "heltal" in str(exc)
    assert "sexton" in str(exc)


def test_fractional_year_rejected(study):
    study.replace_in(study.params_file, "baseline_year: 2019", "baseline_year: 2019.5")
    assert load_error(study).key == "baseline_year"


def test_boolean_is_not_a_day_count(study):
    study.replace_in(study.params_file, "open_days: 16", "open_days: yes")
    assert load_error(study).key == "survey.open_days"


def test_zero_open_days_too_small(study):
    study.replace_in(study.params_file, "open_days: 16", "open_days: 0")
    exc = load_error(study)
    assert exc.key == "survey.open_days"
    assert "för litet" in str(exc)


def test_non_existent_date_named(study):
    end = published_yaml(study)["reporting_window"]["end"].isoformat()
    study.replace_in(study.params_file, f"end: {end}", "end: 2023-02-30")
    exc = load_error(study)
    assert exc.key == "reporting_window.end"
    assert "datum" in str(exc)
    assert "2023-02-30" in str(exc)


def test_swedish_written_date_rejected(study):
    study.replace_in(study.params_file, "sent: 2022-03-07", "sent: 7 mars 2022")
    exc = load_error(study)
    assert exc.key == "survey.sent"
    assert "datum" in str(exc)


def test_end_before_start_rejected(study):
    raw = published_yaml(study)["reporting_window"]
    before = (raw["start"] - dt.timedelta(days=1)).isoformat()
    study.replace_in(study.params_file, f"end: {raw['end'].isoformat()}", f"end: {before}")
    exc = load_error(study)
    assert exc.key == "reporting_window"
    assert "före" in str(exc)


def test_municipality_code_form_checked(study):
    study.replace_in(study.params_file, "code: T", "code: t")
    assert load_error(study).key == "municipalities[1].code"


# --- raw files --------------------------------------------------------------------------------


LAYER_FILES = [
    (("raw_files", "survey_codebook"), "raw_files.survey_codebook.path"),
    (("published_report", "files", "survey_fieldwork"), "published_report.files.survey_fieldwork.path"),
]


def _entry(study, where: tuple[str, ...]) -> dict:
    entry = published_yaml(study)
    for part in where:
        entry = entry[part]
    return entry


@pytest.mark.parametrize("where, key", LAYER_FILES)
def test_missing_raw_file_named(study, where, key):
    entry = _entry(study, where)
    (study.root / entry["path"]).unlink()
    exc = load_error(study)
    assert exc.key == key
    assert "finns inte" in str(exc)
    assert entry["path"] in str(exc)


@pytest.mark.parametrize("where, key", LAYER_FILES)
def test_raw_path_outside_data_rejected(study, where, key):
    entry = _entry(study, where)
    study.replace_in(study.params_file, f"path: {entry['path']}", "path: ../../etc/passwd")
    exc = load_error(study)
    assert exc.key == key
    assert "utanför" in str(exc)
    assert exc.file == PARAMS_SHOWN


@pytest.mark.parametrize("where, key", LAYER_FILES)
def test_raw_path_in_project_but_outside_data_rejected(study, where, key):
    entry = _entry(study, where)
    study.replace_in(study.params_file, f"path: {entry['path']}", f"path: {PARAMS_SHOWN}")
    exc = load_error(study)
    assert exc.key == key
    assert "utanför" in str(exc)


def test_raw_file_municipality_must_be_known(study):
    study.replace_in(study.params_file, "    municipality: S", "    municipality: X")
    exc = load_error(study)
    assert exc.key.startswith("raw_files.")
    assert exc.key.endswith(".municipality")


# --- cross-references -------------------------------------------------------------------------


def test_goal_reference_must_be_a_municipality(study):
    study.replace_in(study.params_file, "reference: T", "reference: X")
    exc = load_error(study)
    assert exc.key == "goal.reference"
    assert "'X'" in str(exc)


def test_goal_municipality_must_be_a_municipality(study):
    study.replace_in(study.params_file, "municipality: S\n  reference", "municipality: X\n  reference")
    assert load_error(study).key == "goal.municipality"


def test_goal_compares_two_different_municipalities(study):
    study.replace_in(study.params_file, "reference: T", "reference: S")
    assert load_error(study).key == "goal.reference"


def test_duplicate_municipality_codes_rejected(study):
    study.replace_in(study.params_file, "code: T", "code: S")
    exc = load_error(study)
    assert exc.key == "municipalities"
    assert "samma kod" in str(exc)


# --- the file itself --------------------------------------------------------------------------


def test_python_tag_refused_and_not_executed(study):
    marker = study.root / "pwned"
    study.params_file.write_text(f'!!python/object/apply:os.mkdir ["{marker}"]\n', encoding="utf-8")
    exc = load_error(study)
    assert "YAML" in str(exc)
    assert not marker.exists()


def _row_of(study, part: str) -> int:
    text = study.params_file.read_text(encoding="utf-8")
    return text[: text.index(part)].count("\n") + 1


def test_python_object_tag_inside_mapping_refused_naming_its_line(study):
    study.replace_in(
        study.params_file, "baseline_year: 2019", "baseline_year: !!python/object:collections.OrderedDict {}"
    )
    exc = load_error(study)
    assert "en YAML-tagg (!…) som parametrarna inte använder" in exc.problem
    assert exc.row == _row_of(study, "baseline_year: !!python")


def test_invalid_yaml_names_line(study):
    study.replace_in(study.params_file, "baseline_year: 2019", "baseline_year: 2019: 2020")
    exc = load_error(study)
    assert "filen är inte giltig YAML" in str(exc)
    assert exc.row == _row_of(study, "baseline_year: 2019: 2020")


def test_params_file_that_does_not_exist(study):
    with pytest.raises(ParamsError) as info:
        load_params(study.root / "params" / "finns-inte.yaml", study.root)
    assert "finns inte" in str(info.value)
    assert info.value.file == "params/finns-inte.yaml"


def test_params_file_outside_project_rejected(study, tmp_path):
    outside = tmp_path / "annan.yaml"
    outside.write_text(study.params_file.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ParamsError) as info:
        load_params(outside, study.root)
    assert "utanför" in str(info.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- S\n- T\n", "filen ska innehålla nycklar på översta nivån"),
        ("bara text\n", "filen ska innehålla nycklar på översta nivån"),
        ("", "parameterfilen är tom"),
    ],
    ids=["list", "scalar", "empty"],
)
def test_yaml_that_is_not_a_mapping(study, text, problem):
    study.params_file.write_text(text, encoding="utf-8")
    assert load_error(study).problem == problem


def test_a_key_written_twice_is_an_error_naming_it(study):
    study.replace_in(study.params_file, "baseline_year: 2019", "baseline_year: 2019\nbaseline_year: 2020")
    with pytest.raises(ParamsError, match="två gånger") as caught:
        study.load()
    assert caught.value.key == "baseline_year"


def _with_earlier(study, change) -> None:
    """This study with an earlier evaluation (a copy of it, the months from the collaboration's start to this
    period's, then `change`d)."""
    earlier = published_yaml(study)
    earlier["reporting_window"] = {"start": dt.date(2021, 9, 1), "end": dt.date(2022, 3, 31)}
    earlier.pop("previous_evaluations", None)
    change(earlier)
    (study.root / "params" / "tidigare.yaml").write_text(yaml.safe_dump(earlier, allow_unicode=True), encoding="utf-8")
    raw = published_yaml(study)
    raw["previous_evaluations"] = ["params/tidigare.yaml"]
    study.params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def test_an_earlier_evaluation_ends_before_this_period_starts(study):
    _with_earlier(
        study, lambda e: e.update(reporting_window={"start": dt.date(2022, 4, 1), "end": dt.date(2023, 3, 31)})
    )
    with pytest.raises(ParamsError, match="slutar inte före denna periods början") as exc:
        study.load().previous_studies()
    assert exc.value.key == "previous_evaluations[0]"


def test_an_earlier_evaluation_has_the_same_goal_municipalities(study):
    _with_earlier(study, lambda e: e["goal"].update(municipality="T", reference="S"))
    with pytest.raises(ParamsError, match="gäller Trelleborg mot Svedala"):
        study.load().previous_studies()


def test_earlier_evaluations_come_oldest_first(study):
    _with_earlier(study, lambda e: None)
    (earlier,) = study.load().previous_studies()
    assert earlier.values.reporting_window.end == dt.date(2022, 3, 31)


@pytest.mark.parametrize("target", ["outside", "data"])
def test_a_link_in_data_raw_that_leads_out_of_it_is_refused(study, tmp_path, target):
    # A file symlinked into data/raw/ ("intervju-….csv") from the analyst's home, or from elsewhere in data/.
    entry = _entry(study, LAYER_FILES[0][0])
    source = study.root / entry["path"]
    elsewhere = (tmp_path / "hemma" if target == "outside" else study.root / "data" / "annat") / source.name
    elsewhere.parent.mkdir(parents=True)
    source.rename(elsewhere)
    source.symlink_to(elsewhere)
    exc = load_error(study)
    assert exc.key == LAYER_FILES[0][1]
    assert "är en länk som pekar utanför mappen data/raw" in str(exc) and "kopiera in filen" in str(exc)


def test_a_link_inside_data_raw_is_read(study):
    entry = _entry(study, LAYER_FILES[0][0])
    source = study.root / entry["path"]
    moved = source.parent / f"original-{source.name}"
    source.rename(moved)
    source.symlink_to(moved)
    study.load()


@pytest.mark.parametrize(
    ("old", "new", "key", "form"),
    [
        ("    code: S\n", "    code: Sv\n", "municipalities[0].code", "en kommunkod är 1–3 versaler"),
        ("      26/q6/230-236: roll", "      26/q6/230: roll", "survey.names.review.26/q6/230", "en plats skrivs"),
        (
            "      26/q6/230-236: roll",
            "      026/q6/230-236: roll",
            "survey.names.review.026/q6/230-236",
            "utan inledande",
        ),
        (
            "      26/q6/230-236: roll",
            "      26/q6/0230-236: roll",
            "survey.names.review.26/q6/0230-236",
            "utan inledande",
        ),
    ],
)
def test_a_value_of_the_wrong_form_says_the_form_its_key_asks_for(study, old, new, key, form):
    # each pattern has its own words (a review place was once told it was no municipality code)
    study.replace_in(study.params_file, old, new)
    with pytest.raises(ParamsError) as caught:
        study.load()
    assert caught.value.key == key
    assert "har fel form (" in str(caught.value) and form in str(caught.value)
    assert "kommunkod" not in str(caught.value) or "kommunkod" in form


def test_every_pattern_of_the_params_file_has_its_form_in_swedish():
    from collabstudy.study.params import StudyParams
    from collabstudy.study.params_yaml import PATTERN_FORMS

    def patterns(node):
        if isinstance(node, dict):
            yield from ([node["pattern"]] if isinstance(node.get("pattern"), str) else [])
            for value in node.values():
                yield from patterns(value)
        elif isinstance(node, list):
            for value in node:
                yield from patterns(value)

    found = set(patterns(StudyParams.model_json_schema()))
    assert len(found) >= 3 and found <= PATTERN_FORMS.keys()  # a dict key's (a review place) is not in the schema
