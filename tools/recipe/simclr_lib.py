"""Shared pieces for the CPU SimCLR recipe search on Fashion-MNIST.

Data loading, batched views (the augmenter's policy, done with cheap torch ops), encoders in
torchvision ResNet topology (small or imagenet stem, width multiplier, blocks per stage,
per-stage strides), projection head, NT-Xent, LARS, and the evaluation protocol (feature
extraction, anchor Adam probe, fast L-BFGS probe, kNN k=200 cosine t=0.1 weighted).
"""
import gzip, math, os, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"
MEAN, STD = 0.2860, 0.3530


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    nd = int.from_bytes(data[:4], "big") & 0xFF
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(nd)]
    return torch.from_numpy(np.frombuffer(data, np.uint8, offset=4 + 4 * nd).reshape(dims).copy())


def load(size=32, d=DATA):
    """Float images in [0,1], N x 1 x size x size; 32 = zero-padded 28 (as the anchor), 28 = native."""
    xtr = idx(f"{d}/train-images-idx3-ubyte.gz"); ytr = idx(f"{d}/train-labels-idx1-ubyte.gz").long()
    xte = idx(f"{d}/t10k-images-idx3-ubyte.gz"); yte = idx(f"{d}/t10k-labels-idx1-ubyte.gz").long()
    pad = (size - 28) // 2
    prep = lambda x: F.pad(x.float().div(255).unsqueeze(1), (pad, pad, pad, pad)) if pad else x.float().div(255).unsqueeze(1)
    return prep(xtr), ytr, prep(xte), yte


def augment(x, scale=(0.08, 1.0), ratio=(3 / 4, 4 / 3), s=0.5, p_jitter=0.8, flip=True, gen=None):
    """Batched SimCLR views (same maths as anchors/torch_simclr_fmnist.py, scale/s as parameters):
    random resized crop (area fraction U(scale), log-uniform aspect), h-flip p=0.5, brightness and
    contrast jitter (0.8*s) with p=p_jitter; output normalised with the dataset mean/std."""
    n = x.shape[0]
    r = lambda: torch.rand(n, generator=gen)
    area = scale[0] + (scale[1] - scale[0]) * r()
    logr = math.log(ratio[0]) + (math.log(ratio[1]) - math.log(ratio[0])) * r()
    ar = logr.exp(); w = (area * ar).sqrt().clamp(max=1.0); h = (area / ar).sqrt().clamp(max=1.0)
    cx = (r() * (1 - w) + w / 2) * 2 - 1; cy = (r() * (1 - h) + h / 2) * 2 - 1
    fl = torch.where(r() < 0.5, -1.0, 1.0) if flip else torch.ones(n)
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = w * fl; theta[:, 0, 2] = cx; theta[:, 1, 1] = h; theta[:, 1, 2] = cy
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    v = F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)
    if s > 0 and p_jitter > 0:
        apply = (r() < p_jitter).float().view(n, 1, 1, 1)
        b = 1 + (r().view(n, 1, 1, 1) * 2 - 1) * 0.8 * s
        c = 1 + (r().view(n, 1, 1, 1) * 2 - 1) * 0.8 * s
        mean = v.mean(dim=(1, 2, 3), keepdim=True)
        j = ((v * b - mean * b) * c + mean * b).clamp(0, 1)
        v = apply * j + (1 - apply) * v
    return (v - MEAN) / STD


class Basic(nn.Module):
    expansion = 1

    def __init__(self, cin, c, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, c, 3, stride, 1, bias=False); self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, 1, 1, bias=False); self.bn2 = nn.BatchNorm2d(c)
        self.down = None if stride == 1 and cin == c else nn.Sequential(nn.Conv2d(cin, c, 1, stride, bias=False), nn.BatchNorm2d(c))

    def forward(self, x):
        idn = x if self.down is None else self.down(x)
        return F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))) + idn)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, c, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, c, 1, bias=False); self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, stride, 1, bias=False); self.bn2 = nn.BatchNorm2d(c)
        self.conv3 = nn.Conv2d(c, 4 * c, 1, bias=False); self.bn3 = nn.BatchNorm2d(4 * c)
        self.down = None if stride == 1 and cin == 4 * c else nn.Sequential(nn.Conv2d(cin, 4 * c, 1, stride, bias=False), nn.BatchNorm2d(4 * c))

    def forward(self, x):
        idn = x if self.down is None else self.down(x)
        y = F.relu(self.bn1(self.conv1(x))); y = F.relu(self.bn2(self.conv2(y)))
        return F.relu(self.bn3(self.conv3(y)) + idn)


