import json, sys
tag = 'a'
args = sys.argv[1:]
if args and args[0].startswith('--tag='): tag = args.pop(0)[6:]
it = json.load(open(f'/work/judge3/sample-items-{tag}.json'))
R = json.load(open('/work/judge3/r-a.json' if tag == 'a' else f'/work/judge3/r-{tag}.json'))
for f in args:
    print('#####', f); print(open('/work/judge3/'+f, encoding='utf-8').read())
    for k, x in enumerate(it):
        if x['file'] != f: continue
        if x['type'] == 'quote':
            q = R[f]['quotes'][x['idx']]
            print(f"[{k}] Q kind={x['kind']} speaker={x['speaker']} source={x['source']} @{q['start']}-{q['end']}\n    «{x['text_or_name']}»")
        else:
            print(f"[{k}] A {x['kind']}: {x['text_or_name']}  aliases={x['aliases']}")
