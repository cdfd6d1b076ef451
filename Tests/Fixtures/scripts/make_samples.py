"""Writes the synthetic companion files of the CDNOW sample (customers, marketing, payments).

The transactions are the public CDNOW sample (Fader & Hardie); everything else here is made up,
seeded, so that every import and analysis of cvm can be tried on one consistent set of customers:

    python3 Tests/Fixtures/scripts/make_samples.py

Customers: a name, type (2C; one in ten 2B), region, account manager, acquisition date (the first
purchase) and channel. Marketing: one customer in three gets spend in three to six months of the
data, more often before months in which they buy. Payments: the 2B customers are billed monthly in
the first half of 1998; most pay on time, some late, a few not at all.
"""
import csv
import datetime
import os
import random

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../Sources/CVMApp/Resources/samples")
source = os.path.join(here, "transactions.csv")
rng = random.Random(20261201)

first = {}
months_bought = {}
with open(source, newline="") as f:
    for row in csv.DictReader(f):
        cid, day = row["customer_id"], row["date"]
        first[cid] = min(first.get(cid, day), day)
        months_bought.setdefault(cid, set()).add(day[:7])

ids = sorted(first, key=int)
regions = ["华东", "华北", "华南", "西南", "东北", "华中"]
owners = ["张伟", "李娜", "王芳", "刘洋", "陈静"]
channels = ["online", "store", "phone"]
surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
given = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"
business = set(rng.sample(ids, len(ids) // 10))

with open(os.path.join(here, "customers.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["customer_id", "name", "type", "region", "owner", "acquired", "channel", "tags"])
    for cid in ids:
        b = cid in business
        name = (rng.choice(surnames) + rng.choice(given) + "贸易有限公司") if b else (
            rng.choice(surnames) + rng.choice(given) + rng.choice(given))
        tags = rng.choice(["", "", "vip", "newsletter", "vip;newsletter"])
        w.writerow([cid, name, "2B" if b else "2C", rng.choice(regions), rng.choice(owners), first[cid],
                    rng.choice(channels), tags])

all_months = [f"1997-{m:02d}" for m in range(1, 13)] + [f"1998-{m:02d}" for m in range(1, 7)]
with open(os.path.join(here, "marketing.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["客户编号", "期间", "营销投入", "活动编号", "渠道"])
    for cid in ids:
        if rng.random() >= 1 / 3:
            continue
        start = all_months.index(first[cid][:7])
        candidates = all_months[start:]
        bought = months_bought[cid]
        weights = [3 if (i + 1 < len(candidates) and candidates[i + 1] in bought) else 1
                   for i in range(len(candidates))]
        chosen = set()
        for _ in range(rng.randint(3, 6)):
            chosen.add(rng.choices(candidates, weights)[0])
        for month in sorted(chosen):
            campaign = "C" + month.replace("-", "")
            w.writerow([cid, month, rng.choice([5, 10, 10, 20, 30]), campaign, rng.choice(["email", "sms", "app"])])

with open(os.path.join(here, "payments.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["customer_id", "invoice_id", "due_date", "paid_date", "amount_due", "amount_paid"])
    invoice = 0
    for cid in ids:
        if cid not in business:
            continue
        habit = rng.choices(["on time", "late", "very late"], [0.7, 0.22, 0.08])[0]
        for month in range(1, 7):
            invoice += 1
            due = datetime.date(1998, month, 10)
            amount = rng.choice([200, 500, 800, 1200, 3000])
            late = {"on time": rng.choice([0, 0, 0, 2]), "late": rng.randint(5, 40),
                    "very late": rng.randint(30, 120)}[habit]
            paid = due + datetime.timedelta(days=late)
            if paid > datetime.date(1998, 6, 30):
                w.writerow([cid, f"INV-{invoice:05d}", due.isoformat(), "", amount, ""])
            elif habit != "on time" and rng.random() < 0.15:
                w.writerow([cid, f"INV-{invoice:05d}", due.isoformat(), paid.isoformat(), amount, amount // 2])
            else:
                w.writerow([cid, f"INV-{invoice:05d}", due.isoformat(), paid.isoformat(), amount, ""])
