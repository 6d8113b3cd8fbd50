#!/usr/bin/env python3
"""Reads a ledger back as a spreadsheet program would.

check-ledger.py xlsx FILE.xlsx   — a valid package whose sheets hold the cells
check-ledger.py csv  FILE.csv    — UTF-8 with BOM; prints the rows as JSON
"""
import csv
import io
import json
import re
import sys
import zipfile

kind, path = sys.argv[1], sys.argv[2]

if kind == "xlsx":
    z = zipfile.ZipFile(path)
    assert z.testzip() is None, "a damaged member"
    names = set(z.namelist())
    for member in ("[Content_Types].xml", "xl/workbook.xml", "xl/sharedStrings.xml",
                   "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"):
        assert member in names, member
    workbook = z.read("xl/workbook.xml").decode()
    sheets = re.findall(r'<sheet name="([^"]+)"', workbook)
    strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
    out = {"sheets": sheets, "strings": strings}
    for i in (1, 2, 3):
        xml = z.read(f"xl/worksheets/sheet{i}.xml").decode()
        out[f"sheet{i}_frozen"] = 'state="frozen"' in xml
        out[f"sheet{i}_cols"] = len(re.findall(r"<col ", xml))
        # numbers as written: <c r="K5" ...><v>62</v></c> without t="s"
        out[f"sheet{i}_numbers"] = {m.group(1): m.group(2) for m in
                                    re.finditer(r'<c r="([A-Z]+\d+)"(?: s="\d+")?><v>([^<]*)</v>', xml)}
    print(json.dumps(out, ensure_ascii=False))
elif kind == "csv":
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    print(json.dumps(rows, ensure_ascii=False))
else:
    sys.exit("xlsx or csv")
