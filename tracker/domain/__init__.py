"""Pure Python domain of tracker: the concepts and the rules. Never imports textual or SQL."""
