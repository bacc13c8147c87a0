"""Statistics: intervals, published figures against exact ones at their rounding, and the verdicts.

Every judgement a sentence makes (met, shown, up, most common) is decided here, once. This layer
never imports presentation or I/O."""
