"""PyTorch side of bench.sh at any width multiplier.

Usage: /usr/bin/python3 torch_step_bench.py WIDTH [views_per_step=256] [steps=5]
Same step as torch_cpu_train_bench.py of the anchors (../shared/anchors relative to the
repository root, or SIMCLR_ANCHORS; ResNet-18 topology, small stem,
1x32x32, head d-d-128, NT-Xent tau 0.2, SGD-Nesterov lr 0.1 wd 5e-4, one warm-up step), with
stage widths max(8, int(64 * width * m)) as in torch_cpu_fmnist_budget.py. Prints one JSON line.
Threads: all cores, or BENCH_THREADS.
"""
import json, os, sys, time
import torch, torch.nn as nn, torch.nn.functional as F

torch.set_num_threads(int(os.environ.get("BENCH_THREADS", len(os.sched_getaffinity(0)))))
width = float(sys.argv[1])
views = int(sys.argv[2]) if len(sys.argv) > 2 else 256
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 5


def conv_bn(cin, cout, k, s):
    return [nn.Conv2d(cin, cout, k, s, k // 2, bias=False), nn.BatchNorm2d(cout)]


class Basic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.main = nn.Sequential(*conv_bn(cin, cout, 3, stride), nn.ReLU(inplace=True), *conv_bn(cout, cout, 3, 1))
        self.short = nn.Identity() if stride == 1 and cin == cout else nn.Sequential(*conv_bn(cin, cout, 1, stride))

    def forward(self, x):
        return F.relu(self.main(x) + self.short(x))


def encoder(w):
    c = [max(8, int(64 * w * m)) for m in (1, 2, 4, 8)]
    layers, cin = [*conv_bn(1, c[0], 3, 1), nn.ReLU(inplace=True)], c[0]
    for i, co in enumerate(c):
        layers += [Basic(cin, co, 1 if i == 0 else 2), Basic(co, co, 1)]
        cin = co
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten()), cin


enc, d = encoder(width)
net = nn.Sequential(enc, nn.Linear(d, d), nn.BatchNorm1d(d), nn.ReLU(), nn.Linear(d, 128))
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)
x = torch.rand(views, 1, 32, 32)
target = (torch.arange(views) + views // 2) % views


def step():
    z = F.normalize(net(x), dim=1)
    sim = z @ z.t() / 0.2
    sim.fill_diagonal_(float("-inf"))
    loss = F.cross_entropy(sim, target)
    opt.zero_grad()
    loss.backward()
    opt.step()


step()
t, cpu = time.time(), time.process_time()
for _ in range(steps):
    step()
dt, cpu = time.time() - t, time.process_time() - cpu
print(json.dumps({"bench": "torch-train-step", "torch": torch.__version__, "threads": torch.get_num_threads(),
                  "width": width, "encoderParams": sum(p.numel() for p in enc.parameters()),
                  "views": views, "steps": steps, "seconds": round(dt, 3), "cpuSecondsPerStep": round(cpu / steps, 2),
                  "viewsPerSec": round(steps * views / dt, 1)}))
