"""Loaded by Python at start-up in CI's faketime runs (PYTHONPATH=.ci/faketime, faketime --exclude-monotonic).

libfaketime 0.9.10 (Debian 12) fails clock_nanosleep on the real monotonic clock with EINVAL, which is what
time.sleep uses; faking the monotonic clock instead hangs every wait with a timeout (sem_clockwait is not
intercepted). So the monotonic clock stays real and time.sleep waits in select(), which takes a relative
timeout. Only the wall clock (dates and times) is faked, which is what the tests are about.
"""
import select
import time


def _sleep(seconds: float) -> None:
    select.select([], [], [], max(0.0, seconds))


time.sleep = _sleep
