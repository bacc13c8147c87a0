"""Step 01, data cleaning: one reader per delivery, the schemas, the consistency checks and their ledger."""
