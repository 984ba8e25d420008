"""The content stage: strict YAML read into validated, cross-checked models."""
