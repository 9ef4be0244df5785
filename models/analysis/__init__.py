"""Automatic analysis: actors, events and time expressions from a spaCy parse."""
