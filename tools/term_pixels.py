#!/usr/bin/python3
"""Pixel harness: does sahifa's Arabic read right in real terminals? Proven by screenshots.

Debian packages (bookworm):
  apt-get install -y --no-install-recommends xvfb x11-apps x11-utils xdotool imagemagick dbus-x11 \
      fonts-dejavu-core fonts-noto-core libfribidi-bin python3-pil python3-numpy libgl1-mesa-dri \
      xterm alacritty kitty mlterm sakura konsole rxvt-unicode stterm

usage: tools/term_pixels.py [--sahifa target/debug/sahifa] [--out DIR] [--terms xterm,kitty,...]
                            [--modes auto,visual,...] [--reader] [--wait 2.5]

For every terminal that is installed, under its own Xvfb (Mesa's software GL for kitty and
alacritty), with DejaVu Sans Mono and the same geometry:

  reference  the terminal, set to draw cells as sent (kitty `force_ltr yes`, mlterm `use_ctl=false`,
             VTE explicit mode `CSI 8 l`, Konsole `BidiRenderingEnabled=false`; the others always
             do), showing GNU FriBidi's visual order of the sample (`fribidi --rtl`, shaped, FriBidi's
             U+FEFF lam-alef fillers dropped, right-aligned): an independent picture of the correct
             lines, drawn by the same terminal with the same font.
  render     `sahifa render --width W --bidi MODE` of the same sample, for each mode.
  reader     (--reader) the reader itself in `--bidi MODE` at 100×12 (the list and the reading
             pane), against the reader in `--bidi visual` in the terminal set to draw cells as
             sent (the reader's visual rows are those `render` checks against FriBidi); the status
             bar (which names the mode) is left out.

Screenshots are cropped to the terminal's window, rows aligned (the best vertical shift within
±3 px), and compared pixel by pixel on grey levels (a pixel differs when its grey level differs by
more than 64). The picture is cut into its text rows; a row's score is its differing pixels / its
ink pixels in the reference (ink: differs from the background by more than 64), and the picture's
score is its worst row's: 0 is identical. A picture reads right when its score is under 0.05
(HarfBuzz's glyphs versus presentation forms and antialiasing differ by a few percent at most; a
reversed word or a missing join differs by 30 % and more). Prints a Markdown table and writes
every PNG and `results.json` to --out.
"""
import json, os, shlex, shutil, subprocess, sys, tempfile, time

try:
    import numpy as np
    from PIL import Image
except ImportError:
    raise SystemExit('needs python3-pil and python3-numpy (Debian), run with /usr/bin/python3')

COLS, ROWS, WIDTH = 46, 9, 46
# The reader at a medium width shows the list and the reading pane side by side.
READER_COLS, READER_ROWS = 100, 12
SAMPLE = ('السلام عليكم\n'
          'قالَ الوزير إن الاتفاق (في 2024) ممكن، وإنّ العلاقات لا تزال قوية.\n')
MODES = ['auto', 'visual', 'explicit', 'mlterm', 'kitty', 'konsole', 'logical']
TERMS = ['xterm', 'alacritty', 'kitty', 'mlterm', 'sakura', 'konsole', 'urxvt', 'st']
BINARY = {'urxvt': 'urxvt', 'st': 'st'}
# Sent before the reference lines: the terminal's own switch to draw cells as sent.
AS_SENT = {'mlterm': '\x1b]5379;use_ctl=false\x07', 'sakura': '\x1b[8l\x1b[1 k'}
# Variables of the terminal this harness runs in: never passed on.
SCRUB = ['KITTY_WINDOW_ID', 'KITTY_PID', 'KITTY_PUBLIC_KEY', 'KITTY_INSTALLATION_DIR', 'WEZTERM_PANE',
         'WEZTERM_EXECUTABLE', 'VTE_VERSION', 'MLTERM', 'KONSOLE_VERSION', 'KONSOLE_DBUS_SESSION',
         'WT_SESSION', 'TMUX', 'STY', 'TERM_PROGRAM', 'TERM_PROGRAM_VERSION', 'ITERM_SESSION_ID',
         'XTERM_VERSION', 'ALACRITTY_WINDOW_ID', 'ALACRITTY_SOCKET', 'COLORTERM', 'GHOSTTY_RESOURCES_DIR',
         'WINDOWID', 'COLUMNS', 'LINES']


def free_display():
    for n in range(90, 300):
        if not os.path.exists(f'/tmp/.X11-unix/X{n}') and not os.path.exists(f'/tmp/.X{n}-lock'):
            return n
    raise SystemExit('no free X display number')


