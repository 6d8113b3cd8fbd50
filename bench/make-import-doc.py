#!/usr/bin/env python3
# make-import-doc.py — a plan document of N numbered tasks, to import
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/make-import-doc.py N_ITEMS OUT.txt
#
# Writes a plain-text action plan as the corpus documents are written:
# a title, its period, "二、重点任务", then sections of 100 numbered tasks,
# each with two yearly targets and its responsible organisations
# ("[责任单位:LEAD,OTHER、各区(市)县政府]"). For bench/import-keystroke at
# the size of a large plan (2,000 items). Deterministic.

import sys

DIGITS = "一二三四五六七八九十"
LEADS = ["市经信局", "市发改委", "市科技局", "市住建局", "市交通运输局", "市教育局", "市卫健委", "市大数据局"]


def chinese(n):
    if n <= 10:
        return DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens - 1]) + "十" + (DIGITS[ones - 1] if ones else "")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make-import-doc.py N_ITEMS OUT.txt")
    n_items = int(sys.argv[1])
    lines = ["某市新型基础设施建设行动方案", "(2024—2026年)", "一、总体要求",
             "到2026年,基本形成新型基础设施体系。", "二、重点任务"]
    k = 0
    section = 0
    while k < n_items:
        section += 1
        lines.append(f"({chinese(section)})坚持统筹推进第{section}项工程。着力强基础、建平台。")
        for i in range(1, 101):
            if k == n_items:
                break
            k += 1
            lead, other = LEADS[k % len(LEADS)], LEADS[(k + 3) % len(LEADS)]
            lines.append(f"{i}. 推进第{k}项建设任务。加快建设相关设施,到2025年建成基站{k % 90 + 10}座,"
                         f"到2026年新增上云企业{k % 50 + 5}家。[责任单位:{lead},{other}、各区(市)县政府]")
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


main()
