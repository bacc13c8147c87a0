"""Anonymity: the personal-name detector, its name list, and the scan of every output."""
