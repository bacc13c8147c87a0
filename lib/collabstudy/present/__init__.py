"""Presentation: Swedish number style, tables, figures, interactive tables and the HTML finishing.

Presentation formats what the other layers computed; it never computes a statistic."""
