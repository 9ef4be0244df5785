"""Turning files into reading text: one loader per format behind `load_document`."""

from models.loaders.registry import load_document

__all__ = ["load_document"]
