#!/usr/bin/env python3
"""Reference figures for derived series, computed independently with the Python standard library.

Reads the real files in tests/fixtures/real with the csv module (not with Rotation Lens' importer),
writes the files derived from them under derived/ (SPY's dividend history in Yahoo's
`Date,Dividends` format, implied by the steps of Adj Close / Close; SPY's Close alone), implements
each derived-series definition from its written text, and a few metrics (the last close, the 1Y
and YTD returns, the maximum drawdown) at several as-of dates, and writes derived_expected.json
beside this script. tests/derived_reference.rs compares the Rust core with it; it does not need
Python.

Run from the repository root:  python3 tests/reference/derived_reference.py
"""

import bisect
import calendar
import csv
import datetime as dt
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "real")
DERIVED = os.path.join(HERE, "derived")


def read_columns(path, date_column, value_column):
    """(dates, values) of one column, rows whose value is missing ("null", "", ".") dropped."""
    dates, values = [], []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            text = row[value_column].strip()
            if text in ("", "null", "."):
                continue
            dates.append(dt.date.fromisoformat(row[date_column]))
            values.append(float(text))
    return dates, values


def shiller(column):
    """A column of Shiller's data; trailing zeros mean "not available"."""
    dates, values = read_columns(os.path.join(FIXTURES, "shiller/data.csv"), "Date", column)
    while values and values[-1] == 0.0:
        dates.pop()
        values.pop()
    return dates, values


# ---------------------------------------------------------------------------------------------
# Files derived from SPY's download
# ---------------------------------------------------------------------------------------------

def write_spy_files():
    """SPY's Close alone, and the cash dividends its Adj Close implies.

    Yahoo adjusts every close before an ex-date by the factor 1 − d / C_{t−1}, so the ratio
    r = Adj Close / Close steps by r_{t−1} / r_t = 1 − d_t / C_{t−1} on an ex-date:
    d_t = C_{t−1} × (1 − r_{t−1} / r_t). Steps smaller than 0.002% of the close are rounding of
    the five-decimal Adj Close; amounts are rounded to four decimals as Yahoo's dividend history
    shows them. The file was saved from two downloads: on 2022-05-10 the ratio steps the other
    way (the later download already adjusted for the June dividend), which is no dividend and is
    left out.
    """
    path = os.path.join(FIXTURES, "yfinance/SPY.csv")
    _, close = read_columns(path, "Date", "Close")
    dates, adjusted = read_columns(path, "Date", "Adj Close")
    os.makedirs(DERIVED, exist_ok=True)
    with open(os.path.join(DERIVED, "SPY close.csv"), "w", newline="") as f:
        f.write("Date,Close\n")
        for d, c in zip(dates, close):
            f.write(f"{d.isoformat()},{c!r}\n")
    dividends = []
    for t in range(1, len(dates)):
        step = (adjusted[t - 1] / close[t - 1]) / (adjusted[t] / close[t])
        amount = close[t - 1] * (1.0 - step)
        if amount / close[t - 1] > 2e-5:
            dividends.append((dates[t], round(amount, 4)))
    with open(os.path.join(DERIVED, "SPY dividends.csv"), "w", newline="") as f:
        f.write("Date,Dividends\n")
        for d, amount in dividends:
            f.write(f"{d.isoformat()},{amount}\n")


# ---------------------------------------------------------------------------------------------
# The definitions, from their written text
# ---------------------------------------------------------------------------------------------

def last_on_or_before(dates, values, date):
    i = bisect.bisect_right(dates, date) - 1
    return values[i] if i >= 0 else None


def total_return_cash(p, d):
    (pd_, pv), (dd, dv) = p, d
    tr = [pv[0]]
    for t in range(1, len(pd_)):
        div = sum(a for x, a in zip(dd, dv) if pd_[t - 1] < x <= pd_[t])
        tr.append(tr[-1] * (pv[t] + div) / pv[t - 1])
    return list(pd_), tr


