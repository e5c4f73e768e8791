#!/usr/bin/env python3
"""Reference figures for the analytics engine, computed independently with pandas and numpy.

Reads the real files in tests/fixtures/real with pandas (not with Rotation Lens' importer), and
files derived from them under derived/ (written by this script, see write_derived_files),
implements every metric definition of the analytics module from its written definition
(vectorised with numpy, calendar arithmetic with pandas' DateOffset), and writes
metrics_expected.json beside this script. tests/metrics_reference.rs compares the Rust engine with
that file to 1e-9 relative; it does not need Python.

Run from the repository root:  python3 tests/reference/metrics_reference.py
"""

import json
import math
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "real")
DERIVED = "derived/"


def source_path(path):
    """A real file under tests/fixtures/real, or one derived from it beside this script."""
    return os.path.join(HERE, path) if path.startswith(DERIVED) else os.path.join(FIXTURES, path)


def write_derived_files():
    """Files made from the real ones, line for line, for cases no download shows: yfinance's SPY
    from 2019 on without its 2021 rows, so that 2022 follows 2020 with no observation in the
    calendar year between (no year-to-date base, and no one-day move on 2022's first session)."""
    os.makedirs(os.path.join(HERE, DERIVED), exist_ok=True)
    with open(source_path("yfinance/SPY.csv"), "rb") as f:
        header, *rows = f.read().splitlines(keepends=True)
    kept = [header] + [row for row in rows if b"2019-" <= row[:5] and not row.startswith(b"2021-")]
    with open(source_path(DERIVED + "SPY_no_2021.csv"), "wb") as f:
        f.writelines(kept)


# ---------------------------------------------------------------------------------------------
# Reading the files (what each download means; independent of the app's importer)
# ---------------------------------------------------------------------------------------------

def frame_to_series(dates, values):
    s = pd.Series(np.asarray(values, dtype=float), index=pd.DatetimeIndex(dates))
    s = s[~s.isna()].sort_index()
    return s


def yahoo(path):
    """Yahoo Finance / yfinance export: the Adj Close column, named after the file."""
    df = pd.read_csv(source_path(path))
    name = os.path.splitext(os.path.basename(path))[0]
    return {name: ("price", frame_to_series(pd.to_datetime(df["Date"]), df["Adj Close"]))}


def investing(path, name):
    """Investing.com export: newest first, thousands commas, MM/DD/YYYY, the Price column."""
    df = pd.read_csv(os.path.join(FIXTURES, path), thousands=",", encoding="utf-8-sig")
    dates = pd.to_datetime(df["Date"], format="%m/%d/%Y")
    return {name: ("price", frame_to_series(dates, df["Price"]))}


def fred(path, name, kind):
    """FRED download: empty cells or '.' are missing."""
    df = pd.read_csv(os.path.join(FIXTURES, path), na_values=["."])
    return {name: (kind, frame_to_series(pd.to_datetime(df.iloc[:, 0]), df.iloc[:, 1]))}


def plain(path, name, kind):
    df = pd.read_csv(os.path.join(FIXTURES, path))
    return {name: (kind, frame_to_series(pd.to_datetime(df["Date"]), df["Value"]))}


SHILLER_KINDS = {
    "SP500": "price",
    "Dividend": "valuation",
    "Earnings": "valuation",
    "Consumer Price Index": "price",
    "Long Interest Rate": "rate",
    "Real Price": "price",
    "Real Dividend": "valuation",
    "Real Earnings": "valuation",
    "PE10": "valuation",
}


def shiller(path):
    """Shiller's table: a 0.0 at either end of a column stands for 'not available'."""
    df = pd.read_csv(os.path.join(FIXTURES, path))
    dates = pd.to_datetime(df["Date"])
    out = {}
    for column, kind in SHILLER_KINDS.items():
        values = df[column].to_numpy(dtype=float)
        nonzero = np.flatnonzero(values != 0.0)
        lo, hi = nonzero[0], nonzero[-1] + 1
        s = frame_to_series(dates[lo:hi], values[lo:hi])
        if kind == "price":
            s = s[s > 0]
        out[column] = (kind, s)
    return out


READERS = {
    "yahoo/^RUT.csv": lambda: yahoo("yahoo/^RUT.csv"),
    "yahoo/^GSPC.csv": lambda: yahoo("yahoo/^GSPC.csv"),
    "yfinance/^RUT.csv": lambda: yahoo("yfinance/^RUT.csv"),
    "yfinance/^NDX.csv": lambda: yahoo("yfinance/^NDX.csv"),
    "yfinance/SPY.csv": lambda: yahoo("yfinance/SPY.csv"),
    DERIVED + "SPY_no_2021.csv": lambda: yahoo(DERIVED + "SPY_no_2021.csv"),
    "investing/Nasdaq 100 Historical Data.csv": lambda: investing(
        "investing/Nasdaq 100 Historical Data.csv", "Nasdaq 100"
    ),
    "shiller/data.csv": lambda: shiller("shiller/data.csv"),
    "fred/T10Y2Y.csv": lambda: fred("fred/T10Y2Y.csv", "T10Y2Y", "rate"),
    "valuation/SP500_DIV_YIELD_MONTH.csv": lambda: plain(
        "valuation/SP500_DIV_YIELD_MONTH.csv", "SP500_DIV_YIELD_MONTH", "valuation"
    ),
}


