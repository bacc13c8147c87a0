"""A published report to reproduce (optional, params `published_report`): its text figures, footnotes,
published survey figures and printed quotes, read and checked against the study's deliveries, and the
reproduction table of every figure it publishes. A follow-up year from deliveries has none of this."""
