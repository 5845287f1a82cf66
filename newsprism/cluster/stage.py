"""The cluster stage: each article joins the best story or opens one, in publication order.

Every membership records why: the score, its parts (terms, embedding), and the
terms and entities the article shared with the story. A duplicate joins the
story of its canonical copy. Signals (embeddings, entities) are computed for a
batch of articles at once, in a thread, from the moment the articles arrive
(``arriving``, before the executor sorts them) and ahead of assignment; each
article is still assigned alone, in order, against the stories as the earlier
ones left them.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from newsprism.cluster import signals as read_signals
from newsprism.cluster.online import HORIZON_DAYS, OnlineClusterer, Score, one_blas_thread, parse_date, terms
from newsprism.cluster.signals import Signals
from newsprism.stage import Stage
from newsprism.types import Article, Story, StoryMember

TitleKey = tuple[tuple[str, str], str]
#: a batch's signals being read: held in the store, read as they arrived (article, job, index), the rest (articles, job)
Ahead = tuple[dict[str, Signals], list[tuple[Article, "Future[list[Signals]]", int]], list[Article],
              "Future[list[Signals]] | None"]
_UNKNOWN: Any = object()
#: the reason recorded for the first member of a story
OPENED = "opened the story"


def lead(text: str, words: int = 12) -> str:
    """A stand-in title for an untitled article: its first words."""
    head = text.split()
    return " ".join(head[:words]) + (" …" if len(head) > words else "")


def retitle(store: Any, sid: str) -> TitleKey | None:
    """Set the story's title to the headline of its earliest canonical article that has one.

    Returns that article's ``(published, id)`` key and id, or None when the story has no titled canonical article.
    """
    story = store.get_story(sid)
    if story is None:
        return None
    titled = sorted((a for a in store.iter_articles(story.articles) if a.title and not a.duplicate_of),
                    key=lambda a: (a.published or "9999", a.id))
    if titled and titled[0].title != story.title:
        story.title = titled[0].title
        store.put_story(story)
    return ((titled[0].published or "9999", titled[0].id), titled[0].id) if titled else None


def story_id(first_article: str) -> str:
    return "s" + hashlib.sha1(first_article.encode()).hexdigest()[:12]


class ClusterStage(Stage):
    name = "cluster"
    requires = ("text",)
    assigns = ("story",)
    ordered = True
    defaults: dict[str, Any] = {"join_threshold": None, "merge_threshold": None, "window_days": None}
    #: articles whose signals are computed together (the models batch internally)
    batch = 256
    #: the first batch, which nothing overlaps (assignment waits for its signals): smaller, so that assignment
    #: starts sooner; each next batch doubles up to ``batch``
    first_batch = 32
    #: articles after the one being assigned whose signals are read ahead: enough to keep the models busy through
    #: the slower stretches of assignment
    lookahead = 1024
    #: articles whose signals are read as they arrive, before the stream is sorted (kept in memory until assigned)
    early_max = 8192

    def __init__(self, ctx: Any, **config: Any) -> None:
        super().__init__(ctx, **config)
        kwargs = {k: v for k, v in (("join", self.config["join_threshold"]), ("merge", self.config["merge_threshold"]),
                                     ("window_days", self.config["window_days"])) if v is not None}
        self.model = OnlineClusterer(**kwargs)
        self._signals: dict[str, Signals] = {}
        self._todo: set[str] = set()      # the current batch's articles not yet assigned
        self._titles: dict[str, TitleKey | None] = {}    # each story's title article, as far as this run knows
        self._kinds: tuple[str, str] | None = None
        self._pool: ThreadPoolExecutor | None = None
        # article id -> (the job reading its signals, its place in the job, the title and text it read)
        self._early: dict[str, tuple[Future[list[Signals]], int, str | None, str]] = {}
        self.read_on_arrival = 0     # articles whose signals were read as they arrived, and used
        self._canonical_ids: dict[str, bool] = {}    # this run's articles: not a duplicate
        # what the store holds of the stories and articles this stage retitles, read once and kept up to date with
        # this stage's own writes (a story's title and member ids; an article's day, title and copy-of), so that
        # a retitle reads no story or article again; dropped when an article fails (its savepoint rolled back)
        self._story_heads: dict[str, tuple[str, set[str]]] = {}
        self._article_heads: dict[str, tuple[str | None, str | None, str | None] | None] = {}
        self._df: Counter[str] = Counter()     # the current batch's document frequencies, not yet stored
        # the stories of this run's articles (assigned now or in an earlier, interrupted run), in the order met: the
        # second look reads those still of one article (``_second_look``)
        self._met: dict[str, None] = {}
        self._docs = 0
        self._load()

    # -- each article's signals, computed once and kept in the store ---------------------------
    @property
    def kinds(self) -> tuple[str, str]:
        """Fingerprint kinds under which an article's embedding and entities are kept."""
        if self._kinds is None:
            from newsprism.compare import models

            # torch's int8 vectors keep the kind they were stored under; another encoder's are kept apart
            embedder = {"torch": "minilm", "onnx": "minilm-ort", "hashed": "hashed"}[
                models.encoder_name(models.embedder(read_signals.ENCODER))]
            self._kinds = (f"cluster-embed-{embedder}-lead{read_signals.LEAD_CHARS}",
                           f"cluster-entities-{'spacy' if models.tagger() else 'caps'}-lead{read_signals.ENTITY_CHARS}")
        return self._kinds

    def _read(self, articles: list[Article]) -> list[Signals]:
        """Signals of new articles, computed in one batch and stored."""
        if not articles:
            return []
        return self._keep(articles, read_signals.read([(a.title, a.text) for a in articles]))

    def _keep(self, articles: list[Article], sigs: list[Signals]) -> list[Signals]:
        """Store the signals computed for ``articles``."""
        vec_kind, ent_kind = self.kinds
        store = self.ctx.store
        store.put_fingerprints(vec_kind, [(a.id, np.asarray(s.vector, dtype=np.float32).tobytes())
                                          for a, s in zip(articles, sigs)])
        store.put_fingerprints(ent_kind, [(a.id, json.dumps(sorted(s.entities)).encode())
                                          for a, s in zip(articles, sigs)])
        return sigs

    def _held(self, articles: list[Article]) -> tuple[dict[str, Signals], list[Article]]:
        """The signals the store holds for ``articles``, and the articles it holds none for."""
        store = self.ctx.store
        vec_kind, ent_kind = self.kinds
        out: dict[str, Signals] = {}
        ids = [a.id for a in articles]
        vecs, entss = store.fingerprints_of(vec_kind, ids), store.fingerprints_of(ent_kind, ids)
        for a in articles:
            vec, ents = vecs.get(a.id), entss.get(a.id)
            if vec is not None and ents is not None:
                lead = read_signals.lead_text(a.title, a.text)
                out[a.id] = Signals(vector=np.frombuffer(vec, dtype=np.float32).copy(),
                                    entities=frozenset(json.loads(ents)), numbers=read_signals.numbers_of(lead),
                                    quantities=read_signals.quantities_of(lead),
                                    years=read_signals.years_of(a.title, a.text),
                                    full=read_signals.full_text(a.title, a.text))
        return out, [a for a in articles if a.id not in out]

    def _stored(self, articles: list[Article]) -> list[Signals]:
        """Signals of stored articles: those kept in the store, the rest computed (and kept)."""
        out, missing = self._held(articles)
        out.update(zip((a.id for a in missing), self._read(missing)))
        return [out[a.id] for a in articles]

    def _load(self) -> None:
        """Rebuild, from the store, the corpus statistics and the stories of the time window of its newest
        clustered article (their signals as stored); older stories are loaded when an older article comes."""
        store = self.ctx.store
        self.model.load_df(store.document_frequencies())
        if self.model.n_docs == 0 and store.count("story_members"):    # a store clustered before the counts were kept
            self._count_stored_documents()
        newest = parse_date(store.newest_in_stories())
        self._since: datetime | None = None
        self._load_since(newest - timedelta(days=HORIZON_DAYS) if newest else None)
        self._members = store.count("story_members")

    def _load_since(self, since: datetime | None) -> None:
        """Load the stories with an article published on or after ``since`` (all when None) not yet in memory."""
        if self._since is not None and since is not None and since >= self._since:
            return
        store = self.ctx.store
        for sid in store.stories_published_since(since.date().isoformat() if since else None):
            if sid in self.model.stories or (story := store.get_story(sid)) is None:
                continue
            articles = list(store.iter_articles(story.articles))
            for article, sig in zip(articles, self._stored(articles)):
                self.model.add(story.id, terms(article.title, article.text), parse_date(article.published), sig)
        self._since = since if since is not None else datetime.min

    def _count_stored_documents(self) -> None:
        store = self.ctx.store
        with store.transaction():
            for sid in store.stories_published_since(None):
                story = store.get_story(sid)
                for article in store.iter_articles(story.articles if story else []):
                    if store.is_done(article.id, self.name):
                        tf = terms(article.title, article.text)
                        self.model.observe(tf)
                        store.add_document_terms(tf)

    # -- signals read ahead of assignment ---------------------------------------------------------
    def arriving(self, items: Iterable[Article]) -> Iterator[Article]:
        """Start reading the signals of articles as they arrive, while the stages before this one still run (the
        executor sorts the stream before ``run``): batches of ``first_batch`` doubling to ``batch`` articles, in
        the models' thread, for at most ``early_max`` articles (their signals wait in memory until assigned)."""
        pending: list[Article] = []
        size = max(1, min(self.first_batch, self.batch))
        for article in items:
            yield article
            if len(self._early) + len(pending) >= self.early_max or not isinstance(article, Article):
                continue
            pending.append(article)
            if len(pending) >= size:
                self._read_early(pending)
                pending, size = [], min(2 * size, self.batch)
        self._read_early(pending)

    def _read_early(self, articles: list[Article]) -> None:
        todo = self._undone(articles)
        if not todo:
            return
        started = time.perf_counter()
        _, missing = self._held(todo)
        if missing:
            job = self._models().submit(read_signals.read, [(a.title, a.text) for a in missing])
            for i, a in enumerate(missing):
                self._early[a.id] = (job, i, a.title, a.text)
        self.stats.seconds += time.perf_counter() - started

    def _models(self) -> ThreadPoolExecutor:
        """The one thread that runs the models' batches (in order); they use the cores themselves."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="cluster-signals")
        return self._pool

    def run(self, items: Iterable[Article]) -> Iterator[Article]:
        """Articles a batch at a time; the models read the signals of up to ``lookahead`` articles after the
        batch being assigned (those read as they arrived, then the next batches') in a thread, so that
        assignment (one core, in Python) and the models (ONNX Runtime and spaCy release the GIL) overlap.
        The store is touched from this thread only."""
        # what an earlier run kept may be stale (a correction made between runs): read it again as needed
        self._story_heads.clear()
        self._article_heads.clear()
        it = iter(items)
        size = max(1, min(self.first_batch, self.batch))
        queue: deque[tuple[list[Article], Ahead]] = deque()
        queued = 0
        try:
            while True:
                while queued < self.lookahead and (chunk := list(itertools.islice(it, size))):
                    queue.append((chunk, self._ahead(chunk)))
                    queued += len(chunk)
                    size = min(2 * size, self.batch)
                if not queue:
                    break
                chunk, ahead = queue.popleft()
                queued -= len(chunk)
                started = time.perf_counter()     # the stage's time includes waiting for its models
                signals = self._collect(ahead)
                self.stats.seconds += time.perf_counter() - started
                yield from self._run_chunk(chunk, signals)
            self._second_look()
        finally:
            self._met = {}
            self._early.clear()
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None

    def _second_look(self) -> None:
        """At the end of the run, each story of its articles that still holds one article is merged into the story
        that article now joins (``OnlineClusterer.second_look``; not where a reader separated the two): an article
        that came before its story had taken shape is decided again against the stories as the run left them. The
        stories are those of all the run's articles, those an interrupted run assigned too (met in the same order),
        so that a resumed run ends as a fresh one does.
        Measured beside the stage without it (``benchmarks.tune_stories --second-look singletons``, one run):
        story-grouped CV headlines 0.924 -> 0.927, ECB+ 0.899 -> 0.906, BASIL 0.980 -> 0.987; across sets
        headlines 0.861 -> 0.862, ECB+ 0.874 -> 0.874; dev headlines 0.885, ECB+ 0.898 -> 0.901, BASIL 0.993."""
        opened, self._met = list(self._met), {}
        store = self.ctx.store
        started = time.perf_counter()
        with store.transaction(), one_blas_thread():
            for sid in opened:
                into = self.model.second_look(sid)
                if into is not None and not store.separated(sid, into):
                    self._merge(sid, into=into)
                    self._titles[into] = self._retitle_known(into)
        self.stats.seconds += time.perf_counter() - started

    def _ahead(self, chunk: list[Article]) -> Ahead:
        """Start reading the signals of a batch's articles still to assign: those held in the store, those read as
        they arrived (article, job, index), and a job for the rest (articles, job)."""
        todo = self._undone(chunk)
        if not todo:
            return {}, [], [], None
        started = time.perf_counter()
        early: list[tuple[Article, Future[list[Signals]], int]] = []
        rest: list[Article] = []
        for a in todo:
            got = self._early.pop(a.id, None)
            if got is not None and got[2] == a.title and got[3] == a.text:
                early.append((a, got[0], got[1]))
            else:
                rest.append(a)
        held, missing = self._held(rest)
        job = self._models().submit(read_signals.read, [(a.title, a.text) for a in missing]) if missing else None
        self.stats.seconds += time.perf_counter() - started
        return held, early, missing, job

    def _undone(self, articles: list[Article]) -> list[Article]:
        """The articles still to assign: all but those this stage has done and that are in a story."""
        done = self.ctx.store.done_among([a.id for a in articles if a.story], self.name)
        return [a for a in articles if not (a.story and a.id in done)]

    def _collect(self, ahead: Ahead) -> dict[str, Signals]:
        """Wait for a batch's signals and store those computed."""
        held, early, missing, job = ahead
        signals = dict(held)
        if early:
            self.read_on_arrival += len(early)
            articles = [a for a, _, _ in early]
            signals.update(zip((a.id for a in articles),
                               self._keep(articles, [fut.result()[i] for _, fut, i in early])))
        if job is not None:
            signals.update(zip((a.id for a in missing), self._keep(missing, job.result())))
        return signals

    def _run_chunk(self, chunk: list[Article], signals: dict[str, Signals]) -> Iterator[Article]:
        self._todo = set(signals)
        if signals:
            todo = [a for a in chunk if a.id in signals]
            dates = [d for d in (parse_date(a.published) for a in todo) if d is not None]
            if dates:      # an article older than the stories in memory: load its window's
                self._load_since(min(dates) - timedelta(days=HORIZON_DAYS))
            if self.model.evict():       # what was dropped is loaded again if an older article comes
                self._since = max(self._since or datetime.min, self.model.latest - timedelta(days=HORIZON_DAYS))
        self._signals = signals
        self._canonical_ids.update((a.id, not a.duplicate_of) for a in chunk)
        # one transaction for the batch, each article in a savepoint of it (one that fails rolls back alone); a kill
        # loses at most this batch, which the rerun assigns again. The articles go on once it is committed.
        with self.ctx.store.transaction():
            done = list(super().run(chunk))
            self.ctx.store.add_document_counts(self._df, self._docs)   # the batch's document frequencies at once
            self._df, self._docs = Counter(), 0
        yield from done

    def process(self, article: Article) -> Article:
        try:
            return self._process(article)
        except BaseException:
            self._story_heads.clear()      # the article's writes were rolled back: read the stories again
            raise

    def _process(self, article: Article) -> Article:
        store = self.ctx.store
        if article.id not in self._todo and store.is_done(article.id, self.name) and article.story:
            self.stats.reused += 1
            self._met[article.story] = None
            return article
        tf = terms(article.title, article.text)
        when = parse_date(article.published)
        sig = self._signals.pop(article.id, None)
        if sig is None:
            sig = self._stored([article])[0]
        self.model.observe(tf)
        with store.transaction(), one_blas_thread():      # one BLAS limit for the article's several rankings
            sid, member = self._assign(article, tf, when, sig)
            self.model.add(sid, tf, when, sig)
            self._members += 1
            member.joined_at = self._members
            store.add_member(sid, member)
            if sid in self._story_heads:
                self._story_heads[sid][1].add(article.id)
            # a story this article just opened is not merged: the join model read the article as no other story's
            # (its story, as a query, has the article's terms, vector, entities and day); stories merge as they grow
            opened = member.shared_terms == [OPENED]
            merged = False if opened else self._merge_neighbours(sid)
            self._retitle(sid, article, merged)
            self._link_related(sid)
            store.mark_done(article.id, self.name)
        self._df.update(tf.keys())        # written with the batch (``_run_chunk``)
        self._docs += 1
        self._met[sid] = None
        article.story = sid
        return article

    def _retitle(self, sid: str, article: Article, merged: bool) -> None:
        """``retitle``, but from what this run knows: the story's title article, unless a merge or dedup changed it."""
        store = self.ctx.store
        known = self._titles.get(sid, _UNKNOWN)
        if merged or known is _UNKNOWN or (known is not None and not self._canonical(known[1])):
            self._titles[sid] = self._retitle_known(sid)
            return
        if not article.title or article.duplicate_of:
            return
        key = (article.published or "9999", article.id)
        if known is None or key < known[0]:
            head = self._story_heads.get(sid)
            if head is None or head[0] != article.title:
                self._set_title(sid, article.title)
            self._titles[sid] = (key, article.id)

    def _retitle_known(self, sid: str) -> TitleKey | None:
        """``retitle(store, sid)``, reading the story's members and their titles from what this run keeps."""
        head = self._story_heads.get(sid)
        if head is None:
            story = self.ctx.store.get_story(sid)
            if story is None:
                return None
            head = self._story_heads[sid] = (story.title, set(story.articles))
        titled = []
        for aid in head[1]:
            known = self._article_head(aid)
            if known is not None and known[1] and not known[2]:
                titled.append(((known[0] or "9999", aid), known[1]))
        if not titled:
            return None
        key, title = min(titled)
        if title != head[0]:
            self._set_title(sid, title)
        return key, key[1]

    def _article_head(self, article_id: str) -> tuple[str | None, str | None, str | None] | None:
        """An article's day, title and canonical copy as stored (None when it is not), read once a run."""
        if article_id not in self._article_heads:
            a = self.ctx.store.get_article(article_id)
            self._article_heads[article_id] = (a.published, a.title, a.duplicate_of) if a is not None else None
        return self._article_heads[article_id]

    def _set_title(self, sid: str, title: str) -> None:
        """Store ``title`` as the story's title (when the story is stored)."""
        store = self.ctx.store
        story = store.get_story(sid)
        if story is None:
            self._story_heads.pop(sid, None)
            return
        if story.title != title:
            story.title = title
            story.members = []          # not stored with the story (its own table): not serialised either
            store.put_story(story)
        self._story_heads[sid] = (title, set(story.articles))

    def _canonical(self, article_id: str) -> bool:
        """Whether the article is not a duplicate (known for this run's articles: dedup ran before this stage)."""
        known = self._canonical_ids.get(article_id)
        if known is not None:
            return known
        a = self.ctx.store.get_article(article_id)
        return a is not None and not a.duplicate_of

    def _assign(self, article: Article, tf: Any, when: Any, sig: Signals) -> tuple[str, StoryMember]:
        store = self.ctx.store
        if article.duplicate_of:
            canonical = store.get_article(article.duplicate_of)
            if canonical and canonical.story and canonical.story in self.model.stories:
                return canonical.story, StoryMember(article=article.id, score=1.0,
                                                    shared_terms=[f"duplicate of {canonical.id}"])
        best = self.model.best(tf, when, sig)
        if best is None:
            sid = story_id(article.id)
            story = Story(id=sid, title=article.title or lead(article.text))
            store.put_story(story)
            self._story_heads.pop(sid, None)     # read again: a story of this id may have held members
            return sid, StoryMember(article=article.id, score=1.0, shared_terms=[OPENED])
        score, sid = best
        return sid, member_of(article.id, score)

    def _link_related(self, sid: str) -> None:
        """Link ``sid`` to the stories of its thread (a storyline), when its size reaches a power of two:
        often enough to follow a growing story, rarely enough to cost little."""
        size = self.model.stories[sid].size
        if size & (size - 1):
            return
        for score, other in self.model.related(sid):
            self.ctx.store.link_stories(sid, other, round(score.similarity, 4), {
                "signals": score.signals(), "shared_entities": score.shared_entities[:8],
                "shared_terms": score.shared_terms[:8]})

    def _merge_neighbours(self, sid: str) -> bool:
        """Merge into ``sid`` the stories of its window that now read as the same story; whether any was."""
        merged = False
        for other in self.model.mergeable(sid):
            if not self.ctx.store.separated(sid, other):
                self._merge(other, into=sid)
                merged = True
        return merged

    def _merge(self, src: str, into: str) -> None:
        store = self.ctx.store
        target = store.get_story(into)
        if target is None:
            return
        store.move_members(src, into)
        store.delete_story(src)
        target.merged_from.append(src)
        target.members = []          # not stored with the story (its own table): not serialised either
        store.put_story(target)
        moved, kept = self._story_heads.pop(src, None), self._story_heads.pop(into, None)
        if moved is not None and kept is not None:
            self._story_heads[into] = (kept[0], kept[1] | moved[1])
        self.model.absorb(src, into)
        self._titles.pop(src, None)
        self._titles.pop(into, None)


def member_of(article_id: str, score: Score) -> StoryMember:
    """The membership record of an article that joined a story with ``score``."""
    return StoryMember(article=article_id, score=round(score.total, 4), shared_terms=score.shared_terms,
                       shared_entities=score.shared_entities, signals=score.signals())
