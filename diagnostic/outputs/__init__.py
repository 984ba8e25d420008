"""The outputs stage: the report in words, charts, text, CSV, PDF, Word, tables."""
