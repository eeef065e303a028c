"""The region's periodic report (PDF and XLSX, Czech or English) and the tables' spreadsheet form."""
