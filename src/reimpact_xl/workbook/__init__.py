"""The municipality workbook (XlsxWriter), built from the schema: sheets, cells, cover, counts, print setup, formats."""