def launcher(term, script, as_sent, cols=COLS, rows=ROWS):
    """The command line that starts `term` running `script`."""
    font = 'DejaVu Sans Mono'
    if term == 'xterm':
        return ['xterm', '-fa', font, '-fs', '12', '-bg', 'white', '-fg', 'black',
                '-geometry', f'{cols}x{rows}+0+0', '-e', script]
    if term == 'alacritty':
        return ['alacritty', '-o', f'window.dimensions.columns={cols}', '-o', f'window.dimensions.lines={rows}',
                '-o', f'font.normal.family={font}', '-o', 'font.size=12',
                '-o', "colors.primary.background='#ffffff'", '-o', "colors.primary.foreground='#000000'",
                '-e', script]
    if term == 'kitty':
        extra = ['-o', 'force_ltr=yes'] if as_sent else []
        return ['kitty', *extra, '-o', f'font_family={font}', '-o', 'font_size=12',
                '-o', 'background=#ffffff', '-o', 'foreground=#000000', '-o', 'cursor_blink_interval=0',
                '-o', f'initial_window_width={cols}c', '-o', f'initial_window_height={rows}c',
                '-o', 'remember_window_size=no', script]
    if term == 'mlterm':
        return ['mlterm', '-g', f'{cols}x{rows}+0+0', '--fontsize', '14', '--bg', 'white', '--fg', 'black',
                '-e', script]
    if term == 'sakura':
        return ['dbus-launch', 'sakura', '-c', str(cols), '-r', str(rows), '-x', script]
    if term == 'konsole':
        return ['dbus-launch', 'konsole', '--nofork', '--hide-menubar', '--hide-tabbar',
                '-p', f'TerminalColumns={cols}', '-p', f'TerminalRows={rows}', '-p', f'Font={font},12',
                '-p', 'ColorScheme=BlackOnWhite', '-p', f'BidiRenderingEnabled={"false" if as_sent else "true"}',
                '-e', script]
    if term == 'urxvt':
        return ['urxvt', '-fn', f'xft:{font}:size=12', '-bg', 'white', '-fg', 'black',
                '-geometry', f'{cols}x{rows}+0+0', '-e', script]
    if term == 'st':
        return ['st', '-f', f'{font}:size=12', '-g', f'{cols}x{rows}+0+0', '-e', script]
    raise SystemExit(f'unknown terminal {term}')


def shoot(term, command, out_png, as_sent=False, wait=2.5, keys=(), size=(COLS, ROWS)):
    """Runs `command` (a shell line) in `term` under a fresh Xvfb; saves the window as a PNG.
    Tries twice (an Xvfb that did not come up, a terminal slow to map its window)."""
    for attempt in range(3):
        try:
            shoot_once(term, command, out_png, as_sent, wait + attempt * 3, keys, size)
        except subprocess.CalledProcessError:
            if attempt == 2:
                raise
            continue
        # A window mapped but not drawn yet (software GL on a busy machine): try again, slower.
        g = grey(out_png)
        bg = int(np.bincount(g.ravel().clip(0, 255)).argmax())
        if int((abs(g - bg) > 64).sum()) > 200 or attempt == 2:
            return out_png


