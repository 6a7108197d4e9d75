import json, sys
# usage: python3 show.py art_05.txt ...   prints the article and its sampled items (with context) for judging
it = json.load(open('/work/judge4/sample-items.json'))
R = json.load(open('/work/judge4/r.json'))
for f in sys.argv[1:]:
    t = open('/work/judge4/' + f, encoding='utf-8').read()
    body = t.split('\n', 2)[2].encode('utf-8')
    print('#####', f); print(t)
    for k, x in enumerate(it):
        if x['file'] != f: continue
        if x['type'] == 'quote':
            q = R[f]['quotes'][x['idx']]
            i = t.find(x['text_or_name'][:40])
            ctx = t[max(0, i - 220):i].replace('\n', ' / ') if i >= 0 else '(text not found verbatim)'
            print(f"[{k}] Q kind={x['kind']} speaker={x['speaker']} source={x['source']}\n    CONTEXT …{ctx}\n    QUOTE «{x['text_or_name']}»")
        else:
            a = R[f]['actors'][x['idx']]
            cnt = {al: t.count(al) for al in [x['text_or_name']] + list(x['aliases'] or [])}
            print(f"[{k}] A {x['kind']}: {x['text_or_name']}  aliases={x['aliases']}  n_mentions={len(a['mentions'])}  in-text counts={cnt}")