ARCH = {"r10": (Basic, (1, 1, 1, 1)), "r18": (Basic, (2, 2, 2, 2)), "r34": (Basic, (3, 4, 6, 3)), "r50": (Bottleneck, (3, 4, 6, 3))}


class Encoder(nn.Module):
    """torchvision ResNet topology, 1 input channel, no fc; stage widths max(8, int(64*w*m))."""

    def __init__(self, arch="r18", width=0.25, stem="small", strides=(1, 2, 2, 2), zero_init_residual=False):
        super().__init__()
        block, layers = ARCH[arch]
        ch = [max(8, int(64 * width * m)) for m in (1, 2, 4, 8)]
        if stem == "small":
            self.stem = nn.Sequential(nn.Conv2d(1, ch[0], 3, 1, 1, bias=False), nn.BatchNorm2d(ch[0]), nn.ReLU(inplace=True))
        elif stem == "imagenet":
            self.stem = nn.Sequential(nn.Conv2d(1, ch[0], 7, 2, 3, bias=False), nn.BatchNorm2d(ch[0]), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1))
        else:
            raise ValueError(f"unknown stem {stem}")
        stages, cin = [], ch[0]
        for c, n, s in zip(ch, layers, strides):
            blocks = []
            for i in range(n):
                blocks.append(block(cin, c, s if i == 0 else 1)); cin = c * block.expansion
            stages.append(nn.Sequential(*blocks))
        self.stages = nn.Sequential(*stages)
        self.dim = cin
        for m in self.modules():  # torchvision's init
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight); nn.init.zeros_(m.bias)
        if zero_init_residual:  # torchvision's zero_init_residual: last BN gamma of each residual branch = 0
            for m in self.modules():
                if isinstance(m, Bottleneck):
                    nn.init.zeros_(m.bn3.weight)
                elif isinstance(m, Basic):
                    nn.init.zeros_(m.bn2.weight)

    def forward(self, x):
        return F.adaptive_avg_pool2d(self.stages(self.stem(x)), 1).flatten(1)


def head(d, out=128):
    return nn.Sequential(nn.Linear(d, d), nn.BatchNorm1d(d), nn.ReLU(inplace=True), nn.Linear(d, out))


def ntxent(z, tau):
    z = F.normalize(z, dim=1); n2 = z.shape[0]
    sim = (z @ z.t()) / tau
    sim.fill_diagonal_(float("-inf"))
    return F.cross_entropy(sim, (torch.arange(n2) + n2 // 2) % n2)


class LARS(torch.optim.Optimizer):
    """SimCLR-style LARS: SGD momentum with layer-wise trust ratio eta*||w||/||g + wd*w||;
    parameters in groups with adapt=False (BN, bias) get neither adaptation nor weight decay."""

    def __init__(self, groups, lr, momentum=0.9, weight_decay=1e-6, eta=1e-3):
        super().__init__(groups, dict(lr=lr, momentum=momentum, weight_decay=weight_decay, eta=eta, adapt=True))

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            for p in g["params"]:
                if p.grad is None:
                    continue
                d = p.grad
                if g["adapt"]:
                    d = d.add(p, alpha=g["weight_decay"])
                    wn, gn = p.norm(), d.norm()
                    trust = torch.where((wn > 0) & (gn > 0), g["eta"] * wn / gn, torch.ones_like(wn))
                    d = d.mul(trust)
                st = self.state[p]
                buf = st.get("mu")
                if buf is None:
                    buf = st["mu"] = d.clone()
                else:
                    buf.mul_(g["momentum"]).add_(d)
                p.add_(buf, alpha=-g["lr"])


def param_groups(modules, weight_decay, exclude_bn_bias=True):
    decay, no = [], []
    for m in modules:
        for name, p in m.named_parameters():
            (no if exclude_bn_bias and p.ndim == 1 else decay).append(p)
    return [dict(params=decay, weight_decay=weight_decay, adapt=True), dict(params=no, weight_decay=0.0, adapt=False)]


def lr_at(step, total, warm, base):
    if step < warm:
        return base * (step + 1) / warm
    return base * 0.5 * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm)))


# ---------------------------------------------------------------- evaluation

