import json, random, sys
# usage: python3 pick.py [DIR R.json SEED OUT.json] (round 3: /work/judge3 r-a.json 3041 sample-items-a.json;
# round 4: /work/judge4 r.json 3051 sample-items.json)
D, R, SEED, OUT = (sys.argv[1:5] if len(sys.argv) >= 5 else ['/work/judge3', 'r-a.json', '3041', 'sample-items-a.json'])
r = json.load(open(f'{D}/{R}'))
allq, alla = [], []
for f in sorted(r):
    for i, q in enumerate(r[f].get('quotes', [])): allq.append((f, i))
    for i, a in enumerate(r[f].get('actors', [])): alla.append((f, i))
random.seed(int(SEED))
qs = sorted(random.sample(allq, 60))
acs = sorted(random.sample(alla, 60))
items = []
for f, i in qs:
    q = r[f]['quotes'][i]
    items.append({'type': 'quote', 'file': f, 'idx': i, 'text_or_name': q['text'], 'speaker': q['speaker'], 'source': q['source'], 'kind': q['kind']})
for f, i in acs:
    a = r[f]['actors'][i]
    items.append({'type': 'actor', 'file': f, 'idx': i, 'text_or_name': a['name'], 'speaker': None, 'source': None, 'kind': a['kind'], 'aliases': a['aliases']})
json.dump(items, open(f'{D}/{OUT}', 'w'), ensure_ascii=False, indent=1)
print(len(allq), len(alla), len(items))
