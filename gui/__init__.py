"""Dramatis widgets: everything that imports Qt lives here."""
