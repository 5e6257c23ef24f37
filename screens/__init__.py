"""Textual screens and widgets for sessionkit: thin views over the core."""