# ---------------------------------------------------------------------------------------------
# The metrics, from their definitions
# ---------------------------------------------------------------------------------------------

def iso(ts):
    return None if ts is None else pd.Timestamp(ts).strftime("%Y-%m-%d")


def fnum(x):
    return None if x is None else float(x)


def cut(s, as_of):
    return s if as_of is None else s[s.index <= pd.Timestamp(as_of)]


def ratio_or_none(start, end):
    return end / start - 1.0 if start > 0 and end > 0 else None


def base_on_or_before(s, date):
    """Position of the last observation on or before date, or None."""
    pos = int(s.index.searchsorted(date, side="right")) - 1
    return pos if pos >= 0 else None


def returns(s):
    c = s.to_numpy()
    t = len(c) - 1
    t_date = s.index[-1]
    out = {}
    for label, n in (("1D", 1), ("5D", 5)):
        out[label] = ratio_or_none(c[t - n], c[t]) if t >= n else None
    for label, months in (("1M", 1), ("3M", 3), ("6M", 6), ("1Y", 12)):
        b = base_on_or_before(s, t_date - pd.DateOffset(months=months))
        out[label] = None if b is None else ratio_or_none(c[b], c[t])
    # The previous calendar year's last close; none when that year has no observation.
    b = base_on_or_before(s, pd.Timestamp(year=t_date.year, month=1, day=1) - pd.Timedelta(days=1))
    if b is not None and s.index[b].year != t_date.year - 1:
        b = None
    out["YTD"] = None if b is None else ratio_or_none(c[b], c[t])
    for label, years in (("3Y", 3), ("5Y", 5), ("10Y", 10)):
        b = base_on_or_before(s, t_date - pd.DateOffset(years=years))
        r = None if b is None else ratio_or_none(c[b], c[t])
        out[label] = None if r is None else (1.0 + r) ** (1.0 / years) - 1.0
    order = ["1D", "5D", "1M", "3M", "6M", "YTD", "1Y", "3Y", "5Y", "10Y"]
    return {k: fnum(out[k]) for k in order}


def periods_per_year(dates):
    """Annualisation by observation frequency: the median gap in calendar days between
    consecutive dates (numpy's median, the mean of the middle two for an even count) under 4 is
    daily (252 sessions), under 15 weekly (52), under 53 monthly (12), under 183 quarterly (4),
    else yearly (1)."""
    gap = float(np.median(np.diff(dates.to_numpy()) / np.timedelta64(1, "D")))
    for bound, per_year in ((4, 252.0), (15, 52.0), (53, 12.0), (183, 4.0)):
        if gap < bound:
            return per_year
    return 1.0


def volatility_1y(s):
    c = s.to_numpy()
    b = base_on_or_before(s, s.index[-1] - pd.DateOffset(years=1))
    if b is None:
        return None
    window = c[b:]
    if len(window) < 3 or np.any(window <= 0):
        return None
    per_year = periods_per_year(s.index[b:])
    return float(np.std(np.diff(np.log(window)), ddof=1) * math.sqrt(per_year))


def max_drawdown(s):
    c = s.to_numpy()
    if np.any(c <= 0):
        return {"value": None, "peak": None, "trough": None, "recovery": None}
    running = np.maximum.accumulate(c)
    dd = c / running - 1.0
    trough = int(np.argmin(dd))  # first occurrence of the minimum
    if not dd[trough] < 0:
        return {"value": 0.0, "peak": None, "trough": None, "recovery": None}
    peak = int(np.flatnonzero(c[: trough + 1] == running[trough])[0])
    later = np.flatnonzero(c[trough + 1 :] >= c[peak])
    recovery = None if len(later) == 0 else s.index[trough + 1 + int(later[0])]
    return {
        "value": float(dd[trough]),
        "peak": iso(s.index[peak]),
        "trough": iso(s.index[trough]),
        "recovery": iso(recovery),
    }


def n_returns(c, n):
    """R_n(d) for every d (NaN where undefined: d < n or a close not positive)."""
    r = np.full(len(c), np.nan)
    if len(c) > n:
        start, end = c[:-n], c[n:]
        ok = (start > 0) & (end > 0)
        vals = np.where(ok, end / np.where(ok, start, 1.0) - 1.0, np.nan)
        r[n:] = vals
    return r


