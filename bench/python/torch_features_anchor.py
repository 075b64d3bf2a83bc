"""Anchor: PyTorch CPU feature-extraction throughput of the evaluator's encoder on this machine.

Usage: /usr/bin/python3 torch_features_anchor.py [width=1.0] [images=5000] [batch=256] [threads=all]
Model: ResNet-18 topology, small stem (3x3 s1, no max-pool), 1 channel, 32 px, stage widths
max(8, floor(64 * width * m)) as in torch_cpu_fmnist_budget.py; eval mode, no_grad, random init.
Input: random 1x32x32 images (content does not change the cost). Prints one JSON line.
"""
import json, os, sys, time
import torch, torch.nn as nn, torch.nn.functional as F

width = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
images = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 256
threads = int(sys.argv[4]) if len(sys.argv) > 4 else len(os.sched_getaffinity(0))
torch.set_num_threads(threads)
torch.manual_seed(0)

class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False); self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False); self.b2 = nn.BatchNorm2d(cout)
        self.sc = nn.Sequential() if stride == 1 and cin == cout else nn.Sequential(
            nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
    def forward(self, x):
        return F.relu(self.b2(self.c2(F.relu(self.b1(self.c1(x))))) + self.sc(x))

def encoder(w):
    c = [max(8, int(64 * w * m + 1e-9)) for m in (1, 2, 4, 8)]
    layers = [nn.Conv2d(1, c[0], 3, 1, 1, bias=False), nn.BatchNorm2d(c[0]), nn.ReLU()]
    cin = c[0]
    for i, co in enumerate(c):
        layers += [Block(cin, co, 1 if i == 0 else 2), Block(co, co, 1)]; cin = co
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    return nn.Sequential(*layers).eval(), cin

enc, dim = encoder(width)
x = torch.rand(images, 1, 32, 32)
with torch.no_grad():
    enc(x[:batch])  # warm-up
    t = time.time()
    for i in range(0, images, batch):
        enc(x[i:i + batch])
    dt = time.time() - t
print(json.dumps({"anchor": "torch-features", "torch": torch.__version__, "threads": torch.get_num_threads(),
                  "width": width, "featureDim": dim, "images": images, "batch": batch,
                  "seconds": round(dt, 3), "imagesPerSecond": round(images / dt, 1),
                  "load1": os.getloadavg()[0]}))
