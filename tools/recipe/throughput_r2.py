"""Round-2 throughput: model-step views/s of SimCLR configs relative to S3's model, and 1 vs 2 threads.

Usage: /usr/bin/python3 tools/recipe/throughput_r2.py [seconds] [rounds] [--quiet=LOAD,WAIT_S] SPEC [SPEC ...]
Reference = S3's model step (r18, w 0.25, small stem, 28 px, 128 pairs, SGD-Nesterov, 1 thread).
SPEC = comma list of key=value: arch, w, pairs, opt (sgd|lars), threads (1|2), zero_init.
Each SPEC is timed in bursts interleaved with the reference (ref, cfg, ref) for ROUNDS rounds; the
median ratio cfg/mean(adjacent refs) is its relative speed. threads=2 with the reference model is the
1-vs-2-thread comparison. --quiet: before starting, poll every 15 s until the 1-min load average is
below LOAD (at most WAIT_S seconds), and print the load and CPU pressure before and after, so a quiet
measurement can be recognised. Timed: forward + NT-Xent + backward + optimiser step on fixed views.
"""
import os, sys, time
import torch
sys.path.insert(0, os.path.dirname(__file__))
import simclr_lib as L

REF = "arch=r18,w=0.25,pairs=128,opt=sgd,threads=1"


def parse(spec):
    c = dict(arch="r18", w="0.25", pairs="128", opt="sgd", threads="1", zero_init="0")
    for kv in spec.split(","):
        k, v = kv.split("="); c[k] = v
    return c


def pressure():
    with open("/proc/pressure/cpu") as f:
        return f.readline().split()[1]


class Bench:
    def __init__(self, spec):
        c = parse(spec); torch.manual_seed(0); self.threads = int(c["threads"])
        self.enc = L.Encoder(c["arch"], float(c["w"]), "small", (1, 2, 2, 2), c["zero_init"] == "1")
        self.hd = L.head(self.enc.dim)
        groups = L.param_groups([self.enc, self.hd], 1e-6 if c["opt"] == "lars" else 5e-4)
        self.opt = L.LARS(groups, 0.4) if c["opt"] == "lars" else torch.optim.SGD(groups, lr=0.3, momentum=0.9, nesterov=True)
        self.n = int(c["pairs"]); self.x = torch.rand(2 * self.n, 1, 28, 28)
        self.params = sum(p.numel() for p in self.enc.parameters())
        torch.set_num_threads(self.threads)
        for _ in range(2):
            self.step()

    def step(self):
        loss = L.ntxent(self.hd(self.enc(self.x)), 0.2); self.opt.zero_grad(set_to_none=True); loss.backward(); self.opt.step()

    def burst(self, seconds):
        torch.set_num_threads(self.threads)
        t, k = time.time(), 0
        while time.time() - t < seconds or k < 2:
            self.step(); k += 1
        return k * 2 * self.n / (time.time() - t)


def median(v):
    v = sorted(v); return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = {a.split("=")[0]: a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--")}
    secs, rounds, specs = float(args[0]), int(args[1]), args[2:]
    if "--quiet" in opts:
        lim, wait = (float(v) for v in opts["--quiet"].split(",")); t0 = time.time()
        while os.getloadavg()[0] >= lim and time.time() - t0 < wait:
            time.sleep(15)
        print(f"waited {time.time() - t0:.0f}s for load < {lim}", flush=True)
    print(f"start: load {os.getloadavg()}, cpu pressure {pressure()}; {rounds} rounds of {secs}s (ref, cfg, ref)", flush=True)
    ref = Bench(REF)
    for sp in specs:
        b = Bench(sp); ratios, rates, refs = [], [], []
        for _ in range(rounds):
            r1 = ref.burst(secs); v = b.burst(secs); r2 = ref.burst(secs)
            ratios.append(2 * v / (r1 + r2)); rates.append(v); refs += [r1, r2]
        print(f"{sp}: {median(rates):.0f} views/s vs ref {median(refs):.0f} -> rel {median(ratios):.2f} "
              f"(ratios {', '.join(f'{r:.2f}' for r in ratios)}; cfg {', '.join(f'{r:.0f}' for r in rates)}; "
              f"ref {', '.join(f'{r:.0f}' for r in refs)}) params {b.params:,} dim {b.enc.dim} | load {os.getloadavg()[0]:.2f} "
              f"pressure {pressure()}", flush=True)
    print(f"end: load {os.getloadavg()}, cpu pressure {pressure()}", flush=True)


main()
