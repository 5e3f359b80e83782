"""The coordinator's Excel master: settings, tables, VBA project, the Lite flavour, xl.py (the only xlwings import)."""
