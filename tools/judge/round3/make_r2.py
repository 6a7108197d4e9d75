"""Round 2 sample: r1 items, with changed items updated from r2.json and dropped quotes replaced
(random.seed(3032); random.sample over new-output quotes not already in the sample). Prefills j_r2.tsv
with r1 verdicts for unchanged items; changed/replaced rows are left as TODO."""
import json, random
W='/work/judge3'
it=json.load(open(f'{W}/sample-items-r1.json'))
o=json.load(open(f'{W}/r1.json')); n=json.load(open(f'{W}/r2.json'))
ch={r['id']:r for r in json.load(open(f'{W}/changes-r2.json'))}
taken=set(); dropped=[]; newidx={}
for k,x in enumerate(it):
    if x['type']!='quote': continue
    f=x['file']; oq=o[f]['quotes'][x['idx']]
    c=[i for i,q in enumerate(n[f]['quotes']) if q['text']==oq['text'] and q['start']==oq['start']] or \
      [i for i,q in enumerate(n[f]['quotes']) if q['text']==oq['text']]
    if c: taken.add((f,c[0])); newidx[k]=c[0]
    else: dropped.append(k)
pool=[(f,i) for f in sorted(n) for i,q in enumerate(n[f].get('quotes',[])) if (f,i) not in taken]
random.seed(3032)
pick=random.sample(pool,len(dropped))
items=[]; rep={}
for k,x in enumerate(it):
    y=dict(x)
    if x['type']=='quote':
        if k in dropped:
            f,i=pick[dropped.index(k)]; q=n[f]['quotes'][i]
            y={'type':'quote','file':f,'idx':i,'text_or_name':q['text'],'speaker':q['speaker'],'source':q['source'],'kind':q['kind'],'replaces':x['file']+'#'+str(k)}
            rep[k]=y
        else:
            q=n[x['file']]['quotes'][newidx[k]]
            y.update(idx=newidx[k],text_or_name=q['text'],speaker=q['speaker'],source=q['source'],kind=q['kind'])
    else:
        a=next(a for a in n[x['file']]['actors'] if a['name']==x['text_or_name'])
        y.update(idx=n[x['file']]['actors'].index(a),kind=a['kind'],aliases=a['aliases'])
    items.append(y)
json.dump(items,open(f'{W}/sample-items-r2.json','w'),ensure_ascii=False,indent=1)
J={}
for l in open(f'{W}/j_r1.tsv',encoding='utf-8'):
    if l.strip(): p=l.rstrip('\n').split('\t'); J[int(p[0])]=p
with open(f'{W}/j_r2.tsv','w',encoding='utf-8') as w:
    for k in range(len(items)):
        if ch[k]['status']=='same': w.write('\t'.join(J[k])+'\n')
        else: w.write(f'{k}\tTODO\n')
print('dropped',dropped,'replacements',rep)
