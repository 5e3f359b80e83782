"""Reading a submission (the only code that opens one): safety caps, sheet recognition, normalisation, the reader."""
