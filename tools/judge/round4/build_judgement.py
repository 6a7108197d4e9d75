import json, sys, collections
# usage: python3 build_judgement.py   -> reads sample-items.json + j.tsv (+ notes.md), writes judgement.json + summary.md
tag = 'round 4'
items = json.load(open(f'/work/judge4/sample-items.json'))
J = {}
for l in open(f'/work/judge4/j.tsv', encoding='utf-8'):
    if not l.strip(): continue
    p = l.rstrip('\n').split('\t'); J[int(p[0])] = p[1:]
out = []
for k, it in enumerate(items):
    p = J[k] + [''] * 4
    o = {'id': k, 'type': it['type'], 'file': it['file'], 'text_or_name': it['text_or_name'],
         'speaker': it['speaker'], 'source': it['source'], 'kind': it['kind']}
    if it['type'] == 'quote':
        o.update(real_speech=p[0], attribution=p[1], error_group=p[2] or None, reason=p[3] or None)
    else:
        o.update(aliases=it.get('aliases'), verdict=p[0], error_group=p[1] or None, reason=p[2] or None)
    out.append(o)
json.dump(out, open(f'/work/judge4/judgement.json', 'w'), ensure_ascii=False, indent=1)
Q = [o for o in out if o['type'] == 'quote']; A = [o for o in out if o['type'] == 'actor']
rs = sum(o['real_speech'] == 'yes' for o in Q); ar = sum(o['attribution'] == 'right' for o in Q)
acr = sum(o['verdict'] == 'right' for o in A)
L = [f'# sahifa judgement {tag}', '',
     f'Binary /work/judge4/sahifa (main at 6ee5168). Articles: /work/judge4/art_00..29.txt (sample.py, seed 3050, excluding the articles of rounds 1-3 and every article whose title is the first line of a .txt under tests/); outputs in r.json (run.py); items sampled with seed 3051 (pick.py). Verdicts in j.tsv; rules as in round 3 (round3/notes-a.md, notes-r1.md).', '',
     f'- real speech: **{rs}/{len(Q)}**', f'- speaker (or unnamed source) right: **{ar}/{len(Q)}**',
     f'- actors right: **{acr}/{len(A)}**', '']
def short(s, n=70):
    s = s or ''; return s if len(s) <= n else s[:n] + '…'
for title, rows in (('Quote errors', [o for o in Q if o['attribution'] == 'wrong']),
                    ('Actor errors', [o for o in A if o['verdict'] == 'wrong'])):
    L.append(f'## {title} ({len(rows)})'); L.append('')
    g = collections.defaultdict(list)
    for o in rows: g[o['error_group']].append(o)
    for eg, rr in sorted(g.items(), key=lambda x: -len(x[1])):
        ids = ', '.join(f"{o['file'][4:6]}#{o['id']}" for o in rr)
        e = rr[0]
        if e['type'] == 'quote':
            ex = f"«{short(e['text_or_name'])}» speaker={e['speaker']} source={e['source']} — {e['reason']}"
        else:
            ex = f"'{e['text_or_name']}' ({e['kind']}) — {e['reason']}"
        L.append(f'- **{eg}** ({len(rr)}; {ids}): e.g. {ex}')
    L.append('')
notes = [o for o in out if (o.get('attribution') == 'right' or o.get('verdict') == 'right') and o['reason']]
L.append(f'## Right but with notes ({len(notes)})'); L.append('')
for o in notes: L.append(f"- {o['file'][4:6]}#{o['id']} {o['type']} '{short(o['text_or_name'],40)}': {o['reason']}")
import os
nf = f'/work/judge4/notes.md'
if os.path.exists(nf): L += ['', open(nf).read()]
open(f'/work/judge4/summary.md', 'w').write('\n'.join(L) + '\n')
print(rs, ar, acr)
