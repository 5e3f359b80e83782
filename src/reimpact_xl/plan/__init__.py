"""The plan at the centre (pure, stdlib and schema only): Plan and Table, issues, periods, indicators, risks."""
