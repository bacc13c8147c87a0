"""Step 04, the final document: findings from the registries, its prose, appendices and the reproduction table."""
