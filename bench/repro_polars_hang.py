"""Minimal reproduction of a polars deadlock (polars 2.1.0, rt32, Python 3.11, 2 cores): a select with two
`map_elements` columns in some threads while other threads call `DataFrame.to_pandas()` on a frame with String
columns. Neither alone hangs. Kept for an upstream report; the app no longer has any Python UDF (issue 12).

    python -m bench.repro_polars_hang [--udfs 2] [--frame str|float|decimal] [--mode both|udf|pandas]
                                      [--threads 4] [--rounds 200] [--timeout 10]

Exit 0 = all threads finished; exit 1 with "Timeout (0:00:10)!" and every thread's stack = hung. The hung
process holds the GIL forever, so no Python code (not even a join with a timeout) runs again: only
faulthandler's C watchdog can report and end it.
Findings (2026-12-03, this machine: 2 cores, Python 3.11.7, pandas 3.1.1, pyarrow 26.0.1), 3 runs each:
- defaults (4 threads, 2 map_elements per select, to_pandas of a 3-column String frame): hangs in 3 of 3 runs
  with polars 2.1.0, and within 1 s (--timeout 1 --rounds 2000: 3 of 3); also with --threads 2 (3 of 3);
  also with polars 2.0.0 and 1.44.2 (3 of 3 each, in a scratch venv): not a 2.x regression.
- no hang (3 of 3 runs finish in 0.2-1.1 s): --udfs 1 (a single UDF runs on the calling thread), --frame float
  or decimal, --mode udf, --mode pandas, --convert to_arrow or write_ipc, POLARS_MAX_THREADS=8 (a pool
  larger than the UDFs in flight; POLARS_MAX_THREADS=1 hangs).
- a second, rarer deadlock (2 of 10 runs, at the first calls only): several threads calling to_pandas() on
  ONE shared frame: PyDataFrame::to_pandas waits for the frame's RwLock while holding the GIL, and
  PyDataFrame::dtypes holds the read lock while it re-takes the GIL to create an interned string. The app
  never shares a frame between sessions (st.cache_data returns a copy per call).
Native stacks (gdb) of a hung run: both polars pool threads ("polars-0/1") sit in
python_function_caller_series -> PyGILState_Ensure (a UDF waiting for the GIL); one thread is in
PyDataFrame::to_pandas -> RecordBatchIterWrap::next -> ThreadPool::install (waiting for the pool while it
holds the GIL); the select threads wait in run_exprs_par -> ThreadPool::install.
"""
import argparse, faulthandler, io, os, sys, threading, time  # noqa: E401

import pandas, pyarrow  # noqa: E401,F401  imported before the threads start: no lazy-import race involved
import polars as pl

p = argparse.ArgumentParser()
p.add_argument("--udfs", type=int, default=2, help="map_elements expressions in one select (1: no hang)")
p.add_argument("--frame", choices=["str", "float", "decimal"], default="str", help="dtype given to to_pandas")
p.add_argument("--mode", choices=["both", "udf", "pandas"], default="both")
p.add_argument("--convert", choices=["to_pandas", "to_arrow", "write_ipc"], default="to_pandas",
               help="what the other threads do with the String frame")
p.add_argument("--threads", type=int, default=4)
p.add_argument("--rounds", type=int, default=200)
p.add_argument("--timeout", type=float, default=10)
a = p.parse_args()

num = pl.DataFrame({f"x{i}": [float(v) for v in range(20)] for i in range(3)})
conv = {"str": num.select(pl.all().cast(pl.String)), "float": num,
        "decimal": num.select(pl.all().cast(pl.Decimal(18, 2)))}[a.frame]
done = [0] * a.threads
convert = {"to_pandas": conv.to_pandas, "to_arrow": conv.to_arrow,
           "write_ipc": lambda: conv.write_ipc(io.BytesIO())}[a.convert]


def work(i: int) -> None:
    for _ in range(a.rounds):
        if a.mode in ("both", "udf"):
            num.select([pl.col(f"x{k}").map_elements(lambda v: f"{v:.1f}", return_dtype=pl.String)
                        for k in range(a.udfs)])
        if a.mode in ("both", "pandas"):
            convert()
        done[i] += 1


print(f"polars {pl.__version__}, {os.cpu_count()} cores, pool {pl.thread_pool_size()} threads; {vars(a)}", flush=True)
faulthandler.dump_traceback_later(a.timeout, exit=True)
t0 = time.perf_counter()
threads = [threading.Thread(target=work, args=(i,)) for i in range(a.threads)]
for t in threads:
    t.start()
for t in threads:
    t.join()
faulthandler.cancel_dump_traceback_later()
print(f"ok: rounds per thread {done} in {time.perf_counter() - t0:.2f} s")
sys.exit(0)
