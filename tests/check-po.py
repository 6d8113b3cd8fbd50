#!/usr/bin/env python3
# check-po.py — the Chinese translations read as officials write them
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.py SOURCE_ROOT [--po-dir DIR] [--self-test]
#
# For po/zh_CN.po and po/zh_TW.po (or the ones in DIR):
#  - no half-width , : ; ! ? next to a Chinese character or a full-width
#    mark in a msgstr (mnemonics such as 取消(_C) are fine; a .desktop
#    keyword list keeps its ';' separators);
#  - zh_TW quotes with 「」, not “”;
#  - every term of docs/GLOSSARY.md: each msgid listed with it is translated
#    with the glossary's word, and no msgstr uses a word the glossary says
#    to avoid (the glossary is read from the page itself, so the two cannot
#    drift apart);
#  - no msgstr is empty or fuzzy, and every message xgettext finds in the
#    files of po/POTFILES.in has an entry;
#  - msgfmt -c and msgfmt --check-accelerators pass.
# --self-test first breaks copies of the files in the ways above and
# checks that each is caught.

import os
import re
import shutil
import subprocess
import sys
import tempfile

LANGS = ('zh_CN', 'zh_TW')
CJK = '\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019'
HALF = ',:;!?'
HALF_NEXT_TO_CJK = re.compile('[%s][%s]|[%s][%s]' % (CJK, re.escape(HALF), re.escape(HALF), CJK))
KEYWORDS = re.compile(r'[^ ;]+(;[^ ;]+)*;')  # a .desktop Keywords list: ';' is syntax

XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments', '-k_',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
]


class Entry:
    def __init__(self):
        self.ctx = None
        self.msgid = None
        self.plural = None
        self.msgstrs = []
        self.flags = set()
        self.line = 0
        self.obsolete = False

    def key(self):
        return (self.ctx, self.msgid)

    def name(self):
        return ('[%s] ' % self.ctx if self.ctx else '') + repr(self.msgid)


def unquote(s):
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            out.append({'n': '\n', 't': '\t', '"': '"', '\\': '\\', 'r': '\r'}.get(n, '\\' + n))
            i += 2
            continue
        out.append(c)
        i += 1
    return ''.join(out)


def parse_po(path):
    """The entries of a .po file, with the line of each msgid."""
    entries = []
    cur = Entry()
    field = None

    def flush():
        nonlocal cur, field
        if cur.msgid is not None:
            entries.append(cur)
        cur = Entry()
        field = None

    with open(path, encoding='utf-8') as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            if not line.strip():
                flush()
                continue
            if line.startswith('#~'):
                if cur.msgid is not None and not cur.obsolete:
                    flush()
                cur.obsolete = True
                continue
            if line.startswith('#,'):
                if cur.msgid is not None:
                    flush()
                cur.flags.update(x.strip() for x in line[2:].split(','))
                continue
            if line.startswith('#'):
                if cur.msgid is not None:
                    flush()
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$', line)
            if m:
                kind, text = m.group(1), unquote(m.group(2))
                if kind == 'msgctxt':
                    if cur.msgid is not None:
                        flush()
                    cur.ctx = text
                    field = 'ctx'
                elif kind == 'msgid':
                    if cur.msgid is not None:
                        flush()
                    cur.msgid = text
                    cur.line = number
                    field = 'msgid'
                elif kind == 'msgid_plural':
                    cur.plural = text
                    field = 'plural'
                else:
                    cur.msgstrs.append(text)
                    field = 'msgstr'
                continue
            m = re.match(r'^"(.*)"\s*$', line)
            if m and field:
                text = unquote(m.group(1))
                if field == 'ctx':
                    cur.ctx += text
                elif field == 'msgid':
                    cur.msgid += text
                elif field == 'plural':
                    cur.plural += text
                else:
                    cur.msgstrs[-1] += text
                continue
            raise SystemExit('%s:%d: cannot read this line: %s' % (path, number, line))
    flush()
    return [e for e in entries if not e.obsolete]


