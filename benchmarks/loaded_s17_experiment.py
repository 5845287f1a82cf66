"""Session 17 experiment (reverted): held-out variants of loaded.detect's new signals and candidates, with the
paired event-bootstrap interval of the F1 difference. Run: python benchmarks/loaded_s17_experiment.py [--base] '{"keep": ["lede"]}' ..."""
import sys, random, time
from benchmarks import bench_loaded as b
NEW = ("before_noun", "after_name", "lede", "repeated", "intensified", "counterpart")
rows=b.load(); ev,ol=b.event_folds(rows),b.outlet_folds(rows)
base=b.adjectives_adverbs(rows) if "--base" in sys.argv else None
def counts(pred):
    out={}
    for r in rows:
        s=b.score([r],pred)
        gold=[(x["start"],x["end"]) for x in r["loaded"]]; ps=pred.get(r["id"],[])
        tp=ng=npd=0
        for m in b._TOK.finditer(r["text"]):
            g,p=b._overlaps(m.start(),m.end(),gold),b._overlaps(m.start(),m.end(),ps)
            ng+=g; npd+=p; tp+=g and p
        out[r["id"]]=(tp,npd,ng)
    return out
def f1(c,ids):
    tp=sum(c[i][0] for i in ids); n=sum(c[i][1] for i in ids); g=sum(c[i][2] for i in ids)
    p=tp/n if n else 0; r=tp/g if g else 0; return 2*p*r/(p+r) if p+r else 0
stories=sorted({r["story"] for r in rows}); by={s:[r["id"] for r in rows if r["story"]==s] for s in stories}
def boot(c0,c1,n=1000):
    rnd=random.Random(0); d=[]
    for _ in range(n):
        ids=[i for s in rnd.choices(stories,k=len(stories)) for i in by[s]]
        d.append(f1(c1,ids)-f1(c0,ids))
    d.sort(); return d[int(.05*n)], d[int(.95*n)]
from newsprism.compare import loaded as L
import json
variants={"adopted": (b.NOT_ADOPTED+NEW, {})}
for spec in sys.argv[1:]:
    if spec.startswith("{"): 
        kn=json.loads(spec); keep=kn.pop("keep",[]); variants[spec]=(tuple(x for x in b.NOT_ADOPTED+NEW if x not in keep), kn)
if base:
    s=b.score(rows,base); print(f"baseline adj+adv F1 {s['token F1']:.3f} hitP {s['hit P']:.3f}")
ref={}
for name,(drop,kn) in variants.items():
    C=kn.pop("C",1.0)
    import sklearn.linear_model as SK, functools
    if not hasattr(SK,"_LR0"): SK._LR0=SK.LogisticRegression
    SK.LogisticRegression=lambda **a: SK._LR0(**{**a,"C":C})
    old={k:getattr(L,k) for k in kn}
    for k,v in kn.items(): setattr(L,k,v)
    L._stems.cache_clear()
    for lab,folds in (("events",ev),("outlets",ol)):
        t=time.time(); pred,ms=b.held_out(folds,rows,cues="unrefuted",drop=drop)
        s=b.score(rows,pred); c=counts(pred)
        if name=="adopted": ref[lab]=c; ci=""
        else: lo,hi=boot(ref[lab],c); ci=f"dF1 90% [{lo:+.3f},{hi:+.3f}]"
        print(f"{name:40s} {lab:8s} P {s['token P']:.3f} R {s['token R']:.3f} F1 {s['token F1']:.3f} hitR {s['hit R']:.3f} hitP {s['hit P']:.3f} spans {s['spans']} inq {s['in quote marks']:.2f} {ci} ({time.time()-t:.0f}s)",flush=True)
    for k,v in old.items(): setattr(L,k,v)
    L._stems.cache_clear()
