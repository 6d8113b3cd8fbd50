#!/usr/bin/env python3
# side-by-side.py — open the same plan in GNOME Planner and in Planboard
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage (from the source tree, after building into build/):
#   bench/side-by-side.py [--runs 3] [--shapes 1000:100,5000:500,...]
#                         [--view board|timeline] [--only planboard|planner|hello]
#
# For each shape (items:groups) it writes the plan with make-plans.py as a
# .planner file and as planboard-plan/1 JSON, imports the JSON into a fresh
# library with planboard-cli, then, alternating the two applications run by
# run, each on its own Xvfb display (1280x800):
#   launches the application on the plan;
#   waits for its window (xdotool search --name);
#   samples its CPU time (/proc/PID/stat, utime + stime) every 10 ms and
#   waits until, after the window showed, neither it nor the Xvfb server
#   has changed for 0.3 s, both asleep throughout (not runnable: on a
#   shared machine a process waiting for a CPU, or for a starved display
#   server, is not idle);
# and prints seconds to the window, seconds to idle (when the CPU time last
# changed), CPU seconds and RSS (VmRSS at idle, MB). Medians per shape and
# application close the output. GNOME Planner comes from Debian's
# `planner` package, xdotool and Xvfb from `xdotool` and `xvfb`.
#
# --session-bus gives each run a D-Bus session bus of its own (dbus-daemon,
# Debian's `dbus`), as a desktop session has. Without one (the default, as
# the figures in docs/BENCHMARKS.md before session 5 were taken) GLib tries
# to autolaunch a bus at every g_bus_get (): the application forks three
# times at its start (GApplication, GTK, libadwaita each ask), and the
# copy-on-write faults of the forks cost it CPU that no desktop pays.
#
# --only hello times bench/hello-window (BUILD/bench/hello-window: one
# AdwApplicationWindow with a header bar and a label, Planboard's size and
# start-up settings) the same way, once per run of each shape: the floor
# that GTK, libadwaita and the display set on this machine, before any of
# Planboard's own work.

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
CLK_TCK = os.sysconf("SC_CLK_TCK")


def need(program, package):
    if shutil.which(program) is None:
        sys.exit("side-by-side: %s is missing: apt-get install %s" % (program, package))


