#!/usr/bin/env python3
"""A newsboat 2.21 cache holding the articles of a sahifa library, for the first-frame comparison.

    tools/newsboat_cache.py LIBRARY_DIR OUT_DIR

Needs newsboat's own empty cache schema, so it runs `newsboat -x reload` once on a URL nothing answers to
create OUT_DIR/cache.db, then writes one feed per article source (`http://SOURCE.example/rss`, listed
in OUT_DIR/urls) and every article as an unread item (title, author, link, date, body as <p>
paragraphs). Reads the library read-only. Then, as in the README:

    tools/first_frame.py --runs 3 "Your feeds (" -- env TERM=xterm-256color \\
        newsboat -u OUT_DIR/urls -c OUT_DIR/cache.db -C OUT_DIR/config
"""
import html
import os
import sqlite3
import subprocess
import sys

lib, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
open(os.path.join(out, "config"), "w").close()
with open(os.path.join(out, "urls"), "w") as f:
    f.write("http://127.0.0.1:9/none\n")  # newsboat wants one URL; nothing answers there
cache = os.path.join(out, "cache.db")
subprocess.run(["newsboat", "-u", f"{out}/urls", "-c", cache, "-C", f"{out}/config", "-x", "reload"],
               capture_output=True)
if not os.path.exists(cache):
    sys.exit("newsboat did not create its cache")
src = sqlite3.connect(f"file:{lib}/library.sqlite?mode=ro", uri=True)
nb = sqlite3.connect(cache)
sources = [s for (s,) in src.execute("SELECT DISTINCT coalesce(source, 'library') FROM articles")]
with open(os.path.join(out, "urls"), "w") as f:
    for s in sources:
        f.write(f"http://{s}.example/rss\n")
        nb.execute("INSERT OR REPLACE INTO rss_feed (rssurl, url, title, lastmodified) VALUES (?, ?, ?, 0)",
                   (f"http://{s}.example/rss", f"http://{s}.example/", s))
rows = src.execute(
    "SELECT a.key, a.title, coalesce(a.author, ''), coalesce(a.link, ''), coalesce(a.source, 'library'),"
    " a.published, b.body FROM articles a JOIN article_bodies b ON b.article_id = a.id")
batch = []
for key, title, author, link, source, published, body in rows:
    content = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
    batch.append((key, title, author, link, f"http://{source}.example/rss", published, content))
    if len(batch) >= 5000:
        nb.executemany("INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, 1)", batch)
        batch = []
nb.executemany("INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, 1)", batch)
nb.commit()
print(nb.execute("SELECT count(*) FROM rss_item").fetchone()[0], "items in", len(sources), "feeds")
