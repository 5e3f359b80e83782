"""Renderers of the regional picture: the regional workbook, the report (Jinja2), feedback, charts; run.py runs them."""
