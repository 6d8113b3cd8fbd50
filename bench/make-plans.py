#!/usr/bin/env python3
# make-plans.py — the same generated plan for GNOME Planner and for Planboard
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/make-plans.py N_ITEMS N_GROUPS OUT_STEM
#
# Writes OUT_STEM.planner (GNOME Planner's XML: N_GROUPS summary tasks, each
# with its share of the N_ITEMS - N_GROUPS children) and OUT_STEM.json
# (planboard-plan/1: the summary tasks as sections, the children as items),
# with the same CJK names, start and due dates, and percent complete. The
# default shape of issue #15 is N_GROUPS = N_ITEMS / 10 (groups of 9 items).
# Deterministic: the same arguments give the same files.

import datetime
import json
import random
import sys
from xml.sax.saxutils import quoteattr

VERBS = ["加快", "推进", "建设", "完善", "实施", "统筹", "深化", "健全", "打造", "提升"]
THINGS = ["5G网络规模化部署", "千兆光网城市建设", "绿色数据中心", "城市物联感知体系", "工业互联网平台",
          "智慧交通基础设施", "充电基础设施", "政务服务一网通办", "智慧教育和智慧医疗", "数据要素市场",
          "人工智能算力中心", "北斗时空信息服务", "城市信息模型平台", "网络安全保障体系", "智慧能源网络"]
LEADS = ["市发展改革委", "市工业和信息化局", "市通信管理办公室", "市大数据局", "市交通运输局",
         "市住房城乡建设局", "市教育局", "市卫生健康委", "市科技局", "国网供电公司"]
PERIOD_START = datetime.date(2024, 1, 1)
PERIOD_DAYS = 4 * 365


def make(n_items, n_groups, seed=15):
    rng = random.Random(seed)
    n_children = n_items - n_groups
    groups = []
    for g in range(n_groups):
        groups.append({"id": "s%d" % (g + 1), "number": "(%d)" % (g + 1),
                       "title": "第%d板块:%s%s" % (g + 1, VERBS[g % len(VERBS)], THINGS[g % len(THINGS)]),
                       "items": []})
    for i in range(n_children):
        start = PERIOD_START + datetime.timedelta(days=rng.randrange(0, PERIOD_DAYS - 60))
        days = rng.randrange(30, 400)
        due = min(start + datetime.timedelta(days=days), PERIOD_START + datetime.timedelta(days=PERIOD_DAYS - 1))
        percent = rng.randrange(0, 101)
        groups[i * n_groups // n_children]["items"].append({
            "number": str(i + 1),
            "title": "%s%s(第%d项)" % (VERBS[i % len(VERBS)], THINGS[(i // 3) % len(THINGS)], i + 1),
            "lead": LEADS[i % len(LEADS)],
            "start": start, "due": due, "percent": percent,
        })
    return groups


def write_planner(groups, path, title):
    def ts(d, hour=8):
        return "%04d%02d%02dT%02d0000Z" % (d.year, d.month, d.day, hour)

    out = ['<?xml version="1.0"?>',
           '<project name=%s company="" manager="" phase="" project-start="%s" mrproject-version="2" calendar="1">'
           % (quoteattr(title), ts(PERIOD_START, 0)),
           '  <properties/>', '  <phases/>',
           '  <calendars>', '    <day-types>',
           '      <day-type id="0" name="Working" description="A default working day"/>',
           '      <day-type id="1" name="Nonworking" description="A default non working day"/>',
           '      <day-type id="2" name="Use base" description="Use day from base calendar"/>',
           '    </day-types>',
           '    <calendar id="1" name="Default">',
           '      <default-week mon="0" tue="0" wed="0" thu="0" fri="0" sat="0" sun="0"/>',
           '      <overridden-day-types>', '        <overridden-day-type id="0">',
           '          <interval start="0800" end="1200"/>', '          <interval start="1300" end="1700"/>',
           '        </overridden-day-type>', '      </overridden-day-types>', '      <days/>',
           '    </calendar>', '  </calendars>', '  <tasks>']
    task_id = 1
    for g in groups:
        out.append('    <task id="%d" name=%s note="" work="0" start="%s" end="%s" work-start="%s" '
                   'percent-complete="0" priority="0" type="normal" scheduling="fixed-work">'
                   % (task_id, quoteattr(g["title"]), ts(PERIOD_START), ts(PERIOD_START, 17), ts(PERIOD_START)))
        task_id += 1
        for it in g["items"]:
            days = (it["due"] - it["start"]).days + 1
            out.append('      <task id="%d" name=%s note=%s work="%d" start="%s" end="%s" work-start="%s" '
                       'percent-complete="%d" priority="0" type="normal" scheduling="fixed-work">'
                       % (task_id, quoteattr(it["title"]), quoteattr("牵头单位:" + it["lead"]), days * 8 * 3600,
                          ts(it["start"]), ts(it["due"], 17), ts(it["start"]), it["percent"]))
            out.append('        <constraint type="must-start-on" time="%s"/>' % ts(it["start"]))
            out.append('      </task>')
            task_id += 1
        out.append('    </task>')
    out += ['  </tasks>', '  <resource-groups/>', '  <resources/>', '  <allocations/>', '</project>', '']
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def write_json(groups, path, title):
    items = []
    for g in groups:
        for it in g["items"]:
            items.append({"section": g["id"], "kind": "task", "number": it["number"], "title": it["title"],
                          "start": it["start"].isoformat(), "due": it["due"].isoformat(),
                          "status": "done" if it["percent"] == 100 else "not-started" if it["percent"] == 0
                          else "in-progress",
                          "progress": it["percent"] / 100.0, "lead_units": [it["lead"]]})
    doc = {"format": "planboard-plan/1", "title": title,
           "period": {"start": PERIOD_START.year, "end": PERIOD_START.year + 3},
           "sections": [{"id": g["id"], "parent": None, "number": g["number"], "title": g["title"]} for g in groups],
           "items": items}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=0)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: make-plans.py N_ITEMS N_GROUPS OUT_STEM")
    n_items, n_groups, stem = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    if not 0 < n_groups < n_items:
        sys.exit("make-plans.py: N_GROUPS must be between 1 and N_ITEMS - 1")
    title = "基准方案:%d项,%d个板块" % (n_items, n_groups)
    groups = make(n_items, n_groups)
    write_planner(groups, stem + ".planner", title)
    write_json(groups, stem + ".json", title)


if __name__ == "__main__":
    main()
