# log A0 of the lifetimes `_log_A_0` edge case (anchors-clv.md §5.2) with mpmath 1.3.0 at 50 digits, from
# the hypergeometric form of Fader & Hardie (2005) eq. 19 (alpha < beta branch). A quadrature of
# (r+s+x) * integral_tx^T (alpha+t)^-(r+x) (beta+t)^-(s+1) dt agrees once the mesh is fine enough.
# lifetimes 0.11.3 ParetoNBDFitter._log_A_0 prints -667.99128127, -9.47658832, -715.0597932.
import mpmath as mp
mp.mp.dps = 50
r, al, s, be = [mp.mpf(v) for v in ("10.465", "7.98565181e-03", "3.0516", "2.820")]
def F(x, t):
    # Fader & Hardie (2005) eq. 19, alpha < beta branch, in mpmath's hyp2f1
    a = r + s + x
    return mp.hyp2f1(a, r + x, a + 1, (be - al) / (be + t)) / (be + t) ** a
for x, tx, T in [(400, 5, 6), (500, 1, 37), (500, 4, 37)]:
    x = mp.mpf(x)
    print(mp.nstr(mp.log(F(x, tx) - F(x, T)), 20))
    I = mp.quad(lambda t: (al + t) ** (-(r + x)) * (be + t) ** (-(s + 1)), mp.linspace(tx, T, 200))
    print("  quad", mp.nstr(mp.log(I * (r + s + x)), 20))
