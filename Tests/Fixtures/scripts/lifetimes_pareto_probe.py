# Prints lifetimes 0.11.3 Pareto/NBD predictions at fixed parameters (quoted in ParetoNBDTests.swift).
# Run: ~/.cache/cvm-peer-venv/bin/python Tests/Fixtures/scripts/lifetimes_pareto_probe.py
import numpy as np, pandas as pd
from lifetimes import ParetoNBDFitter
def mk(p):
    f=ParetoNBDFitter(); f.params_=pd.Series(dict(zip(["r","alpha","s","beta"],p))); return f
for p in [(0.5534,10.5802,0.6061,11.6562),(0.5533971,10.5801985,0.6060625,11.6562237),(0.55,10.56,0.61,11.64),(0.55,10.58,0.61,11.67)]:
    f=mk(p)
    print(p)
    print(" Palive", f.conditional_probability_alive(26,30.85714,31), f.conditional_probability_alive(26,30.86,31))
    print(" CET", f.conditional_expected_number_of_purchases_up_to_time(52,26,30.85714,31))
    print(" E52", f.expected_number_of_purchases_up_to_time(52), "E1..3", f.expected_number_of_purchases_up_to_time(np.arange(1,4)))
    print(" paradox", [f.conditional_expected_number_of_purchases_up_to_time(52,x,20,39) for x in (10,15,20,25)])
