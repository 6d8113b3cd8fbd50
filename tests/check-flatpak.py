#!/usr/bin/env python3
"""Checks the Flatpak manifest against the rules of issue #8.

check-flatpak.py SOURCE_ROOT METAINFO DESKTOP

- valid JSON;
- the app id is the metainfo's <id> and the desktop file's name;
- finish-args are exactly ipc, fallback-x11, wayland and dri: no filesystem,
  no network, no session bus (files and printing go through portals);
- every downloaded source is pinned by a sha256 (the app's own source is the
  source tree itself, a "dir");
- the app is built with meson and runs its tests in the build.
"""
import json
import os
import re
import sys

root, metainfo, desktop = sys.argv[1], sys.argv[2], sys.argv[3]
path = os.path.join(root, "flatpak", "io.github.planboard.Planboard.json")
problems = []

with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

app_id = manifest.get("id") or manifest.get("app-id")
meta_ids = re.findall(r"<id>([^<]+)</id>", open(metainfo, encoding="utf-8").read())
if not meta_ids or meta_ids[0] != app_id:
    problems.append(f"metainfo id {meta_ids[:1]} is not the app id {app_id}")
if os.path.basename(desktop) != app_id + ".desktop":
    problems.append(f"desktop file {os.path.basename(desktop)} is not {app_id}.desktop")
launchable = re.findall(r'<launchable type="desktop-id">([^<]+)</launchable>', open(metainfo, encoding="utf-8").read())
if launchable != [app_id + ".desktop"]:
    problems.append(f"launchable {launchable} is not {app_id}.desktop")

allowed = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"}
finish = set(manifest.get("finish-args", []))
if finish != allowed:
    problems.append(f"finish-args {sorted(finish)} are not exactly {sorted(allowed)}")

app_module = None
for module in manifest.get("modules", []):
    if isinstance(module, str):
        problems.append(f"module {module} is an external file: pin it here")
        continue
    for source in module.get("sources", []):
        kind = source.get("type")
        if kind == "dir" and module.get("name") == "planboard":
            continue
        if kind in ("archive", "file") and not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
            problems.append(f"{module['name']}: {source.get('url')} has no sha256")
        elif kind == "git" and not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")):
            problems.append(f"{module['name']}: git source without a commit")
        elif kind not in ("archive", "file", "git", "patch"):
            problems.append(f"{module['name']}: source type {kind} cannot be pinned")
    if module.get("name") == "planboard":
        app_module = module

if app_module is None:
    problems.append("no planboard module")
else:
    if app_module.get("buildsystem") != "meson":
        problems.append("planboard is not built with meson")
    if not app_module.get("run-tests"):
        problems.append("planboard's tests do not run in the build")

if manifest.get("modules", [{}])[-1].get("name") != "planboard":
    problems.append("planboard is not the last module")

for p in problems:
    print("flatpak manifest:", p)
sys.exit(1 if problems else 0)
