"""The findings bundle: assembled from a judgement, validated against the published schema, read back typed."""
