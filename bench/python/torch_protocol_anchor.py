"""Times the anchor's linear_probe and knn (PyTorch) on the features ProtocolBench uses.

Usage: /usr/bin/python3 torch_protocol_anchor.py ANCHOR_FILE DATA_DIR raw|random DIM SEED [THREADS]
ANCHOR_FILE is anchors/torch_simclr_fmnist.py: its functions are executed as they are (only its
trailing main() call is skipped), so the protocol semantics cannot drift. THREADS (default: all
CPUs, as DJL uses) sets torch's intra-op threads; Debian's torch defaults to 1. Prints one JSON line.
"""
import json, os, sys, time

anchor, data_dir, kind, dim, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
threads = int(sys.argv[6]) if len(sys.argv) > 6 else os.cpu_count()
src = open(anchor).read()
tail = "\nmain()"
if not src.rstrip().endswith(tail.strip()):
    sys.exit(f"{anchor}: expected the file to end with main()")
ns = {"__name__": "anchor"}
exec(compile(src.rstrip()[: -len("main()")], anchor, "exec"), ns)
torch, F = ns["torch"], ns["F"]

torch.set_num_threads(threads)
torch.manual_seed(seed)
t = time.time()
ytr = ns["idx"](f"{data_dir}/train-labels-idx1-ubyte.gz").long()
yte = ns["idx"](f"{data_dir}/t10k-labels-idx1-ubyte.gz").long()
if kind == "raw":
    ftr = ns["idx"](f"{data_dir}/train-images-idx3-ubyte.gz").float().div(255).flatten(1)
    fte = ns["idx"](f"{data_dir}/t10k-images-idx3-ubyte.gz").float().div(255).flatten(1)
else:
    ftr = torch.randn(ytr.shape[0], dim)
    fte = torch.randn(yte.shape[0], dim)
load_ms = (time.time() - t) * 1000

t = time.time(); linear = ns["linear_probe"](ftr, ytr, fte, yte); linear_ms = (time.time() - t) * 1000
t = time.time(); knn = ns["knn"](ftr, ytr, fte, yte); knn_ms = (time.time() - t) * 1000
print(json.dumps({
    "engine": f"torch {torch.__version__}", "threads": torch.get_num_threads(),
    "features": kind, "featureDim": ftr.shape[1], "linearTop1": linear, "knnTop1": knn,
    "timingsMs": {"load": round(load_ms), "linear": round(linear_ms), "knn": round(knn_ms),
                  "probePlusKnn": round(linear_ms + knn_ms)},
    "loadAverage1m": os.getloadavg()[0]}))