@torch.no_grad()
def features(enc, x, bs=1024):
    """Encoder output (before the head) on un-augmented, normalised images; returns (feats, seconds)."""
    was = enc.training; enc.eval(); out = []; t = time.time()
    for i in range(0, x.shape[0], bs):
        out.append(enc((x[i:i + bs] - MEAN) / STD))
    enc.train(was)
    return torch.cat(out), time.time() - t


def mm(a, b_t):
    """a @ b_t.T through a 1x1 convolution: this Debian torch build has a generic (reference) BLAS
    (BLAS_INFO=generic) but oneDNN convolutions, which are 3-4x faster here. Differentiable."""
    return F.conv2d(a.view(a.shape[0], -1, 1, 1), b_t.reshape(b_t.shape[0], -1, 1, 1)).flatten(1)


def standardise(ftr, fte):
    mu, sd = ftr.mean(0), ftr.std(0) + 1e-6
    return (ftr - mu) / sd, (fte - mu) / sd


def probe_adam(ftr, ytr, fte, yte, epochs=100, seed=0):
    """The anchor's probe: standardised features, Linear, Adam 1e-3 wd 1e-5, batch 1024, cosine over 100 epochs."""
    torch.manual_seed(seed)
    ftr, fte = standardise(ftr, fte)
    clf = nn.Linear(ftr.shape[1], 10); opt = torch.optim.Adam(clf.parameters(), 1e-3, weight_decay=1e-5)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    for _ in range(epochs):
        perm = torch.randperm(ftr.shape[0])
        for i in range(0, ftr.shape[0], 1024):
            j = perm[i:i + 1024]; loss = F.cross_entropy(clf(ftr[j]), ytr[j])
            opt.zero_grad(); loss.backward(); opt.step()
        sched.step()
    with torch.no_grad():
        return (clf(fte).argmax(1) == yte).float().mean().item()


def probe_lbfgs(ftr, ytr, fte, yte, l2=1e-4, iters=100, history=10, dtype=torch.float32):
    """Fast probe: standardised features, multinomial logistic regression (weights + bias, zero init),
    full-batch L-BFGS (strong Wolfe line search) on mean cross-entropy + l2/2*||W||^2 (bias not
    penalised), a fixed number of iterations. Deterministic."""
    ftr, fte = standardise(ftr.to(dtype), fte.to(dtype))
    W = torch.zeros(10, ftr.shape[1], dtype=dtype, requires_grad=True)
    b = torch.zeros(10, dtype=dtype, requires_grad=True)
    opt = torch.optim.LBFGS([W, b], lr=1, max_iter=iters, history_size=history, line_search_fn="strong_wolfe",
                            tolerance_grad=1e-9, tolerance_change=1e-12)

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(mm(ftr, W) + b, ytr) + 0.5 * l2 * (W * W).sum()
        loss.backward()
        return loss
    opt.step(closure)
    with torch.no_grad():
        return ((mm(fte, W) + b).argmax(1) == yte).float().mean().item()


@torch.no_grad()
def knn(ftr, ytr, fte, yte, k=200, t=0.1):
    ftr = F.normalize(ftr, dim=1); fte = F.normalize(fte, dim=1); correct = 0
    for i in range(0, fte.shape[0], 1000):
        sim = mm(fte[i:i + 1000], ftr); w, j = sim.topk(k, dim=1)
        votes = torch.zeros(j.shape[0], 10).scatter_add_(1, ytr[j], (w / t).exp())
        correct += (votes.argmax(1) == yte[i:i + 1000]).sum().item()
    return correct / fte.shape[0]


def evaluate(enc, data, l2=1e-4, iters=100, l2_b=1e-3, iters_b=50):
    """Fast protocol: features for 60k+10k, L-BFGS probe (the product's: l2 1e-4, 100 iterations = 'linear'),
    the round-1 probe (l2 1e-3, 50 iterations = 'linear_r1', for continuity), kNN. Returns a dict with timings."""
    xtr, ytr, xte, yte = data
    ftr, t1 = features(enc, xtr); fte, t2 = features(enc, xte)
    t = time.time(); lin = probe_lbfgs(ftr, ytr, fte, yte, l2, iters); tl = time.time() - t
    lin_b = probe_lbfgs(ftr, ytr, fte, yte, l2_b, iters_b)
    t = time.time(); kn = knn(ftr, ytr, fte, yte); tk = time.time() - t
    return dict(linear=lin, linear_r1=lin_b, knn=kn, feat_s=t1 + t2, feat_rate=(xtr.shape[0] + xte.shape[0]) / (t1 + t2),
                probe_s=tl, knn_s=tk, ftr=ftr, fte=fte)
