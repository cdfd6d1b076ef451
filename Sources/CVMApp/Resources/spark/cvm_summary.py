"""cvm's per-customer purchase totals in Spark SQL, for transaction logs that live beyond one machine.

cvm runs this job with spark-submit (`cvm summary --engine spark --input PATH`). It reads CSV or Parquet
transaction files, and writes one CSV row per customer with the totals that cvm turns into the RFM summary
(frequency, recency, T, monetary) with the same code as for its own database, so both paths share one
definition. The totals are the ones cvm's SQL computes over its transactions table:

  periods          distinct purchase days up to the observation end
  holdout_periods  distinct purchase days after the calibration end
  first_day        the first purchase day (days since 1970-01-01); customers whose first day is after the
                   calibration end are left out
  last_day         the last purchase day on or before the calibration end
  repeat_value     the amounts of the calibration days after the first day
  revenue, orders  the amounts and rows on or before the calibration end
  holdout_value, holdout_rows   the amounts and rows after it

Customer ids lose white space and invisible format characters at either end, as cvm's import does. A row
whose id is empty, whose date is not a date in the given pattern or whose amount is not a number is an
error (the job names how many and shows the first ones) unless --skip-invalid is given.

Messages meant for the user are written to standard error on a line starting with "cvm-error: ".
"""

import argparse
import sys

EDGE = r"^[\s\p{Z}\p{Cf}]+|[\s\p{Z}\p{Cf}]+$"


def fail(message):
    sys.stderr.write("cvm-error: " + message + "\n")
    sys.exit(2)


def parse_arguments():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--input", action="append", required=True, help="a CSV or Parquet file or folder")
    p.add_argument("--format", choices=["csv", "parquet"], required=True)
    p.add_argument("--customer", default="customer_id", help="the customer id column")
    p.add_argument("--date", default="date", help="the date column")
    p.add_argument("--amount", default="amount", help="the amount column")
    p.add_argument("--date-format", help="a date pattern such as dd.MM.yyyy (default: the ISO forms)")
    p.add_argument("--delimiter", default=",")
    p.add_argument("--as-of", help="the observation end, YYYY-MM-DD (default: the last date in the data)")
    p.add_argument("--calibration-end", help="the calibration end, YYYY-MM-DD (default: the observation end)")
    p.add_argument("--skip-invalid", action="store_true")
    p.add_argument("--output", required=True, help="a folder that does not exist yet")
    return p.parse_args()


def column(frame, wanted, what):
    """The frame's column named `wanted`, ignoring case, spaces, underscores and hyphens."""

    def key(name):
        return "".join(c for c in name.lower() if c not in " _-\t\u3000\u00a0")

    matches = [c for c in frame.columns if key(c) == key(wanted)]
    if not matches:
        fail(f'no {what} column "{wanted}" (the columns are: {", ".join(frame.columns)})')
    return matches[0]


def parsed_date(text, pattern, F):
    """The date in `text`, or null. Without a pattern of the user's, the forms cvm's import reads by
    default: YYYY-MM-DD, YYYY/MM/DD and YYYYMMDD, each optionally followed by a time of day."""

    def attempt(value, form):
        # try_to_timestamp gives null where to_date would raise under Spark's ANSI mode.
        return F.try_to_timestamp(value, F.lit(form)).cast("date")

    if pattern:
        return attempt(text, pattern)
    return (
        F.when(text.rlike(r"^\d{4}-\d{2}-\d{2}([ T].*)?$"), attempt(F.substring(text, 1, 10), "yyyy-MM-dd"))
        .when(text.rlike(r"^\d{4}/\d{2}/\d{2}([ T].*)?$"), attempt(F.substring(text, 1, 10), "yyyy/MM/dd"))
        .when(text.rlike(r"^\d{8}$"), attempt(text, "yyyyMMdd"))
    )


