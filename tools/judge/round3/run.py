import json, subprocess, sys, glob, os
# usage: python3 run.py BINARY OUT.json [DIR] (the articles art_*.txt of DIR; round 3: /work/judge3)
binary, out = sys.argv[1], sys.argv[2]
D = sys.argv[3] if len(sys.argv) > 3 else '/work/judge3'
res = {}
for f in sorted(glob.glob(f'{D}/art_*.txt')):
    p = subprocess.run([binary, 'extract', '--format', 'json', f], capture_output=True, text=True)
    if p.returncode != 0:
        print('ERR', f, p.stderr[:300]); res[os.path.basename(f)] = {'error': p.stderr}; continue
    o = json.loads(p.stdout)
    if isinstance(o, list): o = o[0] if len(o) == 1 else {'_list': o}
    res[os.path.basename(f)] = o
json.dump(res, open(out, 'w'), ensure_ascii=False, indent=1)
print('done', len(res))
