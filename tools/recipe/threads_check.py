"""Contention check: model-step views/s with 1 vs 2 intra-op threads (argv[1]) for three encoders, 6 s each."""
import sys,time,torch
sys.path.insert(0, __import__('os').path.dirname(__file__) or '.'); import simclr_lib as L
torch.set_num_threads(int(sys.argv[1]))
for spec in [("r18",0.25,"small",28),("r18",0.5,"imagenet",32),("r18",1.0,"imagenet",32)]:
    enc=L.Encoder(spec[0],spec[1],spec[2]); hd=L.head(enc.dim); opt=torch.optim.SGD(list(enc.parameters())+list(hd.parameters()),lr=0.01,momentum=0.9)
    x=torch.rand(256,1,spec[3],spec[3])
    def st():
        l=L.ntxent(hd(enc(x)),0.2); opt.zero_grad(); l.backward(); opt.step()
    st(); t=time.time(); c=time.process_time(); k=0
    while time.time()-t<6: st(); k+=1
    print(sys.argv[1], spec, f"{k*256/(time.time()-t):.0f} views/s wall, {k*256/(time.process_time()-c):.0f} views/CPU-s", flush=True)
