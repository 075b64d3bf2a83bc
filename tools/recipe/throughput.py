"""Model-step throughput (views/s) of SimCLR configs on this CPU, 2 threads, normalised by a reference.

Usage: /usr/bin/python3 tools/recipe/throughput.py [seconds_per_config] SPEC [SPEC ...]
SPEC = comma list of key=value: arch (r10|r18|r34|r50), w (width), stem (small|imagenet),
size (28|32), pairs (pairs per step), strides (4 digits, e.g. 1222), opt (sgd|lars).
The CPU is shared, so each config is timed in short bursts interleaved with the reference config
(r18, w 0.25, small, 32 px, 128 pairs: the anchor's): ref, cfg, ref, repeated; the median of the
ratios cfg / mean(adjacent refs) is the relative speed, converted to an 'uncontended' rate with the
anchor's 268 views/s (PITFALLS) for the reference. A CPU-time based ratio is printed as a check.
Timed: forward + NT-Xent + backward + optimiser step on pre-made views (augmentation excluded).
"""
import os, sys, time
import torch
sys.path.insert(0, os.path.dirname(__file__))
import simclr_lib as L

torch.set_num_threads(2)
REF = "arch=r18,w=0.25,stem=small,size=32,pairs=128,strides=1222"
REF_UNCONTENDED = 268.0


def parse(spec):
    c = dict(arch="r18", w="0.25", stem="small", size="32", pairs="128", strides="1222", opt="sgd")
    for kv in spec.split(","):
        k, v = kv.split("="); c[k] = v
    return c


class Bench:
    """One config's model step on fixed random views; burst(seconds) -> views/s (wall) and views/CPU-s."""

    def __init__(self, spec):
        c = parse(spec); torch.manual_seed(0)
        self.enc = L.Encoder(c["arch"], float(c["w"]), c["stem"], tuple(int(ch) for ch in c["strides"]))
        self.hd = L.head(self.enc.dim)
        groups = L.param_groups([self.enc, self.hd], 1e-6 if c["opt"] == "lars" else 5e-4)
        self.opt = L.LARS(groups, 0.1) if c["opt"] == "lars" else torch.optim.SGD(groups, lr=0.05, momentum=0.9, nesterov=True)
        self.n = int(c["pairs"]); self.s = int(c["size"])
        self.x = torch.rand(2 * self.n, 1, self.s, self.s)
        self.params = sum(p.numel() for p in self.enc.parameters())
        for _ in range(2):
            self.step()

    def step(self):
        loss = L.ntxent(self.hd(self.enc(self.x)), 0.2); self.opt.zero_grad(set_to_none=True); loss.backward(); self.opt.step()

    def burst(self, seconds):
        t, c, k = time.time(), time.process_time(), 0
        while time.time() - t < seconds or k < 2:
            self.step(); k += 1
        return k * 2 * self.n / (time.time() - t), k * 2 * self.n / ((time.process_time() - c) / 2)

    def aug_rate(self):
        xs = torch.rand(self.n, 1, self.s, self.s); t = time.process_time()
        for _ in range(5):
            L.augment(xs); L.augment(xs)
        return 5 * 2 * self.n / (time.process_time() - t)


def median(v):
    v = sorted(v); return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def main():
    secs = float(sys.argv[1]); specs = sys.argv[2:]; rounds = 3
    print(f"load {os.getloadavg()}; {rounds} interleaved rounds of {secs}s (ref, cfg, ref)", flush=True)
    ref = Bench(REF); rows = []
    for sp in specs:
        b = Bench(sp); ratios, cratios, rates, refs = [], [], [], []
        for _ in range(rounds):
            r1, rc1 = ref.burst(secs); v, vc = b.burst(secs); r2, rc2 = ref.burst(secs)
            ratios.append(2 * v / (r1 + r2)); cratios.append(2 * vc / (rc1 + rc2)); rates.append(v); refs += [r1, r2]
        rel, crel = median(ratios), median(cratios)
        rows.append((sp, median(rates), median(refs), rel, crel, b.aug_rate(), b.params, b.enc.dim))
        print(f"{sp}: {median(rates):.0f} views/s vs ref {median(refs):.0f} -> rel {rel:.2f} (wall ratios "
              f"{', '.join(f'{r:.2f}' for r in ratios)}; CPU-time rel {crel:.2f}) params {b.params:,} dim {b.enc.dim}", flush=True)
    print(f"load {os.getloadavg()}")
    print(f"\nspec | views/s | ref views/s | rel. to ref (wall, median) | rel (CPU time) | aug views/CPU-s | "
          f"est. views/s at ref={REF_UNCONTENDED:.0f} | steps in 9.5 min")
    for sp, v, r, rel, crel, aug, p, d in rows:
        u = rel * REF_UNCONTENDED; n = int(parse(sp)["pairs"])
        print(f"{sp} | {v:.0f} | {r:.0f} | {rel:.2f} | {crel:.2f} | {aug:.0f} | {u:.0f} | {int(570 * u / (2 * n))}")


main()
