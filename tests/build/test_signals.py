"""Stop signals: raised as `Stopped` in the main process, held back while
the new site goes in, and the default action in forked workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from newsdossier.build import signals


def send(number: int) -> None:
    os.kill(os.getpid(), number)
    time.sleep(0.05)  # the handler runs between two bytecodes of this thread: give it one


@pytest.mark.parametrize("number", signals.STOP_SIGNALS)
def test_a_stop_signal_is_raised_as_stopped(number):
    with signals.stop_on_signals(), pytest.raises(signals.Stopped) as stop:
        send(number)
    assert (stop.value.number, stop.value.finished, stop.value.exit_status) == (number, False, 128 + number)
    assert signal.getsignal(number) is not signals._handler  # put back after the block


def test_a_signal_while_held_waits_for_the_end_of_the_block():
    done = []
    with signals.stop_on_signals(), pytest.raises(signals.Stopped) as stop, signals.held():
        send(signal.SIGTERM)
        send(signal.SIGHUP)  # a second one while the first waits: the first is what counts
        done.append("the rest of the block")
    assert done == ["the rest of the block"]
    assert (stop.value.number, stop.value.finished) == (signal.SIGTERM, True)


def test_after_the_first_stop_later_signals_are_ignored_while_unwinding():
    with signals.stop_on_signals():
        with pytest.raises(signals.Stopped):
            send(signal.SIGTERM)
        send(signal.SIGTERM)  # cleaning up: not interrupted again


def test_a_forked_worker_ends_as_the_signal_says_instead_of_raising():
    with signals.stop_on_signals():
        child = os.fork()
        if child == 0:  # the handler is inherited: it must not raise here
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)
            finally:
                os._exit(3)  # reached only if the signal did not end the process
        _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM


def test_a_signal_in_a_deferred_step_is_raised_after_it_as_a_plain_stop():
    done = []
    with signals.stop_on_signals(), pytest.raises(signals.Stopped) as stop:
        with signals.deferred():
            send(signal.SIGHUP)
            done.append("the step's end")
        done.append("never: the stop comes first")
    assert done == ["the step's end"]
    assert (stop.value.number, stop.value.finished) == (signal.SIGHUP, False)


def test_a_deferred_step_inside_a_held_block_leaves_the_signal_to_the_block():
    with signals.stop_on_signals(), pytest.raises(signals.Stopped) as stop, signals.held():
        with signals.deferred():
            send(signal.SIGTERM)
        assert True  # still running: the held block keeps the signal
    assert stop.value.finished


def test_a_signal_held_in_a_deferred_step_that_fails_is_still_a_stop():
    """The stop asked for wins over the step's own failure (its exit status
    and line are the stop's)."""
    with signals.stop_on_signals(), pytest.raises(signals.Stopped) as stop, signals.deferred():
        send(signal.SIGTERM)
        raise OSError(28, "No space left on device")
    assert stop.value.number == signal.SIGTERM


class _SignalsWhenFreed:
    """A finaliser that a stop signal interrupts: Python cannot pass on an
    exception raised in `__del__`, as with logging's after-fork callback."""

    def __init__(self, number: int):
        self.number = number

    def __del__(self):
        send(self.number)


@pytest.mark.parametrize("number", signals.STOP_SIGNALS)
def test_a_stop_python_could_not_raise_is_raised_at_the_next_checkpoint(number, capsys):
    done = []
    with signals.stop_on_signals(), pytest.raises(signals.Stopped) as stop:
        _SignalsWhenFreed(number)  # freed at once: the stop comes inside `__del__`
        done.append("the rest of the stage")
        signals.checkpoint()
        done.append("never: the stop comes first")
    assert done == ["the rest of the stage"]
    assert stop.value.number == number
    assert capsys.readouterr().err == ""  # not printed as "Exception ignored in ..."
    signals.checkpoint()  # raised once


def test_other_exceptions_python_could_not_raise_go_to_the_hook_there_was(monkeypatch):
    class Fails:
        def __del__(self):
            raise ValueError("a finaliser's own failure")

    seen = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: seen.append(unraisable.exc_value))
    hook = sys.unraisablehook
    with signals.stop_on_signals():
        Fails()
        signals.checkpoint()
    assert [str(e) for e in seen] == ["a finaliser's own failure"]
    assert sys.unraisablehook is hook  # put back after the block


AFTER_FORK = """
import os, signal, sys, time
from newsdossier.build import signals
from newsdossier.build.pipeline import Stopwatch

def interrupted():  # like logging's lock released in the parent after each fork
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.05)

os.register_at_fork(after_in_parent=interrupted)
try:
    with signals.stop_on_signals():
        clock = Stopwatch()
        child = os.fork()
        if child == 0:
            os._exit(0)
        os.waitpid(child, 0)
        print("the stage ran on")
        clock.lap("analyse")
        print("never: the stage's end raises the stop")
except signals.Stopped as stop:
    print("stopped by", stop.name)
"""


def test_ctrl_c_during_a_fork_stops_the_build_at_the_stages_end():
    done = subprocess.run([sys.executable, "-c", AFTER_FORK], capture_output=True, text=True, timeout=60)
    assert (done.stdout, done.stderr) == ("the stage ran on\nstopped by SIGINT\n", "")
