#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fills a Planboard progress form the way a reporter's spreadsheet
program would: with openpyxl, a program that is not ours.

usage: fill-form.py IN.xlsx OUT.xlsx SPEC.json
       fill-form.py --describe IN.xlsx      (prints the form as JSON)

SPEC is a list of [row, column, kind, value]: row is an indicator's name
or, for an item's own cells, "item:" and the item's title; column is a
column title as the C locale writes it ("New Value", "Target"...); kind
is number, text, date (value YYYY-MM-DD, written as a real date) or percent
(value 0.3, formatted 0% as Excel stores a typed 30%).
["swap", ROW, ROW, null] exchanges two rows; ["delete-sheet", NAME, null,
null] removes a sheet.
"""
import datetime
import json
import sys

import openpyxl

HEADER_ROW = 7  # 1-based row of the column titles
COLUMNS = ["No.", "Item", "Indicator", "Unit", "Target", "Last Reported",
           "New Value", "As Of", "Status", "Progress (%)", "Note"]


def find_row(ws, key):
    item = None
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        title = ws.cell(r, 2).value
        if title:
            item = title
        if key.startswith("item:"):
            if title == key[5:]:
                return r
        elif ws.cell(r, 3).value == key:
            return r
    raise SystemExit("no row %r in the form" % key)


def describe(path):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    rows = []
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        rows.append([r] + [ws.cell(r, c).value for c in range(1, 7)])
    print(json.dumps({"sheets": wb.sheetnames,
                      "states": [s.sheet_state for s in wb.worksheets],
                      "protected": bool(ws.protection.sheet),
                      "rows": rows}, ensure_ascii=False, default=str))


def main():
    if sys.argv[1] == "--describe":
        describe(sys.argv[2])
        return
    src, dst, spec = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8"))
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    for key, column, kind, value in spec:
        if key == "swap":
            # two rows exchange every cell, as a reporter sorting the sheet would
            a, b = find_row(ws, column), find_row(ws, kind)
            for c in range(1, 12):
                x, y = ws.cell(a, c), ws.cell(b, c)
                x.value, y.value = y.value, x.value
            continue
        if key == "delete-sheet":
            del wb[column]
            continue
        cell = ws.cell(find_row(ws, key), COLUMNS.index(column) + 1)
        if kind == "date":
            cell.value = datetime.date.fromisoformat(value)
            cell.number_format = "yyyy-mm-dd"
        elif kind == "number":
            cell.value = float(value)
        elif kind == "percent":
            # 30% typed in Excel or WPS: 0.3, shown as a percentage
            cell.value = float(value)
            cell.number_format = "0%"
        else:
            cell.value = str(value)
    wb.save(dst)


if __name__ == "__main__":
    main()