def parse_msgid_cell(cell):
    """`[context] msgid`, `msgid` → (context or None, msgid)"""
    keys = []
    for code in re.findall(r'`([^`]+)`', cell):
        m = re.match(r'^\[([^\]]+)\] (.*)$', code)
        keys.append((m.group(1), m.group(2)) if m else (None, code))
    return keys


def table_rows(text, heading):
    """The body rows of the first table after the line '## heading', as lists of cells."""
    lines = text.split('\n')
    try:
        start = lines.index('## ' + heading)
    except ValueError:
        raise SystemExit('docs/GLOSSARY.md has no section "## %s"' % heading)
    rows = []
    seen_table = False
    for line in lines[start + 1:]:
        if line.startswith('## '):
            break
        if line.startswith('|'):
            seen_table = True
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            if all(re.fullmatch(r'-+', c) for c in cells):
                continue
            rows.append(cells)
        elif seen_table:
            break
    return rows[1:]  # without the header row


def read_glossary(path):
    text = open(path, encoding='utf-8').read()
    terms = []
    for cells in table_rows(text, 'Terms'):
        if len(cells) < 5:
            raise SystemExit('%s: a term row needs 5 cells: %s' % (path, cells))
        terms.append({'english': cells[0], 'keys': parse_msgid_cell(cells[1]),
                      'zh_CN': cells[2], 'zh_TW': cells[3]})
    avoid = {'zh_CN': [], 'zh_TW': []}
    for cells in table_rows(text, 'Words to avoid (checked)'):
        if cells[0]:
            avoid['zh_CN'].append((cells[0], cells[2]))
        if cells[1]:
            avoid['zh_TW'].append((cells[1], cells[2]))
    if len(terms) < 20:
        raise SystemExit('%s: only %d terms read: is the table broken?' % (path, len(terms)))
    return terms, avoid