def n_changes_bp(c, n):
    """A rate's change (y_d - y_{d-n}) x 100 in basis points for every d (NaN where d < n)."""
    r = np.full(len(c), np.nan)
    if len(c) > n:
        r[n:] = (c[n:] - c[:-n]) * 100.0
    return r


def n_moves(c, n, kind):
    """The n-session moves in the series' measure: changes in bp for a rate, else returns."""
    return n_changes_bp(c, n) if kind == "rate" else n_returns(c, n)


def measured(kind, value):
    """A move's keys: "return", and "change_bp" for a rate (whose "return" is null)."""
    if kind == "rate":
        return {"return": None, "change_bp": value}
    return {"return": value}


def since(s, r, at):
    """Latest d < at with r[d] >= r[at] (gain) or <= r[at] (fall); None when none."""
    value = r[at]
    earlier = r[:at]
    with np.errstate(invalid="ignore"):
        hits = np.flatnonzero(earlier >= value) if value >= 0 else np.flatnonzero(earlier <= value)
    return None if len(hits) == 0 else iso(s.index[int(hits[-1])])


def move(s, n, kind):
    c = s.to_numpy()
    t = len(c) - 1
    r = n_moves(c, n, kind)
    if t < n or np.isnan(r[t]):
        return {"sessions": n, "return": None, "biggest_since": None}
    return {"sessions": n, **measured(kind, float(r[t])), "biggest_since": since(s, r, t)}


def days_of_year(s, kind):
    c = s.to_numpy()
    r1 = n_moves(c, 1, kind)
    year = s.index[-1].year
    # The year's first session compares with the previous close only when that close is in the
    # previous calendar year.
    first = int(np.searchsorted(s.index.year, year, side="left"))
    if 0 < first < len(c) and s.index[first - 1].year != year - 1:
        r1[first] = np.nan
    in_year = np.flatnonzero((s.index.year == year) & ~np.isnan(r1))
    if len(in_year) == 0:
        empty = {"return": None, "date": None}
        return empty, dict(empty)
    values = r1[in_year]
    worst = int(in_year[int(np.argmin(values))])
    best = int(in_year[int(np.argmax(values))])
    return (
        {**measured(kind, float(r1[worst])), "date": iso(s.index[worst])},
        {**measured(kind, float(r1[best])), "date": iso(s.index[best])},
    )


def series_report(name, kind, s, as_of, window):
    s = cut(s, as_of)
    if len(s) == 0:
        null_day = {"return": None, "date": None}
        return {
            "name": name, "first": None, "last": None, "observations": 0, "last_value": None,
            "returns": {k: None for k in ["1D", "5D", "1M", "3M", "6M", "YTD", "1Y", "3Y", "5Y", "10Y"]},
            "volatility_1y": None,
            "max_drawdown": {"value": None, "peak": None, "trough": None, "recovery": None},
            "move": {"sessions": window, "return": None, "biggest_since": None},
            "worst_day_of_year": null_day, "best_day_of_year": dict(null_day),
        }
    worst, best = days_of_year(s, kind)
    return {
        "name": name,
        "first": iso(s.index[0]),
        "last": iso(s.index[-1]),
        "observations": int(len(s)),
        "last_value": float(s.iloc[-1]),
        "returns": returns(s),
        "volatility_1y": volatility_1y(s),
        "max_drawdown": max_drawdown(s),
        "move": move(s, window, kind),
        "worst_day_of_year": worst,
        "best_day_of_year": best,
    }


def aligned(a, b):
    """On the sparser series' dates (a on a tie), the other's last value on or before each."""
    base_is_a = len(a) <= len(b)
    base, other = (a, b) if base_is_a else (b, a)
    left = pd.DataFrame({"date": base.index, "base": base.to_numpy()})
    right = pd.DataFrame({"date": other.index, "other": other.to_numpy()})
    merged = pd.merge_asof(left, right, on="date", direction="backward").dropna()
    if base_is_a:
        return merged["date"], merged["base"].to_numpy(), merged["other"].to_numpy()
    return merged["date"], merged["other"].to_numpy(), merged["base"].to_numpy()


def pct_rank(window, v):
    n = len(window)
    if n == 0:
        return None
    return 100.0 * (np.sum(window < v) + 0.5 * np.sum(window == v)) / n


