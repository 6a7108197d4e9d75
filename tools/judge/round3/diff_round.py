"""Round-2 helper: run a new binary on the same 30 articles and list which judged items changed.
usage: python3 diff_round.py NEW_BINARY TAG      (e.g. ./sahifa-b b)
writes  /work/judge3/r-<TAG>.json (raw outputs) and /work/judge3/changes-<TAG>.md / .json
Each r1-judged item is matched in the new output: quotes by identical text, else best token-overlap
(Jaccard >= 0.5) in the same file; actors by identical name, else by the r1 name appearing among new aliases.
Status: same | changed (speaker/source/kind/span) | dropped. The r1 verdict is shown, so flips can be re-judged.
Also lists per-file counts of quotes/actors added/removed (not judged)."""
import json, subprocess, sys, os
binary, tag = sys.argv[1], sys.argv[2]
W = '/work/judge3'
if not os.path.exists(f'{W}/r-{tag}.json'):
    subprocess.run([sys.executable, f'{W}/run.py', binary, f'{W}/r-{tag}.json'], check=True)
new = json.load(open(f'{W}/r-{tag}.json'))
old = json.load(open(f'{W}/r-a.json'))
jud = json.load(open(f'{W}/judgement-a.json'))
items_a = json.load(open(f'{W}/sample-items-a.json'))
toks = lambda s: set((s or '').split())
def jac(a, b):
    a, b = toks(a), toks(b); return len(a & b) / max(1, len(a | b))
rows = []
for j in jud:
    f = j['file']; nf = new.get(f, {})
    if j['type'] == 'quote':
        cands = nf.get('quotes', [])
        ostart = old[f]['quotes'][items_a[j['id']]['idx']]['start']
        m = next((q for q in cands if q['text'] == j['text_or_name'] and q['start'] == ostart), None) or \
            next((q for q in cands if q['text'] == j['text_or_name']), None)
        span_changed = False
        if m is None and cands:
            best = max(cands, key=lambda q: jac(q['text'], j['text_or_name']))
            if jac(best['text'], j['text_or_name']) >= 0.5: m, span_changed = best, True
        if m is None:
            st, diff = 'dropped', {}
        else:
            diff = {k: (j[k], m[k]) for k in ('speaker', 'source', 'kind') if j[k] != m[k]}
            if span_changed: diff['text'] = (j['text_or_name'], m['text'])
            st = 'changed' if diff else 'same'
        new_idx = cands.index(m) if m is not None else None
        r1v = f"real={j['real_speech']} attr={j['attribution']}"
    else:
        acts = nf.get('actors', [])
        m = next((a for a in acts if a['name'] == j['text_or_name']), None)
        renamed = False
        if m is None:
            m = next((a for a in acts if j['text_or_name'] in a.get('aliases', [])), None); renamed = m is not None
        if m is None:
            st, diff = 'dropped', {}
        else:
            diff = {}
            if m['kind'] != j['kind']: diff['kind'] = (j['kind'], m['kind'])
            if renamed: diff['name'] = (j['text_or_name'], m['name'])
            st = 'changed' if diff else 'same'
        new_idx = acts.index(m) if m is not None else None
        r1v = f"verdict={j['verdict']}"
    rows.append({'id': j['id'], 'type': j['type'], 'file': f, 'text_or_name': j['text_or_name'], 'status': st,
                 'diff': diff, 'r1': r1v, 'r1_reason': j.get('reason'), 'new_idx': new_idx})
json.dump(rows, open(f'{W}/changes-{tag}.json', 'w'), ensure_ascii=False, indent=1)
L = [f'# Changes of judged round-a items under {binary} ({tag})', '']
for st in ('changed', 'dropped', 'same'):
    rr = [r for r in rows if r['status'] == st]
    L.append(f'## {st}: {len(rr)} (quotes {sum(r["type"]=="quote" for r in rr)}, actors {sum(r["type"]=="actor" for r in rr)})')
    if st != 'same':
        for r in rr:
            L.append(f"- {r['file'][4:6]}#{r['id']} {r['type']} '{r['text_or_name'][:60]}' [{r['r1']}] {json.dumps(r['diff'], ensure_ascii=False)}")
    L.append('')
L.append('## Pool changes per file (unjudged)')
for f in sorted(old):
    oq = {q['text'] for q in old[f].get('quotes', [])}; nq = {q['text'] for q in new.get(f, {}).get('quotes', [])}
    oa = {a['name'] for a in old[f].get('actors', [])}; na = {a['name'] for a in new.get(f, {}).get('actors', [])}
    if oq != nq or oa != na:
        L.append(f'- {f}: quotes +{len(nq-oq)} -{len(oq-nq)}; actors +{len(na-oa)} -{len(oa-na)}'
                 + (f"; new actors: {', '.join(sorted(na-oa))}" if na - oa else '')
                 + (f"; removed actors: {', '.join(sorted(oa-na))}" if oa - na else ''))
open(f'{W}/changes-{tag}.md', 'w').write('\n'.join(L) + '\n')
print('\n'.join(L[:8]))
