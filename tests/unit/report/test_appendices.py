"""What appendix D shows of the study's settings and raw files passes the anonymity check."""

from __future__ import annotations

import yaml

from collabstudy.privacy.study import study_redactor
from collabstudy.report.appendices import params_text, provenance_tables


def test_the_settings_are_the_parsed_values_without_comments_or_denied_names(study) -> None:
    study.replace_in(
        study.params_file,
        "  title:",
        "  # Kontakt: Anna Lindqvist, 070-123 45 67, anna.lindqvist@svedala.se\n  title:",
    )
    study.replace_in(study.params_file, "deny: [Micke]", "deny: [Micke, Zorro]")
    params = study.load()
    shown = params_text(params, study_redactor(params, "").redact)
    assert "Kontakt" not in shown and "070" not in shown and "anna.lindqvist" not in shown and "#" not in shown
    assert "Micke" not in shown and "Zorro" not in shown
    settings = yaml.safe_load(shown)
    assert settings["survey"]["names"]["deny"] == ["[namn]", "[namn]"]
    assert settings["study"]["title"] == params.values.study.title


def test_a_text_value_with_a_name_is_redacted(study) -> None:
    params = study.load()
    study.replace_in(study.params_file, f'title: "{params.values.study.title}"', "title: Utvärdering av Maria Nyström")
    params = study.load()
    assert "title: Utvärdering av [namn] [namn]" in params_text(params, study_redactor(params, "").redact)


def test_a_raw_file_named_after_a_person_is_listed_redacted(study) -> None:
    params = study.load()
    codebook = params.delivery("survey_codebook")
    renamed = codebook.path.with_name("intervju-anna-lindqvist.csv")
    codebook.path.rename(renamed)
    study.replace_in(study.params_file, codebook.entry.path, str(renamed.relative_to(study.root)))
    params = study.load()
    _, checksums = provenance_tables(params, study_redactor(params, "").redact)
    text = checksums.to_html() if hasattr(checksums, "to_html") else str(checksums)
    assert "anna" not in text.lower() and "lindqvist" not in text.lower()
    assert "survey/[namn].csv" in text