def spread_report(a_name, a, b_name, b, as_of, lookback):
    a, b = cut(a, as_of), cut(b, as_of)
    report = {
        "a": a_name, "b": b_name, "date": None, "difference": None, "ratio": None,
        "lookback_years": lookback, "observations": 0, "percentile_difference": None,
        "percentile_ratio": None, "p10": None, "p50": None, "p90": None,
    }
    if len(a) == 0 or len(b) == 0:
        return report
    dates, av, bv = aligned(a, b)
    if len(dates) == 0:
        return report
    dates = pd.DatetimeIndex(dates)
    t = dates[-1]
    diff = av - bv
    in_window = (dates >= t - pd.DateOffset(years=lookback)) & (dates < t)
    window = diff[in_window]
    latest_ratio = av[-1] / bv[-1] if bv[-1] > 0 else None
    report.update(
        date=iso(t),
        difference=float(diff[-1]),
        ratio=fnum(latest_ratio),
        observations=int(len(window)),
        percentile_difference=fnum(pct_rank(window, diff[-1])),
    )
    if latest_ratio is not None:
        ok = in_window & (bv > 0)
        report["percentile_ratio"] = fnum(pct_rank(av[ok] / bv[ok], latest_ratio))
    if len(window):
        p10, p50, p90 = np.percentile(window, [10, 50, 90])
        report.update(p10=float(p10), p50=float(p50), p90=float(p90))
    return report


# ---------------------------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------------------------

CASES = [
    {
        "name": "rotation set at its last date",
        "files": ["yfinance/^RUT.csv", "yfinance/^NDX.csv", "yfinance/SPY.csv"],
        "as_of": None, "window": 5, "lookback_years": 20, "spreads": [["^RUT", "^NDX"]],
    },
    {
        "name": "rotation set at the March 2020 low, a Monday",
        "files": ["yfinance/^RUT.csv", "yfinance/^NDX.csv", "yfinance/SPY.csv"],
        "as_of": "2020-03-23", "window": 5, "lookback_years": 20, "spreads": [["^RUT", "SPY"]],
    },
    {
        "name": "small versus large caps on a leap day, 10-session window",
        "files": ["yahoo/^RUT.csv", "yahoo/^GSPC.csv"],
        "as_of": "2016-02-29", "window": 10, "lookback_years": 10, "spreads": [["^RUT", "^GSPC"]],
    },
    {
        "name": "small versus large caps on a weekend in the 2008 crash",
        "files": ["yahoo/^RUT.csv", "yahoo/^GSPC.csv"],
        "as_of": "2008-10-12", "window": 5, "lookback_years": 20, "spreads": [["^GSPC", "^RUT"]],
    },
    {
        "name": "valuations and rates, monthly against daily",
        "files": ["shiller/data.csv", "fred/T10Y2Y.csv", "valuation/SP500_DIV_YIELD_MONTH.csv"],
        "as_of": "2020-12-31", "window": 5, "lookback_years": 20,
        "spreads": [
            ["PE10", "Long Interest Rate"],
            ["T10Y2Y", "Long Interest Rate"],
            ["SP500_DIV_YIELD_MONTH", "Long Interest Rate"],
        ],
    },
    {
        "name": "valuations at their last dates, 50-year lookback",
        "files": ["shiller/data.csv", "fred/T10Y2Y.csv"],
        "as_of": None, "window": 3, "lookback_years": 50,
        "spreads": [["PE10", "Long Interest Rate"], ["Long Interest Rate", "T10Y2Y"]],
    },
    {
        "name": "the same index from Investing.com and yfinance",
        "files": ["investing/Nasdaq 100 Historical Data.csv", "yfinance/^NDX.csv"],
        "as_of": "2022-06-30", "window": 5, "lookback_years": 20,
        "spreads": [["Nasdaq 100", "^NDX"]],
    },
    {
        "name": "a calendar year missing from the data: no YTD base, no one-day move across it",
        "files": [DERIVED + "SPY_no_2021.csv", "yfinance/SPY.csv"],
        "as_of": "2022-06-30", "window": 5, "lookback_years": 20,
        "spreads": [["SPY_no_2021", "SPY"]],
    },
]


def run_case(case):
    series = {}
    kinds = {}
    order = []
    for path in case["files"]:
        for name, (kind, s) in READERS[path]().items():
            series[name] = s
            kinds[name] = kind
            order.append(name)
    as_of = case["as_of"]
    rows = [
        series_report(name, kinds[name], series[name], as_of, case["window"]) for name in order
    ]
    spreads = [
        spread_report(a, series[a], b, series[b], as_of, case["lookback_years"])
        for a, b in case["spreads"]
    ]
    report_as_of = as_of or max(r["last"] for r in rows if r["last"] is not None)
    return {"as_of": report_as_of, "series": rows, "spreads": spreads}


def main():
    out = {
        "generated_by": "tests/reference/metrics_reference.py",
        "versions": {"pandas": pd.__version__, "numpy": np.__version__},
        "cases": [],
    }
    write_derived_files()
    for case in CASES:
        out["cases"].append(dict(case, expected=run_case(case)))
    with open(os.path.join(HERE, "metrics_expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
