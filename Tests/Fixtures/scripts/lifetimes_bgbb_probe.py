# Prints lifetimes 0.11.3 BG/BB predictions at the BTYD walkthrough estimates (quoted in BGBBTests.swift).
# Run: ~/.cache/cvm-peer-venv/bin/python Tests/Fixtures/scripts/lifetimes_bgbb_probe.py
import numpy as np
import pandas as pd
from lifetimes import BetaGeoBetaBinomFitter

f = BetaGeoBetaBinomFitter()
f.params_ = pd.Series({"alpha": 1.203507, "beta": 0.7497667, "gamma": 0.6567568, "delta": 2.783887})
x = np.array([0, 2, 6, 0, 4]); tx = np.array([0, 4, 6, 0, 5]); n = np.array([6, 6, 6, 6, 6])
np.set_printoptions(precision=17)
print("P(alive at 7) for (0,0),(2,4),(6,6):", repr(f.conditional_probability_alive(1, x, tx, n)[:3]))
print("CET(10) for A (0,0), B (4,5):", repr(f.conditional_expected_number_of_purchases_up_to_time(10, x, tx, n)[3:]))
d = pd.read_csv(__file__.rsplit("/", 2)[0] + "/donations.csv")
e5 = f.conditional_expected_number_of_purchases_up_to_time(5, d["frequency"].values, d["recency"].values, d["periods"].values)
print("sum weights * CET(5):", repr(float((e5 * d["weights"].values).sum())))