def main():
    args = parse_arguments()
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = SparkSession.builder.appName("cvm summary").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    if args.format == "csv":
        # Every column as text: cvm parses the values, so nothing is inferred or silently turned to null.
        raw = spark.read.options(header=True, sep=args.delimiter, inferSchema=False, encoding="UTF-8").csv(args.input)
    else:
        raw = spark.read.parquet(*args.input)
    customer = column(raw, args.customer, "customer id")
    date = column(raw, args.date, "date")
    amount = column(raw, args.amount, "amount")

    text = F.col(date).cast("string")
    parsed = raw.select(
        F.regexp_replace(F.col(customer).cast("string"), EDGE, "").alias("customer_id"),
        F.col(customer).cast("string").alias("raw_customer"),
        text.alias("raw_date"),
        F.col(amount).cast("string").alias("raw_amount"),
        parsed_date(F.trim(text), args.date_format, F).alias("d"),
        F.trim(F.col(amount).cast("string")).try_cast("double").alias("amount"),
    )
    valid = (F.col("customer_id") != "") & F.col("customer_id").isNotNull() & F.col("d").isNotNull() \
        & F.col("amount").isNotNull() & ~F.isnan("amount") & (F.abs("amount") != float("inf"))
    parsed = parsed.withColumn("valid", valid).cache()
    bad = parsed.filter(~F.col("valid"))
    bad_count = bad.count()
    if bad_count and not args.skip_invalid:
        examples = "; ".join(
            f'customer "{r.raw_customer or ""}", date "{r.raw_date or ""}", amount "{r.raw_amount or ""}"'
            for r in bad.limit(3).collect())
        fail(f"{bad_count} rows cannot be read (first: {examples}); "
             f"expected an id, a date ({args.date_format or 'YYYY-MM-DD'}) and a number")
    rows = parsed.filter(F.col("valid")).select("customer_id", "d", "amount")

    if args.as_of:
        end = args.as_of
    else:
        last = rows.agg(F.max("d")).first()[0]
        if last is None:
            fail("the input has no transactions")
        end = last.isoformat()
    calibration_end = args.calibration_end or end
    if calibration_end > end:
        fail(f"the calibration end {calibration_end} is after the observation end {end}")

    rows.createOrReplaceTempView("transactions")
    totals = spark.sql(
        f"""
        WITH t AS (
            SELECT customer_id, datediff(d, DATE'1970-01-01') AS day, amount
            FROM transactions WHERE d <= DATE'{end}'
        ),
        firsts AS (SELECT customer_id, MIN(day) AS first_day FROM t GROUP BY customer_id)
        SELECT t.customer_id,
               COUNT(DISTINCT t.day) AS periods,
               COUNT(DISTINCT CASE WHEN t.day > c.cal THEN t.day END) AS holdout_periods,
               MIN(f.first_day) AS first_day,
               MAX(CASE WHEN t.day <= c.cal THEN t.day END) AS last_day,
               COALESCE(SUM(CASE WHEN t.day > f.first_day AND t.day <= c.cal THEN t.amount END), 0) AS repeat_value,
               COALESCE(SUM(CASE WHEN t.day <= c.cal THEN t.amount END), 0) AS revenue,
               SUM(CASE WHEN t.day <= c.cal THEN 1 ELSE 0 END) AS orders,
               COALESCE(SUM(CASE WHEN t.day > c.cal THEN t.amount END), 0) AS holdout_value,
               SUM(CASE WHEN t.day > c.cal THEN 1 ELSE 0 END) AS holdout_rows
        FROM t JOIN firsts f ON f.customer_id = t.customer_id
             CROSS JOIN (SELECT datediff(DATE'{calibration_end}', DATE'1970-01-01') AS cal) c
        GROUP BY t.customer_id
        HAVING MIN(f.first_day) <= MIN(c.cal)
        ORDER BY t.customer_id
        """)
    # One file, header first; doubles as Spark writes them (shortest text that reads back exactly).
    totals.coalesce(1).write.options(header=True).csv(args.output)
    sys.stderr.write(f"cvm-summary: end {end} calibration {calibration_end} skipped {bad_count}\n")
    spark.stop()


if __name__ == "__main__":
    main()