def shoot_once(term, command, out_png, as_sent, wait, keys, size):
    n = free_display()
    disp = f':{n}'
    xvfb = subprocess.Popen(['Xvfb', disp, '-screen', '0', '1200x600x24', '+extension', 'GLX'],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {k: v for k, v in os.environ.items() if k not in SCRUB}
    # A fresh HOME: no terminal remembers a window size or reads a user's settings.
    home = tempfile.mkdtemp(prefix='sahifa-pixels-')
    env.update(DISPLAY=disp, LIBGL_ALWAYS_SOFTWARE='1', LANG='C.UTF-8', LC_ALL='C.UTF-8', HOME=home,
               XDG_CONFIG_HOME=os.path.join(home, '.config'), SAHIFA_DATA_DIR=os.path.join(home, 'data'))
    script = tempfile.NamedTemporaryFile('w', suffix='.sh', delete=False)
    # The cursor is hidden so that its blinking does not count.
    script.write('#!/bin/sh\nprintf "\\033[?25l"\n' + command + '\nsleep 600\n')
    script.close()
    os.chmod(script.name, 0o755)
    for _ in range(50):
        if os.path.exists(f'/tmp/.X11-unix/X{n}'):
            break
        time.sleep(0.1)
    time.sleep(0.3)
    t = subprocess.Popen(launcher(term, script.name, as_sent, *size), env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(wait)
        for k in keys:
            subprocess.run(['xdotool', 'key', k], env=env)
            time.sleep(0.4)
        time.sleep(0.8 if keys else 0.2)
        geo = window_geometry(env)
        raw = subprocess.run(['xwd', '-root', '-silent'], env=env, capture_output=True, check=True).stdout
        crop = ['-crop', '{}x{}+{}+{}'.format(*geo), '+repage'] if geo else ['-trim', '+repage']
        subprocess.run(['convert', 'xwd:-', *crop, out_png], input=raw, check=True)
    finally:
        try:
            os.killpg(t.pid, 15)
        except ProcessLookupError:
            pass
        xvfb.terminate()
        xvfb.wait()
        os.unlink(script.name)
        shutil.rmtree(home, ignore_errors=True)
    return out_png


def window_geometry(env):
    """(width, height, x, y) of the biggest mapped top-level window, from xwininfo."""
    out = subprocess.run(['xwininfo', '-root', '-children'], env=env, capture_output=True, text=True).stdout
    best = None
    for line in out.splitlines():
        line = line.strip()
        if not line.startswith('0x') or '+' not in line:
            continue
        wid = line.split()[0]
        info = subprocess.run(['xwininfo', '-id', wid], env=env, capture_output=True, text=True).stdout
        vals = {}
        for l in info.splitlines():
            if ':' in l:
                k, v = l.strip().split(':', 1)
                vals[k] = v.strip()
        try:
            if vals.get('Map State') != 'IsViewable':
                continue
            w, h = int(vals['Width']), int(vals['Height'])
            x, y = int(vals['Absolute upper-left X']), int(vals['Absolute upper-left Y'])
        except (KeyError, ValueError):
            continue
        if w > 50 and h > 30 and (best is None or w * h > best[0] * best[1]):
            best = (w, h, max(x, 0), max(y, 0))
    return best


def grey(path):
    return np.asarray(Image.open(path).convert('L'), dtype=np.int16)


def score(ref_png, test_png, rows, drop_bottom=0):
    """(differing pixels, ink pixels of the reference, score) after aligning rows (the best
    vertical shift within ±3 px). The picture is cut into `rows` bands (text rows); the score is
    the worst band's differing pixels / its ink (at least 50 pixels), so that one wrong row of
    Arabic counts fully however much else (frames, paths) is right. `drop_bottom` bands (the
    reader's status bar) are left out."""
    a, b = grey(ref_png), grey(test_png)
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    band = h / rows
    cut = int(h - band * drop_bottom)
    a, b = a[:cut, :w], b[:h, :w]
    # Ink: pixels away from their row's own background (a selection bar has its own).
    inkmap = np.zeros(a.shape, dtype=bool)
    for k in range(int(cut / band + 0.999)):
        y0, y1 = int(k * band), min(cut, int((k + 1) * band))
        if y1 > y0:
            bg = int(np.bincount(a[y0:y1].ravel().clip(0, 255)).argmax())
            inkmap[y0:y1] = abs(a[y0:y1] - bg) > 64
    best = None
    for dy in range(-3, 4):
        lo, hi = max(0, dy), min(cut, b.shape[0] + dy)
        if hi - lo < cut - 6:
            continue
        diff = np.zeros_like(inkmap)
        diff[lo:hi] = abs(a[lo:hi] - b[lo - dy:hi - dy]) > 64
        bands = []
        for k in range(int(cut / band + 0.999)):
            y0, y1 = int(k * band), min(cut, int((k + 1) * band))
            bands.append((int(diff[y0:y1].sum()), int(inkmap[y0:y1].sum())))
        total = sum(d for d, _ in bands)
        worst = max((d / max(i, 50) for d, i in bands), default=0.0)
        if best is None or (worst, total) < (best[2], best[0]):
            best = (total, int(inkmap.sum()), round(worst, 3))
    return best if best is not None else (int(inkmap.sum()), int(inkmap.sum()), 1.0)


def reference_lines(sahifa, sample):
    """FriBidi's visual order of sahifa's logical rows (same breaks), right-aligned to WIDTH."""
    logical = subprocess.run([sahifa, 'render', '--width', str(WIDTH), '--bidi', 'logical', sample],
                             capture_output=True, text=True, check=True).stdout
    out = []
    for line in logical.split('\n')[:-1]:
        if not line.strip():
            out.append('')
            continue
        vis = subprocess.run(['fribidi', '--rtl', '--nobreak', '--nopad', '--reordernsm'], input=line + '\n',
                             capture_output=True, text=True, check=True).stdout.rstrip('\n')
        vis = vis.replace('\ufeff', '').strip()
        out.append(' ' * (WIDTH - cell_width(vis)) + vis)
    return '\n'.join(out) + '\n'


def cell_width(s):
    import unicodedata
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ('Mn', 'Cf') else 1 for c in s)


def main():
    args = sys.argv[1:]

    def opt(name, default):
        return args[args.index(name) + 1] if name in args else default
    sahifa = os.path.abspath(opt('--sahifa', 'target/debug/sahifa'))
    out = os.path.abspath(opt('--out', 'target/term-pixels'))
    terms = opt('--terms', ','.join(TERMS)).split(',')
    modes = opt('--modes', ','.join(MODES)).split(',')
    wait = float(opt('--wait', 2.5))
    reader = '--reader' in args
    for tool in ('Xvfb', 'xwd', 'xwininfo', 'convert', 'fribidi'):
        if not shutil.which(tool):
            raise SystemExit(f'{tool} is not installed (see the package list at the top)')
    os.makedirs(out, exist_ok=True)
    sample = os.path.join(out, 'sample.txt')
    with open(sample, 'w') as f:
        f.write(SAMPLE)
    ref_txt = os.path.join(out, 'reference.txt')
    with open(ref_txt, 'w') as f:
        f.write(reference_lines(sahifa, sample))
    results = []
    for term in terms:
        if not shutil.which(BINARY.get(term, term)):
            print(f'{term}: not installed, skipped', file=sys.stderr)
            continue
        ref = shoot(term, f'printf {shlex.quote(AS_SENT.get(term, ""))}; cat {shlex.quote(ref_txt)}',
                    os.path.join(out, f'{term}-reference.png'), as_sent=True, wait=wait)
        doctor = os.path.join(out, f'{term}-doctor.txt')
        for mode in modes:
            cmd = f'{shlex.quote(sahifa)} render --width {WIDTH} --bidi {mode} {shlex.quote(sample)}'
            if mode == 'auto':
                cmd = f'{shlex.quote(sahifa)} doctor --brief > {shlex.quote(doctor)} 2>&1; ' + cmd
            png = shoot(term, cmd, os.path.join(out, f'{term}-render-{mode}.png'), wait=wait)
            d, ink, s = score(ref, png, ROWS)
            results.append(dict(terminal=term, what='render', mode=mode, diff=d, ink=ink, score=s))
            print(f'{term:10} render {mode:9} diff {d:6} / ink {ink:6} = {s}', file=sys.stderr)
        if reader:
            rsize = (READER_COLS, READER_ROWS)
            rref = shoot(term, f'{shlex.quote(sahifa)} --bidi visual --no-mouse {shlex.quote(sample)}',
                         os.path.join(out, f'{term}-reader-reference.png'), as_sent=True, wait=wait + 1,
                         size=rsize)
            for mode in modes:
                png = shoot(term, f'{shlex.quote(sahifa)} --bidi {mode} --no-mouse {shlex.quote(sample)}',
                            os.path.join(out, f'{term}-reader-{mode}.png'), wait=wait + 1, size=rsize)
                d, ink, s = score(rref, png, READER_ROWS, drop_bottom=1)
                results.append(dict(terminal=term, what='reader', mode=mode, diff=d, ink=ink, score=s))
                print(f'{term:10} reader {mode:9} diff {d:6} / ink {ink:6} = {s}', file=sys.stderr)
        if os.path.exists(doctor):
            with open(doctor) as f:
                detected = f.read().strip()
            results.append(dict(terminal=term, what='doctor', mode='', detected=detected))
    with open(os.path.join(out, 'results.json'), 'w') as f:
        json.dump(results, f, indent=1, ensure_ascii=False)
    print(table(results, modes))


def table(results, modes):
    """The Markdown table of the README: terminal, what `auto` picked and why, then per mode
    `render / reader` scores (✓ under 0.05)."""
    import re
    rows = ['| terminal | `auto` picks (from) | ' + ' | '.join(f'`{m}`' for m in modes) + ' |',
            '|---|---|' + '---|' * len(modes)]
    for term in dict.fromkeys(r['terminal'] for r in results):
        d = next((r['detected'] for r in results if r['terminal'] == term and r['what'] == 'doctor'), '?')
        m = re.match(r'^(\S+) (\S+)(?: \(render: (\S+)\))? \((.*)\)$', d)
        chose = (m.group(2) + (f', render {m.group(3)}' if m.group(3) else '') + f' ({m.group(4)})') if m else d
        cells = []
        for mode in modes:
            cs = [r for r in results if r['terminal'] == term and r['mode'] == mode and r['what'] != 'doctor']
            cells.append(' / '.join(('✓' if r['score'] < 0.05 else '✗') + f' {r["score"]}' for r in cs) or '–')
        rows.append(f'| {term} | {chose} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(rows)


if __name__ == '__main__':
    main()