def periods_per_year(dates):
    gaps = sorted((b - a).days for a, b in zip(dates, dates[1:]))
    n = len(gaps)
    median = gaps[n // 2] if n % 2 else (gaps[n // 2 - 1] + gaps[n // 2]) / 2
    if median < 4:
        return 252
    if median < 15:
        return 52
    if median < 53:
        return 12
    if median < 183:
        return 4
    return 1


def total_return_annual_rate(p, d):
    (pd_, pv), (dd, dv) = p, d
    m = periods_per_year(pd_)
    keep = [t for t, x in enumerate(pd_) if dd[0] <= x <= dd[-1]]
    dates, tr = [pd_[keep[0]]], [pv[keep[0]]]
    for t in keep[1:]:
        dt_ = last_on_or_before(dd, dv, pd_[t])
        tr.append(tr[-1] * (pv[t] + dt_ / m) / pv[t - 1])
        dates.append(pd_[t])
    return dates, tr


def convert(s, fx, operation):
    (sd, sv), (fd, fv) = s, fx
    dates, values = [], []
    for x, v in zip(sd, sv):
        if x < fd[0]:
            continue
        rate = last_on_or_before(fd, fv, x)
        dates.append(x)
        values.append(v * rate if operation == "multiply" else v / rate)
    return dates, values


def composite(members):
    s1_dates = members[0][1][0]
    start = max(m[1][0][0] for m in members)
    dates = [x for x in s1_dates if x >= start]
    carried = [[last_on_or_before(md, mv, x) for x in dates] for _, (md, mv) in members]
    level = [100.0]
    for t in range(1, len(dates)):
        change = sum(w * (c[t] / c[t - 1] - 1.0) for (w, _), c in zip(members, carried))
        level.append(level[-1] * (1.0 + change))
    return dates, level


# ---------------------------------------------------------------------------------------------
# A few metrics, from their written definitions
# ---------------------------------------------------------------------------------------------

def minus_months(date, months):
    index = date.year * 12 + date.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def metrics(series, as_of):
    dates, values = series
    if as_of is not None:
        n = bisect.bisect_right(dates, as_of)
        dates, values = dates[:n], values[:n]
    t_date, c_t = dates[-1], values[-1]
    base_date = minus_months(t_date, 12)
    one_year = None
    if base_date >= dates[0]:
        one_year = c_t / last_on_or_before(dates, values, base_date) - 1.0
    ytd = None
    previous_year = [v for x, v in zip(dates, values) if x.year == t_date.year - 1]
    if previous_year:
        ytd = c_t / previous_year[-1] - 1.0
    peak, worst = values[0], 0.0
    for v in values:
        peak = max(peak, v)
        worst = min(worst, v / peak - 1.0)
    return {
        "last": t_date.isoformat(),
        "last_value": c_t,
        "1Y": one_year,
        "YTD": ytd,
        "max_drawdown": worst,
    }


AS_OF = [None, "2008-12-31", "2020-03-23"]


def case(name, definitions, files, series, as_ofs=AS_OF, cut=None):
    dates, values = series
    samples = sorted(set(range(0, len(dates), 250)) | {len(dates) - 1})
    return {
        "name": name,
        "files": files,
        "from": cut,
        "definitions": definitions,
        "observations": len(dates),
        "first": dates[0].isoformat(),
        "last": dates[-1].isoformat(),
        "samples": [[i, dates[i].isoformat(), values[i]] for i in samples],
        "metrics": [
            dict(as_of=a, **metrics(series, None if a is None else dt.date.fromisoformat(a)))
            for a in as_ofs
        ],
    }


def main():
    write_spy_files()
    yf = lambda name: read_columns(os.path.join(FIXTURES, f"yfinance/{name}.csv"), "Date", "Adj Close")
    spy_close = read_columns(os.path.join(DERIVED, "SPY close.csv"), "Date", "Close")
    spy_dividends = read_columns(os.path.join(DERIVED, "SPY dividends.csv"), "Date", "Dividends")
    # From SPY's fourth ex-date on (every file cut there): a dividend on the first date.
    ex_date = spy_dividends[0][3]
    spy_from_ex = tuple(list(c) for c in zip(*[(x, v) for x, v in zip(*spy_close) if x >= ex_date]))
    eurusd = read_columns(os.path.join(FIXTURES, "yahoo/EURUSD=X.csv"), "Date", "Adj Close")
    spy_tr = total_return_cash(spy_close, spy_dividends)
    # How closely the total return tracks Adj Close, both rebased, up to the file's splice.
    adjusted = yf("SPY")
    splice = dt.date(2022, 5, 10)
    deviations = [
        abs((tr / spy_tr[1][0]) / (a / adjusted[1][0]) - 1.0)
        for x, tr, a in zip(spy_tr[0], spy_tr[1], adjusted[1])
        if x < splice
    ]
    cases = [
        case("SPY total return from its dividend history",
             ["SPY TR = total_return(SPY close, SPY dividends, cash)"],
             ["derived/SPY close.csv", "derived/SPY dividends.csv"], spy_tr),
        case("a dividend on the first date is not counted",
             ["SPY TR = total_return(SPY close, SPY dividends, cash)"],
             ["derived/SPY close.csv", "derived/SPY dividends.csv"],
             total_return_cash(spy_from_ex, spy_dividends), [None, "2008-12-31"],
             cut=ex_date.isoformat()),
        case("Shiller's S&P 500 total return",
             ["S&P 500 TR = total_return(SP500, Dividend, annual-rate)"],
             ["shiller/data.csv"],
             total_return_annual_rate(shiller("SP500"), shiller("Dividend")),
             [None, "1929-12-01", "2008-12-01"]),
        case("the Nasdaq 100 in euros, the rate starting later",
             ["^NDX in EUR = convert(^NDX, \"EURUSD=X\", divide)"],
             ["yfinance/^NDX.csv", "yahoo/EURUSD=X.csv"],
             convert(yf("^NDX"), eurusd, "divide")),
        case("60/40 of SPY and IWM, IWM starting later",
             ["60/40 = composite(0.6*SPY, 0.4*IWM)"],
             ["yfinance/SPY.csv", "yfinance/IWM.csv"],
             composite([(0.6, yf("SPY")), (0.4, yf("IWM"))])),
        case("an equal-weight basket of a total return and two indexes",
             ["SPY TR = total_return(SPY close, SPY dividends, cash)",
              "Equal weight = composite(1/3*^RUT, 1/3*^NDX, 1/3*SPY TR)"],
             ["yfinance/^RUT.csv", "yfinance/^NDX.csv", "derived/SPY close.csv",
              "derived/SPY dividends.csv"],
             composite([(1 / 3, yf("^RUT")), (1 / 3, yf("^NDX")), (1 / 3, spy_tr)])),
    ]
    out = {
        "generated_by": "tests/reference/derived_reference.py",
        "spy_tracking": {
            "until": splice.isoformat(),
            "max_relative_deviation": max(deviations),
            "final_total_return_ratio": spy_tr[1][len(deviations) - 1] / spy_tr[1][0],
            "final_adjusted_ratio": adjusted[1][len(deviations) - 1] / adjusted[1][0],
        },
        "cases": cases,
    }
    with open(os.path.join(HERE, "derived_expected.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
