"""Reference summary of the bundled CDNOW sample by lifetimes 0.11.3, for the exact-match test.

Run with the peer venv (shared/peer/run_bench.sh setup):
    python cdnow_summary_lifetimes.py Sources/CVMApp/Resources/samples/transactions.csv Tests/Fixtures/cdnow_summary_lifetimes_week_cal.csv \
        Tests/Fixtures/cdnow_summary_lifetimes_day_full.csv
Calibration end 1997-09-30, observation end = last transaction date, days grouped (freq='D'),
durations in weeks (freq_multiplier=7), as in the BTYD literature's 39-week calibration.
"""
import sys

import pandas as pd
from lifetimes.utils import calibration_and_holdout_data

tx = pd.read_csv(sys.argv[1], dtype={"customer_id": str})
out = calibration_and_holdout_data(tx, "customer_id", "date", calibration_period_end="1997-09-30",
                                   observation_period_end=tx["date"].max(), freq="D", freq_multiplier=7,
                                   monetary_value_col="amount")
out = out.reset_index()
out["customer_id"] = out["customer_id"].astype(int)
out = out.sort_values("customer_id")
out.to_csv(sys.argv[2], index=False, float_format="%.17g")

# Whole period in days, no calibration split: summary_data_from_transaction_data itself.
if len(sys.argv) > 3:
    from lifetimes.utils import summary_data_from_transaction_data
    full = summary_data_from_transaction_data(tx, "customer_id", "date", monetary_value_col="amount", freq="D")
    full = full.reset_index()
    full["customer_id"] = full["customer_id"].astype(int)
    full.sort_values("customer_id").to_csv(sys.argv[3], index=False, float_format="%.17g")
