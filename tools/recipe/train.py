"""One SimCLR run on Fashion-MNIST with a fixed step budget, then the fast evaluation.

Usage: /usr/bin/python3 tools/recipe/train.py NAME [key=value ...]
keys (defaults in CFG below): threads arch w stem strides size pairs steps opt lr wd warmup tau
scale_lo scale_hi s p_jitter out seed zero_init lars_wd probe_l2 probe_iters uncontended
  zero_init  1 = zero-init the last BN gamma of every residual branch (torchvision zero_init_residual)
  lars_wd    weight decay used with opt=lars (SimCLR's 1e-6); wd is used with opt=sgd
  probe_*    the 'linear' probe (product: l2 1e-4, 100 iterations); the round-1 probe (l2 1e-3, 50
          iterations) is always reported too, as linear_r1
  lr      base learning rate for 256 pairs; the step lr is lr * pairs / 256 (linear scaling)
  warmup  fraction of the steps with linear warmup, then cosine to 0
  uncontended  estimated uncontended model views/s of this config (from throughput.py), used only
          to convert the steps into 'uncontended model minutes'
Augmentation (batched torch ops, as the augmenter's policy) is timed apart from the model step;
both wall and process-CPU times are logged. threads=1 by default: on this shared CPU two intra-op
threads collapse to ~1/5 of the one-thread rate under contention (OpenMP barriers), and the
threads do not change the maths; the budget is still set from the uncontended 2-thread rate. Features and the final encoder go to /tmp/recipe/.
"""
import json, math, os, sys, time
import torch
sys.path.insert(0, os.path.dirname(__file__))
import simclr_lib as L

CFG = dict(threads=1, arch="r18", w=0.25, stem="small", strides="1222", size=28, pairs=128, steps=800, opt="sgd",
           lr=0.3, wd=5e-4, warmup=0.1, tau=0.2, scale_lo=0.08, scale_hi=1.0, s=0.5, p_jitter=0.8, out=128,
           seed=0, zero_init=0, lars_wd=1e-6, probe_l2=1e-4, probe_iters=100, uncontended=0.0)


def main():
    name = sys.argv[1]; cfg = dict(CFG)
    for kv in sys.argv[2:]:
        k, v = kv.split("=")
        if k not in cfg:
            sys.exit(f"unknown key {k}; known: {', '.join(cfg)}")
        cfg[k] = type(cfg[k])(v) if not isinstance(cfg[k], float) else float(v)
    torch.set_num_threads(cfg["threads"])
    print(f"run {name}: {json.dumps(cfg)}; load {os.getloadavg()}", flush=True)
    torch.manual_seed(cfg["seed"]); gen = torch.Generator().manual_seed(cfg["seed"] + 1)
    data = L.load(cfg["size"]); xtr = data[0]
    enc = L.Encoder(cfg["arch"], cfg["w"], cfg["stem"], tuple(int(c) for c in cfg["strides"]), bool(cfg["zero_init"]))
    hd = L.head(enc.dim, cfg["out"])
    print(f"encoder params {sum(p.numel() for p in enc.parameters()):,}, feature dim {enc.dim}", flush=True)
    n, steps = cfg["pairs"], cfg["steps"]
    lr0 = cfg["lr"] * n / 256; warm = max(1, int(cfg["warmup"] * steps))
    if cfg["opt"] == "lars":
        opt = L.LARS(L.param_groups([enc, hd], cfg["lars_wd"]), lr0)
    elif cfg["opt"] == "sgd":
        opt = torch.optim.SGD(L.param_groups([enc, hd], cfg["wd"]), lr=lr0, momentum=0.9, nesterov=True)
    else:
        sys.exit(f"unknown opt {cfg['opt']}")
    scale = (cfg["scale_lo"], cfg["scale_hi"])
    spe = xtr.shape[0] // n; step = 0; aug_w = aug_c = mod_w = mod_c = 0.0; t0 = time.time(); losses = []
    while step < steps:
        perm = torch.randperm(xtr.shape[0], generator=gen)
        for i in range(spe):
            if step >= steps:
                break
            lr = L.lr_at(step, steps, warm, lr0)
            for g in opt.param_groups:
                g["lr"] = lr
            tw, tc = time.time(), time.process_time()
            x = xtr[perm[i * n:(i + 1) * n]]
            v = torch.cat([L.augment(x, scale, s=cfg["s"], p_jitter=cfg["p_jitter"], gen=gen),
                           L.augment(x, scale, s=cfg["s"], p_jitter=cfg["p_jitter"], gen=gen)])
            tw2, tc2 = time.time(), time.process_time(); aug_w += tw2 - tw; aug_c += tc2 - tc
            loss = L.ntxent(hd(enc(v)), cfg["tau"])
            opt.zero_grad(set_to_none=True); loss.backward(); opt.step(); step += 1
            mod_w += time.time() - tw2; mod_c += time.process_time() - tc2; losses.append(loss.item())
            if step % 50 == 0 or step == steps:
                rate = step * 2 * n / mod_w; eta = (steps - step) * 2 * n / rate
                print(f"step {step}/{steps} ep {step * n / xtr.shape[0]:.2f} loss {sum(losses[-50:]) / len(losses[-50:]):.3f} "
                      f"lr {lr:.4f} model {rate:.0f} views/s ({step * 2 * n / (mod_c / 2):.0f} views/CPU-s per core-pair) "
                      f"aug {aug_w:.0f}s model {mod_w:.0f}s eta {eta / 60:.1f} min load {os.getloadavg()[0]:.1f}", flush=True)
    train_s = time.time() - t0
    ev = L.evaluate(enc, data, cfg["probe_l2"], cfg["probe_iters"])
    os.makedirs("/tmp/recipe", exist_ok=True)
    torch.save(dict(ftr=ev["ftr"], fte=ev["fte"], ytr=data[1], yte=data[3], tag=name), f"/tmp/recipe/feat_{name}.pt")
    torch.save(enc.state_dict(), f"/tmp/recipe/enc_{name}.pt")
    views = steps * 2 * n
    res = dict(name=name, cfg=cfg, steps=steps, epochs=round(steps * n / xtr.shape[0], 2), views=views,
               linear=round(ev["linear"], 4), linear_r1=round(ev["linear_r1"], 4), knn=round(ev["knn"], 4), final_loss=round(sum(losses[-50:]) / len(losses[-50:]), 4),
               model_wall_s=round(mod_w), model_cpu_s=round(mod_c), aug_wall_s=round(aug_w), aug_cpu_s=round(aug_c),
               train_wall_s=round(train_s), measured_model_views_s=round(views / mod_w),
               uncontended_model_min=round(views / cfg["uncontended"] / 60, 2) if cfg["uncontended"] else None,
               feat_s=round(ev["feat_s"], 1), feat_img_s=round(ev["feat_rate"]), probe_s=round(ev["probe_s"], 1), knn_s=round(ev["knn_s"], 1))
    print("RESULT " + json.dumps(res), flush=True)


main()
