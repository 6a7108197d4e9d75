"""Round-b sample: round-a items, with changed items updated from r-b.json (new_idx from changes-b.json) and
dropped items (quotes or actors) replaced by items drawn with random.seed(3042) from sahifa-b's items of the
same type not already in the sample. Prefills j_b.tsv with round-a verdicts for unchanged items; changed and
replacement rows are written as TODO."""
import json, random
W = '/work/judge3'
it = json.load(open(f'{W}/sample-items-a.json'))
n = json.load(open(f'{W}/r-b.json'))
ch = {r['id']: r for r in json.load(open(f'{W}/changes-b.json'))}
key = {'quote': 'quotes', 'actor': 'actors'}
taken = set(); dropped = []
for k, x in enumerate(it):
    c = ch[k]
    if c['status'] == 'dropped' or (x['type'], x['file'], c['new_idx']) in taken:
        dropped.append(k); continue
    taken.add((x['type'], x['file'], c['new_idx']))
random.seed(3042)
pick = {}
for typ in ('quote', 'actor'):
    dk = [k for k in dropped if it[k]['type'] == typ]
    if not dk: continue
    pool = [(f, i) for f in sorted(n) for i in range(len(n[f].get(key[typ], []))) if (typ, f, i) not in taken]
    for k, fi in zip(dk, random.sample(pool, len(dk))): pick[k] = fi
items = []
for k, x in enumerate(it):
    if k in pick:
        f, i = pick[k]; o = n[f][key[x['type']]][i]
    else:
        f, i = x['file'], ch[k]['new_idx']; o = n[f][key[x['type']]][i]
    if x['type'] == 'quote':
        y = {'type': 'quote', 'file': f, 'idx': i, 'text_or_name': o['text'], 'speaker': o['speaker'], 'source': o['source'], 'kind': o['kind']}
    else:
        y = {'type': 'actor', 'file': f, 'idx': i, 'text_or_name': o['name'], 'speaker': None, 'source': None, 'kind': o['kind'], 'aliases': o['aliases']}
    if k in pick: y['replaces'] = x['file'] + '#' + str(k)
    items.append(y)
json.dump(items, open(f'{W}/sample-items-b.json', 'w'), ensure_ascii=False, indent=1)
J = {}
for l in open(f'{W}/j_a.tsv', encoding='utf-8'):
    if l.strip(): p = l.rstrip('\n').split('\t'); J[int(p[0])] = p
with open(f'{W}/j_b.tsv', 'w', encoding='utf-8') as w:
    for k in range(len(items)):
        if ch[k]['status'] == 'same' and k not in pick: w.write('\t'.join(J[k]) + '\n')
        else: w.write(f'{k}\tTODO\n')
print('dropped', dropped); print('replacements', {k: items[k]['file'] + ' ' + items[k]['type'] + ' #' + str(items[k]['idx']) for k in pick})
print('todo', [k for k in range(len(items)) if ch[k]['status'] != 'same' or k in pick])
