import gzip, json, random, glob, os
CORPUS='/work/shared/corpus/ant-news-10k.jsonl.gz'
OUT='/work/judge3'
MARKERS=['قال','أكد','أضاف','أعلن','«','"']
# bodies already judged earlier: first 80 chars of the body (line 3 onwards of each file)
prev=[]
for f in sorted(glob.glob('/work/judge/art_*.txt')+glob.glob('/work/judge2/art_*.txt')):
    txt=open(f,encoding='utf-8').read()
    parts=txt.split('\n',2)
    body=parts[2] if len(parts)>2 else txt
    prev.append(txt)
def seen(body):
    key=body[:80]
    return any(key in t for t in prev)
arts=[]
with gzip.open(CORPUS,'rt',encoding='utf-8') as fh:
    for line in fh:
        d=json.loads(line)
        b=d.get('body') or ''
        if 600<=len(b)<=6000 and any(m in b for m in MARKERS):
            arts.append(d)
print('eligible',len(arts))
random.seed(3040)
random.shuffle(arts)
chosen=[]
for d in arts:
    if seen(d['body']): continue
    chosen.append(d)
    if len(chosen)==30: break
for i,d in enumerate(chosen):
    with open(os.path.join(OUT,'art_%02d.txt'%i),'w',encoding='utf-8') as w:
        w.write(d['title'].strip()+'\n\n'+d['body'].strip()+'\n')
json.dump([{'file':'art_%02d.txt'%i,'url':d.get('url'),'source':d.get('source')} for i,d in enumerate(chosen)],
          open(os.path.join(OUT,'sample-index.json'),'w'),ensure_ascii=False,indent=1)
print('written',len(chosen))
