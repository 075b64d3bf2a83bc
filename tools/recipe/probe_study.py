"""Compare the anchor's 100-epoch Adam linear probe with fixed-iteration full-batch L-BFGS probes.

Usage: /usr/bin/python3 tools/recipe/probe_study.py [--grid=L2S/ITERS] [--adam=ACC] SOURCE [SOURCE ...]
--grid e.g. 0,1e-4,1e-3/25,50,100 (default); --adam=ACC skips the anchor probe and uses ACC
(only with a single SOURCE whose anchor accuracy is already known).
SOURCE = raw28 | raw32 (pixels) | random:SPEC (random-init encoder, SPEC as in train.py, e.g.
arch=r18,w=0.25,size=28) | a features file written by train.py (--save-features).
For each source: anchor probe (accuracy, seconds), then L-BFGS for l2 x iterations, and kNN.
"""
import os, sys, time
import torch
sys.path.insert(0, os.path.dirname(__file__))
import simclr_lib as L

torch.set_num_threads(1)  # contention: see train.py
L2S = (0.0, 1e-4, 1e-3)
ITERS = (25, 50, 100)


def source(name):
    if name.startswith("raw"):
        xtr, ytr, xte, yte = L.load(int(name[3:]))
        return xtr.flatten(1), ytr, xte.flatten(1), yte, "pixels"
    if name.startswith("random:"):
        c = dict(arch="r18", w="0.25", stem="small", size="28", strides="1222")
        for kv in name[7:].split(","):
            k, v = kv.split("="); c[k] = v
        torch.manual_seed(0)
        enc = L.Encoder(c["arch"], float(c["w"]), c["stem"], tuple(int(s) for s in c["strides"]))
        xtr, ytr, xte, yte = L.load(int(c["size"]))
        ftr, t1 = L.features(enc, xtr); fte, t2 = L.features(enc, xte)
        return ftr, ytr, fte, yte, f"random-init encoder, features {70000 / (t1 + t2):.0f} img/s ({t1 + t2:.1f}s)"
    d = torch.load(name)
    return d["ftr"], d["ytr"], d["fte"], d["yte"], f"trained: {d.get('tag', name)}"


def main():
    opts = {a.split("=")[0]: a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--")}
    l2s, iters = L2S, ITERS
    if "--grid" in opts:
        a, b = opts["--grid"].split("/"); l2s = [float(v) for v in a.split(",")]; iters = [int(v) for v in b.split(",")]
    print(f"load {os.getloadavg()}", flush=True)
    for name in [a for a in sys.argv[1:] if not a.startswith("--")]:
        ftr, ytr, fte, yte, what = source(name)
        print(f"== {name} ({what}), dim {ftr.shape[1]}", flush=True)
        if "--adam" in opts:
            acc = float(opts["--adam"]); print(f"anchor Adam 100 ep: {acc:.4f} (given)", flush=True)
        else:
            t = time.time(); acc = L.probe_adam(ftr, ytr, fte, yte); print(f"anchor Adam 100 ep: {acc:.4f} ({time.time() - t:.1f}s)", flush=True)
        for l2 in l2s:
            for it in iters:
                t = time.time(); a = L.probe_lbfgs(ftr, ytr, fte, yte, l2, it)
                print(f"lbfgs l2={l2:g} iters={it}: {a:.4f} ({time.time() - t:.1f}s) diff {100 * (a - acc):+.2f} pp", flush=True)
        t = time.time(); k = L.knn(ftr, ytr, fte, yte); print(f"knn: {k:.4f} ({time.time() - t:.1f}s)", flush=True)


main()
