"""Per-customer Pareto/NBD predictions from lifetimes 0.11.3 on the CDNOW summary, at lifetimes' own fit.

Writes Tests/Fixtures/lifetimes_pareto_cdnow.csv: one row per customer of
cdnow_customers_summary.csv with frequency, recency, T, lifetimes' P(alive) and its conditional
expected number of purchases in the next 39 and 52 weeks. The fitted parameters are in the
columns r, alpha, s, beta (the same on every row) so the Swift test evaluates at exactly them.

Run with the peer venv (bash ../shared/peer/run_bench.sh setup builds it):
    ~/.cache/cvm-peer-venv/bin/python Tests/Fixtures/scripts/lifetimes_pareto_cdnow.py
"""
import os

import numpy as np
import pandas as pd
from lifetimes import ParetoNBDFitter

here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.dirname(here)
data = pd.read_csv(os.path.join(fixtures, "cdnow_customers_summary.csv"))
fitter = ParetoNBDFitter()
fitter.fit(data["frequency"], data["recency"], data["T"], tol=1e-10)
r, alpha, s, beta = (fitter.params_[k] for k in ("r", "alpha", "s", "beta"))
print("lifetimes params", r, alpha, s, beta)
p_alive = fitter.conditional_probability_alive(data["frequency"], data["recency"], data["T"])
e39 = fitter.conditional_expected_number_of_purchases_up_to_time(39, data["frequency"], data["recency"], data["T"])
e52 = fitter.conditional_expected_number_of_purchases_up_to_time(52, data["frequency"], data["recency"], data["T"])
out = pd.DataFrame({
    "ID": data["ID"], "frequency": data["frequency"], "recency": data["recency"], "T": data["T"],
    "p_alive": np.asarray(p_alive), "expected_39": np.asarray(e39), "expected_52": np.asarray(e52),
    "r": r, "alpha": alpha, "s": s, "beta": beta,
})
out.to_csv(os.path.join(fixtures, "lifetimes_pareto_cdnow.csv"), index=False, float_format="%.17g")
