"""Writes the synthetic companion files of the CDNOW sample (customers, marketing, payments,
interactions, complaints).

The transactions are the public CDNOW sample (Fader & Hardie); everything else here is made up,
seeded, so that every import and analysis of cvm can be tried on one consistent set of customers:

    python3 Tests/Fixtures/scripts/make_samples.py

Customers: a name, type (2C; one in ten 2B), region, account manager, acquisition date (the first
purchase) and channel. Marketing: one customer in three gets spend in three to six months of the
data, more often before months in which they buy. Payments: the 2B customers are billed monthly in
the first half of 1998; most pay on time, some late, a few not at all.

Interactions (synthetic): calls, visits, emails, messages and meetings with each customer, mostly
by their account manager, sometimes by a colleague; more of them for customers who spend more; for
about one repeat buyer in eight the contacts stop well before the purchases do. Complaints
(synthetic): about one customer in twelve, with categories, severities, opening and resolution
times; most are resolved within two days, a few are still open at the end of the data and a few
were resolved badly (satisfaction 1 or 2 on 1–5). Both use their own seeded generator, so the
earlier files are unchanged. The sample's copy at the repository's root (samples/) is the same files.
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


# Interactions and complaints: a generator of their own, so that the files above stay as they were.
rng = random.Random(20261202)
owner_of = {}
with open(os.path.join(here, "customers.csv"), newline="") as f:
    for row in csv.DictReader(f):
        owner_of[row["customer_id"]] = row["owner"]
revenue = {}
last = {}
with open(source, newline="") as f:
    for row in csv.DictReader(f):
        cid = row["customer_id"]
        revenue[cid] = revenue.get(cid, 0.0) + float(row["amount"])
        last[cid] = max(last.get(cid, row["date"]), row["date"])

data_end = datetime.date(1998, 6, 30)
ranked = sorted(ids, key=lambda c: revenue[c])
value_rank = {cid: i / len(ranked) for i, cid in enumerate(ranked)}
contact_channels = ["call", "visit", "email", "message", "meeting", "other"]
channel_weights = [0.35, 0.12, 0.2, 0.25, 0.06, 0.02]
outcomes = ["reached", "interested", "ordered", "no answer", "follow up", "declined"]
stages = ["", "", "need recognition", "search", "evaluation", "purchase", "use", "after-sales"]
notes = ["", "", "", "asked about new releases", "price question", "delivery follow-up", "catalogue sent"]


def day(text):
    return datetime.date.fromisoformat(text)


with open(os.path.join(here, "interactions.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["customer_id", "date", "channel", "owner", "outcome", "direction", "stage", "note"])
    for cid in ids:
        start, end = day(first[cid]), day(last[cid])
        repeat = end > start
        # More contacts for more valuable customers: 0–2 for the bottom half, up to about 14 at the top.
        q = value_rank[cid]
        count = rng.randint(0, 2) if q < 0.5 else rng.randint(1, 3) + int((q - 0.5) * 22 * rng.random())
        if count == 0:
            continue
        stop = data_end
        if repeat and rng.random() < 1 / 8:
            # The contacts stop well before the purchases do.
            stop = start + datetime.timedelta(days=max(1, int((end - start).days * rng.uniform(0.2, 0.6))))
        span = max(1, (stop - start).days)
        owner = owner_of[cid]
        solo = rng.random() < 0.6
        rows = []
        for _ in range(count):
            when = start + datetime.timedelta(days=rng.randint(0, span))
            if when > stop:
                when = stop
            who = owner if solo or rng.random() < 0.8 else rng.choice(owners)
            channel = rng.choices(contact_channels, channel_weights)[0]
            if channel in ("call", "meeting", "visit") and rng.random() < 0.5:
                stamp = f"{when.isoformat()} {rng.randint(9, 17):02d}:{rng.choice([0, 15, 30, 45]):02d}"
            else:
                stamp = when.isoformat()
            direction = rng.choice(["inbound", "outbound", "outbound", ""])
            rows.append([cid, stamp, channel, who, rng.choice(outcomes), direction, rng.choice(stages),
                         rng.choice(notes)])
        w.writerows(sorted(rows, key=lambda r: r[1]))

categories = ["质量", "物流", "服务态度", "退换货", "价格"]
severities = ["低", "中", "高", "1", "2", "3", "4", "5"]
complaint_channels = ["电话", "邮件", "微信", "门店"]
with open(os.path.join(here, "complaints.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["客户编号", "投诉编号", "投诉时间", "投诉类别", "严重程度", "解决时间", "处理结果", "满意度", "投诉渠道"])
    number = 0
    for cid in ids:
        if rng.random() >= 1 / 12:
            continue
        for _ in range(rng.choice([1, 1, 1, 2])):
            number += 1
            opened = day(first[cid]) + datetime.timedelta(days=rng.randint(0, (data_end - day(first[cid])).days))
            opened_at = datetime.datetime(opened.year, opened.month, opened.day, rng.randint(8, 20),
                                          rng.choice([0, 10, 20, 30, 40, 50]))
            # Hours to resolution: mostly within two days, a long tail of slow cases.
            hours = rng.expovariate(1 / 30) if rng.random() < 0.85 else rng.uniform(72, 24 * 20)
            resolved_at = opened_at + datetime.timedelta(hours=hours)
            still_open = resolved_at.date() > data_end or rng.random() < 0.04
            badly = not still_open and rng.random() < 0.1
            if still_open:
                resolved, resolution, rating = "", "", ""
            else:
                resolved = resolved_at.strftime("%Y-%m-%d %H:%M")
                resolution = rng.choice(["退款", "换货", "补发", "道歉并补偿优惠券", "解释说明"]) if not badly else "解释说明"
                rating = str(rng.choice([1, 2])) if badly else rng.choice(["3", "4", "4", "5", "5", ""])
            w.writerow([cid, f"TS-{number:05d}", opened_at.strftime("%Y-%m-%d %H:%M"), rng.choice(categories),
                        rng.choice(severities), resolved, resolution, rating, rng.choice(complaint_channels)])
