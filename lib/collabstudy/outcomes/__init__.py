"""Step 02, outcomes against the goal and the baseline: shares, the gap, the monthly and yearly series, the
scenario; and their tables, sentences, charts and registry records."""
