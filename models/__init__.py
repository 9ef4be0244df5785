"""Dramatis domain layer: documents, analysis, storage, import and export (no Qt)."""
