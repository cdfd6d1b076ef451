"""lifetimes 0.11.3 on a log made by `cvm generate`, for the agreement test on generated data.

    cvm generate --customers 3000 --seed 7 --out Tests/Fixtures/generated_3k.csv
    python lifetimes_generated.py Tests/Fixtures/generated_3k.csv Tests/Fixtures/lifetimes_generated_3k.csv

Writes per customer: the daily summary (frequency, recency, T, monetary_value), BG/NBD P(alive)
and conditional expected purchases in 30 days at lifetimes' fitted parameters, Gamma-Gamma
expected average spend; the fitted parameters go in the first row's extra columns.
"""
import sys

import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data

tx = pd.read_csv(sys.argv[1], dtype={"customer_id": str})
s = summary_data_from_transaction_data(tx, "customer_id", "date", monetary_value_col="amount", freq="D")
bg = BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])
rep = s[(s["frequency"] > 0) & (s["monetary_value"] > 0)]
gg = GammaGammaFitter().fit(rep["frequency"], rep["monetary_value"])
s["p_alive"] = bg.conditional_probability_alive(s["frequency"], s["recency"], s["T"])
s["expected_30"] = bg.conditional_expected_number_of_purchases_up_to_time(30, s["frequency"], s["recency"], s["T"])
s["expected_spend"] = gg.conditional_expected_average_profit(s["frequency"], s["monetary_value"])
out = s.reset_index()
out["customer_id"] = out["customer_id"].astype(int)
out = out.sort_values("customer_id")
for name in ["r", "alpha", "a", "b"]:
    out[name] = bg.params_[name]
for name in ["p", "q", "v"]:
    out["gg_" + name] = gg.params_[name]
out.to_csv(sys.argv[2], index=False, float_format="%.17g")
