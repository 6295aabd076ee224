"""The shared framework every app builds on: generic views, GOV.UK form rendering, the spreadsheet writer,
constraint answering, FilterSet and API bases. It imports no app of the register."""
