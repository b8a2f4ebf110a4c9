"""Contracts, no logic: the artifacts gathering produces, the bundle other tools read, the indicator table's shape."""
