"""What a study is: its params, paths, words (every label and status), errors and the declaration of its steps.

The lowest layer: it imports nothing else of the study."""
