"""Reference values from lifetimes 0.11.3 for the model tests (not part of the product).

Run from the repository root with the peer venv (`bash ../shared/peer/run_bench.sh setup`):

    ~/.cache/cvm-peer-venv/bin/python Tests/Fixtures/scripts/lifetimes_reference.py

It fits BG/NBD, MBG/NBD and Gamma-Gamma on the shipped CDNOW summary (weeks) and writes
Tests/Fixtures/lifetimes_cdnow_reference.csv (per customer: P(alive) and the conditional expected
purchases in the next 52 weeks at lifetimes' fitted BG/NBD parameters, the MBG/NBD equivalents, the
Gamma-Gamma conditional expected average spend, and the 12-month CLV as lifetimes computes it, with
freq="W" and with the Quickstart's freq="D")
and Tests/Fixtures/lifetimes_cdnow_parameters.csv (the fitted parameters with all their digits).
"""
import os

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter, ModifiedBetaGeoFitter

here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.dirname(here)
data = pd.read_csv(os.path.join(fixtures, "cdnow_customers_summary_with_transactions.csv"))
x, tx, T, m = data["x"], data["t_x"], data["T"], data["zbar"]

bg = BetaGeoFitter().fit(x, tx, T, tol=1e-10)
mbg = ModifiedBetaGeoFitter().fit(x, tx, T, tol=1e-10)
repeat = data[data["x"] > 0]
gg = GammaGammaFitter().fit(repeat["x"], repeat["zbar"], tol=1e-10)

spend = gg.conditional_expected_average_profit(x, m)
# freq="W": 12 months of 4.345 weeks. freq="D" (lifetimes' default, used by its Quickstart on this
# weekly data) makes 12 periods of 30 *weeks*: that is how the Quickstart's CLV values arise.
clv = gg.customer_lifetime_value(bg, x, tx, T, m, time=12, discount_rate=0.01, freq="W")
clv_quickstart = gg.customer_lifetime_value(bg, x, tx, T, m, time=12, discount_rate=0.01, freq="D")
out = pd.DataFrame(
    {
        "ID": data["ID"],
        "bg_p_alive": bg.conditional_probability_alive(x, tx, T),
        "bg_expected_52": bg.conditional_expected_number_of_purchases_up_to_time(52, x, tx, T),
        "mbg_p_alive": mbg.conditional_probability_alive(x, tx, T),
        "mbg_expected_52": mbg.conditional_expected_number_of_purchases_up_to_time(52, x, tx, T),
        "gg_expected_spend": spend,
        "clv_12_months": clv.values,
        "clv_quickstart": clv_quickstart.values,
    }
)
out.to_csv(os.path.join(fixtures, "lifetimes_cdnow_reference.csv"), index=False, float_format="%.17g")

rows = []
for name, fitter in [("bgnbd", bg), ("mbgnbd", mbg), ("gammagamma", gg)]:
    for key, value in fitter.params_.items():
        rows.append((name, key, value))
pd.DataFrame(rows, columns=["model", "parameter", "value"]).to_csv(
    os.path.join(fixtures, "lifetimes_cdnow_parameters.csv"), index=False, float_format="%.17g"
)
print(bg.params_, mbg.params_, gg.params_, sep="\n")
print(bg.summary)
