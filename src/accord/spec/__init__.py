"""The spec language: models, strict loading, validation and the JSON Schema."""
