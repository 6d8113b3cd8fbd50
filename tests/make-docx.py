#!/usr/bin/env python3
"""Writes a .docx holding a text file's paragraphs, one per line.

usage: make-docx.py IN.txt OUT.docx

A minimal WordprocessingML package, as Word and LibreOffice write it: the
tests use it to import a corpus document as .docx without copying the
document into the project.
"""
import sys
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def paragraph(text):
    # Word splits a paragraph into runs; do so too, mid-sentence, so the
    # reader has to join them.
    if len(text) > 12:
        cut = len(text) // 3
        runs = [text[:cut], text[cut:]]
    else:
        runs = [text]
    body = "".join('<w:r><w:rPr><w:rFonts w:eastAsia="宋体"/></w:rPr>'
                   '<w:t xml:space="preserve">%s</w:t></w:r>' % escape(r) for r in runs)
    return "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>%s</w:p>" % body


def main():
    src, out = sys.argv[1], sys.argv[2]
    lines = [l.strip() for l in open(src, encoding="utf-8")]
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body>%s<w:sectPr/></w:body></w:document>' % "".join(paragraph(l) for l in lines if l))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc)


if __name__ == "__main__":
    main()