def extract_messages(root):
    """The (context, msgid) of every message xgettext finds in po/POTFILES.in."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'planboard.pot')
        cmd = ['xgettext', '--package-name=planboard', '-f', os.path.join(root, 'po', 'POTFILES.in'),
               '-D', root, '-o', pot] + XGETTEXT_ARGS
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit('xgettext failed:\n' + run.stderr)
        return [e.key() for e in parse_po(pot) if e.msgid]


def check(root, po_dir, quiet=False):
    """The problems found, as 'file:line: message' strings."""
    problems = []
    terms, avoid = read_glossary(os.path.join(root, 'docs', 'GLOSSARY.md'))
    wanted = extract_messages(root)

    for lang in LANGS:
        path = os.path.join(po_dir, lang + '.po')
        rel = os.path.relpath(path, root) if os.path.abspath(po_dir) == os.path.abspath(os.path.join(root, 'po')) else path
        entries = parse_po(path)
        by_key = {e.key(): e for e in entries}

        for e in entries:
            if e.msgid == '':
                continue
            where = '%s:%d: %s' % (rel, e.line, e.name())
            if 'fuzzy' in e.flags:
                problems.append('%s: fuzzy: check the translation and drop the flag' % where)
            if not e.msgstrs or any(s == '' for s in e.msgstrs):
                problems.append('%s: not translated' % where)
                continue
            for s in e.msgstrs:
                if not KEYWORDS.fullmatch(e.msgid):
                    for m in HALF_NEXT_TO_CJK.finditer(s):
                        problems.append('%s: half-width punctuation next to Chinese in “%s”: “%s” '
                                        '(write ，：；！？)' % (where, s, m.group(0)))
                if lang == 'zh_TW' and re.search('[“”]', s):
                    problems.append('%s: zh_TW quotes with 「」, not “”: “%s”' % (where, s))
                for word, instead in avoid[lang]:
                    if word in s:
                        problems.append('%s: “%s” uses “%s”; the glossary says: %s' % (where, s, word, instead))

        for t in terms:
            word = t[lang]
            for key in t['keys']:
                e = by_key.get(key)
                name = ('[%s] ' % key[0] if key[0] else '') + repr(key[1])
                if e is None:
                    problems.append('%s: the glossary term “%s” lists %s, which is not in the file'
                                    % (rel, t['english'], name))
                elif any(word not in s for s in e.msgstrs):
                    problems.append('%s:%d: %s is translated “%s”; the glossary term “%s” is %s'
                                    % (rel, e.line, name, ' / '.join(e.msgstrs), t['english'], word))

        for key in wanted:
            if key not in by_key:
                name = ('[%s] ' % key[0] if key[0] else '') + repr(key[1])
                problems.append('%s: %s from the sources has no entry: add it with its translation' % (rel, name))

        for args in (['-c'], ['--check-accelerators=_']):
            run = subprocess.run(['msgfmt'] + args + ['-o', os.devnull, path], capture_output=True, text=True)
            if run.returncode != 0 or run.stderr.strip():
                problems.append('%s: msgfmt %s:\n%s' % (rel, ' '.join(args), run.stderr.strip()))
    return problems


def self_test(root):
    """Break copies of the .po files one way at a time; each must be caught."""
    cases = [
        ('half-width comma', 'zh_CN', 'msgstr "主窗口的宽度，启动时恢复。"', 'msgstr "主窗口的宽度,启动时恢复。"',
         'half-width punctuation'),
        ('half-width colon', 'zh_TW', 'msgstr "主辦單位：%s"', 'msgstr "主辦單位:%s"', 'half-width punctuation'),
        ('glossary drift', 'zh_CN', 'msgstr "牵头单位：%s"', 'msgstr "牵头：%s"', 'the glossary term'),
        ('avoided word', 'zh_CN', 'msgstr "锁定本期数据"', 'msgstr "结转报告期"', 'the glossary says'),
        ('curly quotes in zh_TW', 'zh_TW', '「%s」', '“%s”', 'quotes with'),
        ('broken format', 'zh_CN', 'msgstr "%d年未报送实际值"', 'msgstr "%s年未报送实际值"', 'msgfmt -c'),
        ('lost mnemonic', 'zh_CN', 'msgstr "取消(_C)"', 'msgstr "取消"', 'msgfmt --check-accelerators'),
        ('untranslated', 'zh_TW', 'msgstr "匯入方案"', 'msgstr ""', 'not translated'),
        ('missing entry', 'zh_CN', 'msgid "Export PDF"\n', 'msgid "Export PDF file"\n', 'has no entry'),
    ]
    failures = 0
    for name, lang, good, bad, expect in cases:
        with tempfile.TemporaryDirectory() as tmp:
            for l in LANGS:
                shutil.copy(os.path.join(root, 'po', l + '.po'), tmp)
            path = os.path.join(tmp, lang + '.po')
            text = open(path, encoding='utf-8').read()
            if good not in text:
                print('self-test %s: “%s” is not in %s.po any more: update the self-test' % (name, good, lang))
                failures += 1
                continue
            open(path, 'w', encoding='utf-8').write(text.replace(good, bad, 1))
            found = [p for p in check(root, tmp) if expect in p]
            if found:
                print('self-test %s: caught: %s' % (name, found[0].replace(tmp + os.sep, 'po(broken copy)/')))
            else:
                print('self-test %s: NOT caught' % name)
                failures += 1
    return failures


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__ or 'usage: check-po.py SOURCE_ROOT [--po-dir DIR] [--self-test]')
    root = args[0]
    po_dir = os.path.join(root, 'po')
    if '--po-dir' in args:
        po_dir = args[args.index('--po-dir') + 1]
    for tool in ('msgfmt', 'xgettext'):
        if shutil.which(tool) is None:
            raise SystemExit('%s is missing: install gettext' % tool)
    status = 0
    problems = check(root, po_dir)
    for p in problems:
        print(p)
    if problems:
        print('%d problem(s) in the Chinese translations; docs/GLOSSARY.md says how they are written' % len(problems))
        status = 1
    else:
        print('zh_CN and zh_TW: punctuation, glossary and msgfmt checks pass')
    if '--self-test' in args:
        print('self-test: breaking copies of the files, one way at a time')
        if self_test(root):
            print('self-test: the lint misses a deliberately wrong msgstr (or a case no longer applies)')
            status = 1
    return status


if __name__ == '__main__':
    sys.exit(main())
