"""The cluster stage's speed on a stories dev set, and its decisions, for comparing two versions of the code.

    cd /tmp && PYTHONPATH=CHECKOUT python PATH/TO/benchmarks/cluster_speed.py DATA.jsonl [hashed] [--dump OUT.json]
        [--profile OUT.prof]

(run by path from outside a checkout, so that ``newsprism`` comes from CHECKOUT: it prints which one ran).

Prints articles per second of the stage alone (the articles are stored first). ``hashed`` runs without the models
(hashed embeddings, capitalised words as entities). ``--dump`` writes every article's story, every story's record
(title, members with their scores and signals, merged stories) and the storyline links, sorted: two versions
that decide alike write the same bytes. ``--profile`` writes a cProfile of the stage's run.
"""
import json, sys, tempfile, time, cProfile
from pathlib import Path
import newsprism
from newsprism.cluster.stage import ClusterStage
from newsprism.cluster.signals import ENCODER
from newsprism.compare import models
from newsprism.stage import RunContext
from newsprism.store import open_store
from newsprism.types import Article
path = sys.argv[1]
rows = [json.loads(l) for l in open(path) if l.strip()]
if "hashed" in sys.argv:
    models._embedders.update(torch=False, onnx=False); models._nlp = models._tagger_process = False
models.embedder(ENCODER), models.tagger()
def arg(name):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None
with tempfile.TemporaryDirectory() as tmp:
    store = open_store(str(Path(tmp) / "s.db"))
    with store.transaction():
        for r in rows:
            store.put_article(Article(id=r["id"], source=r["id"], input_sha256=r["id"], text=r["text"], title=r.get("title"),
                                      outlet=r.get("outlet"), published=r.get("published")))
    stage = ClusterStage(RunContext(store=store, run_id=0))
    arts = [store.get_article(r["id"]) for r in rows]
    prof = cProfile.Profile() if arg("--profile") else None
    t = time.perf_counter()
    if prof: prof.enable()
    done = sum(1 for _ in stage.run(arts))
    if prof: prof.disable(); prof.dump_stats(arg("--profile"))
    secs = time.perf_counter() - t
    if arg("--dump"):
        out = {}
        for s in sorted(store.iter_stories(), key=lambda s: s.id):
            d = s.as_dict() if hasattr(s, "as_dict") else s.__dict__
            out[s.id] = json.loads(json.dumps(d, default=str))
        assign = {a.id: a.story for a in store.iter_articles()}
        links = store.story_links(sorted(out))
        Path(arg("--dump")).write_text(json.dumps({"assign": assign, "stories": out, "links": links}, sort_keys=True, indent=0))
    store.close()
print(json.dumps({"code": str(Path(newsprism.__file__).parent.parent), "articles": done, "seconds": round(secs, 2),
                  "articles_per_s": round(done / secs, 1)}))
