"""The clerk's workbench."""