def cpu_seconds(pid):
    """CPU time (user + system) and whether the process is running or
    waiting for a CPU (state R): on a shared machine a process starved of
    CPU is not idle, however long its CPU time stands still."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK, fields[0] == "R"
    except (OSError, IndexError):
        return None, False


def rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def start_xvfb():
    for n in range(150, 250):
        if os.path.exists("/tmp/.X11-unix/X%d" % n) or os.path.exists("/tmp/.X%d-lock" % n):
            continue
        display = ":%d" % n
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = time.monotonic() + 10
        while time.monotonic() < end:
            if subprocess.run(["xdotool", "getdisplaygeometry"], env=dict(os.environ, DISPLAY=display),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
                return xvfb, display
            time.sleep(0.05)
        xvfb.terminate()
        xvfb.wait()
    sys.exit("side-by-side: cannot start Xvfb")


def start_session_bus():
    """A private session bus: (process, address)."""
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = bus.stdout.readline().strip()
    if not address:
        bus.kill()
        bus.wait()
        sys.exit("side-by-side: dbus-daemon did not start")
    return bus, address


def measure(argv, env, window_name, timeout=180.0, session_bus=False):
    """Launches argv; returns (to_window, to_idle, cpu, rss) in seconds and MB."""
    xvfb, display = start_xvfb()
    env = dict(env, DISPLAY=display)
    bus = None
    if session_bus:
        bus, env["DBUS_SESSION_BUS_ADDRESS"] = start_session_bus()
    try:
        start = time.monotonic()
        # The application's messages, to say why it exited if it does.
        log = tempfile.TemporaryFile(mode="w+")
        app = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=log)
        to_window = None
        last_cpu, last_change = None, start
        while time.monotonic() - start < timeout:
            if to_window is None:
                found = subprocess.run(["xdotool", "search", "--name", window_name], env=env,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.strip()
                if found:
                    to_window = time.monotonic() - start
                    last_change = max(last_change, start + to_window)
            cpu, running = cpu_seconds(app.pid)
            if cpu is None or app.poll() is not None:
                app.wait()
                log.seek(0)
                said = [line.strip() for line in log if "session bus" not in line and line.strip()]
                raise RuntimeError("%s exited (status %s)%s" % (argv[0], app.returncode,
                                                               ": " + " / ".join(said[-3:]) if said else ""))
            # The display server counts too: an application waiting for a
            # starved X server is asleep, not done.
            server_cpu, server_running = cpu_seconds(xvfb.pid)
            now = time.monotonic()
            if (cpu, server_cpu) != last_cpu or running or server_running:
                last_cpu, last_change = (cpu, server_cpu), max(now, last_change)
            elif to_window is not None and now - last_change >= 0.3:
                return to_window, last_change - start, cpu_seconds(app.pid)[0], rss_mb(app.pid)
            time.sleep(0.01)
        raise RuntimeError("%s did not settle in %.0f s" % (argv[0], timeout))
    finally:
        if 'app' in locals() and app.poll() is None:
            app.kill()
            app.wait()
        # SIGTERM, so that Xvfb removes its /tmp/.X*-lock and socket: a
        # killed one leaves them, and a hundred runs use up the displays.
        xvfb.terminate()
        try:
            xvfb.wait(timeout=5)
        except subprocess.TimeoutExpired:
            xvfb.kill()
            xvfb.wait()
        if bus is not None:
            bus.terminate()
            bus.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shapes", default="1000:100,5000:500,20000:2000,5000:10,20000:10")
    parser.add_argument("--view", default="board", choices=["board", "timeline"])
    parser.add_argument("--only", choices=["planboard", "planner", "hello"])
    parser.add_argument("--build", default=os.path.join(SOURCE, "build"))
    parser.add_argument("--workdir", default=None, help="where the plans go (kept between runs)")
    parser.add_argument("--session-bus", action="store_true",
                        help="give each run a D-Bus session bus of its own, as a desktop has")
    args = parser.parse_args()

    need("Xvfb", "xvfb")
    need("xdotool", "xdotool")
    if args.only is None or args.only == "planner":
        need("planner", "planner")
    if args.session_bus:
        need("dbus-daemon", "dbus")

    workdir = args.workdir or os.path.join(tempfile.gettempdir(), "planboard-side-by-side")
    os.makedirs(workdir, exist_ok=True)
    planboard = os.path.join(args.build, "src", "planboard")
    hello = os.path.join(args.build, "bench", "hello-window")
    if args.only == "hello" and not os.path.exists(hello):
        sys.exit("side-by-side: %s is missing: meson compile -C %s" % (hello, args.build))
    cli = os.path.join(args.build, "src", "cli", "planboard-cli")
    results = {}

    for shape in args.shapes.split(","):
        n_items, n_groups = (int(x) for x in shape.split(":"))
        stem = os.path.join(workdir, "plan-%d-%d" % (n_items, n_groups))
        if not os.path.exists(stem + ".planner"):
            subprocess.run([sys.executable, os.path.join(HERE, "make-plans.py"), str(n_items), str(n_groups), stem],
                           check=True)
        library = stem + ".db"
        if not os.path.exists(library):
            subprocess.run([cli, "--db", library, "import", stem + ".json"], check=True, stdout=subprocess.DEVNULL)

        for run in range(args.runs):
            apps = ["planner", "planboard"] if run % 2 == 0 else ["planboard", "planner"]
            if args.only == "hello":
                apps = ["hello"]
            for app in apps:
                if args.only and app != args.only:
                    continue
                home = tempfile.mkdtemp(prefix="side-by-side-")
                env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"),
                           XDG_DATA_HOME=os.path.join(home, "data"), XDG_CACHE_HOME=os.path.join(home, "cache"),
                           NO_AT_BRIDGE="1")
                env.pop("DBUS_SESSION_BUS_ADDRESS", None)
                if app == "planner":
                    env["GSETTINGS_BACKEND"] = "memory"
                    argv, name = ["planner", stem + ".planner"], " - Planner$"
                elif app == "hello":
                    env.update(GSETTINGS_BACKEND="memory", GSK_RENDERER="cairo", GTK_A11Y="test")
                    argv, name = [hello], "^Hello$"
                else:
                    copy = os.path.join(home, "library.db")
                    shutil.copy(library, copy)
                    os.makedirs(os.path.join(home, "config", "glib-2.0", "settings"))
                    with open(os.path.join(home, "config", "glib-2.0", "settings", "keyfile"), "w") as f:
                        f.write("[io/github/planboard/Planboard]\nlast-view='%s'\n" % args.view)
                    env.update(GSETTINGS_BACKEND="keyfile", GSK_RENDERER="cairo", GTK_A11Y="test",
                               GSETTINGS_SCHEMA_DIR=os.path.join(args.build, "data"),
                               PLANBOARD_LOCALEDIR=os.path.join(args.build, "po"))
                    argv, name = [planboard, "--db", copy], "^Planboard$"
                try:
                    r = measure(argv, env, name, session_bus=args.session_bus)
                except RuntimeError as e:
                    print("%-14s %-9s run %d: %s" % (shape, app, run + 1, e), flush=True)
                    continue
                finally:
                    shutil.rmtree(home, ignore_errors=True)
                results.setdefault((shape, app), []).append(r)
                print("%-14s %-9s run %d: window %.2f s, idle %.2f s, CPU %.2f s, RSS %.0f MB"
                      % (shape, app, run + 1, r[0], r[1], r[2], r[3] or 0), flush=True)

    print("\nmedians (%d runs; %s as the last view; %s)"
          % (args.runs, args.view, "a session bus each" if args.session_bus else "no session bus"))
    print("| plan (items:groups) | app | window | idle | CPU | RSS |")
    print("|---|---|---|---|---|---|")
    for (shape, app), rs in results.items():
        med = [statistics.median(x[i] for x in rs) for i in range(4)]
        print("| %s | %s | %.2f s | %.2f s | %.2f s | %.0f MB |" % (shape, app, med[0], med[1], med[2], med[3]))


if __name__ == "__main__":
    main()
