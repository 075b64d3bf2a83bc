"""Forward multiply-accumulates per image (convs + linears) for candidate encoders, by hooks on one image.

Usage: /usr/bin/python3 tools/recipe/flops.py   (cheap: one forward of a 1-image batch per encoder)
"""
import os, sys
import torch, torch.nn as nn
sys.path.insert(0, os.path.dirname(__file__))
import simclr_lib as L

torch.set_num_threads(1)
SPECS = [("r18", 0.25, "small", "1222", 32), ("r18", 0.25, "small", "1222", 28), ("r10", 0.25, "small", "1222", 28),
         ("r18", 0.5, "small", "1222", 28), ("r18", 0.25, "small", "2222", 28), ("r18", 0.5, "small", "2222", 28),
         ("r18", 0.5, "imagenet", "1222", 32), ("r18", 1.0, "imagenet", "1222", 32), ("r34", 0.5, "imagenet", "1222", 32)]


def macs(enc, size):
    total = [0]

    def hook(m, i, o):
        if isinstance(m, nn.Conv2d):
            total[0] += o.numel() * m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1]
    hs = [m.register_forward_hook(hook) for m in enc.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        enc.eval(); enc(torch.zeros(1, 1, size, size))
    for h in hs:
        h.remove()
    return total[0]


for arch, w, stem, strides, size in SPECS:
    enc = L.Encoder(arch, w, stem, tuple(int(c) for c in strides))
    print(f"{arch} w={w} stem={stem} strides={strides} size={size}: {macs(enc, size) / 1e6:.1f} MMAC/img, "
          f"params {sum(p.numel() for p in enc.parameters()):,}, dim {enc.dim}")
