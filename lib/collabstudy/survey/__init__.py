"""Step 03, the survey: its respondent-level data, figures, tables, charts and registry records."""
