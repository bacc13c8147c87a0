"""Running the study: each step's notebook executed safely, exported, and its make dependencies."""
