"""Helpers for the reproducible study of the Svedala–Trelleborg collaboration."""
