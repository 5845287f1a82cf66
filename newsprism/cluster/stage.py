"""The cluster stage: each article joins the best story or opens one, in publication order.

Every membership records why: the score, its parts (terms, embedding), and the
terms and entities the article shared with the story. A duplicate joins the
story of its canonical copy. Signals (embeddings, entities) are computed for a
batch of arriving articles at once; each article is still assigned alone, in
order, against the stories as the earlier ones left them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from newsprism.cluster import signals as read_signals
from newsprism.cluster.online import OnlineClusterer, Score, StoryState, parse_date, terms
from newsprism.cluster.signals import Signals
from newsprism.stage import Stage
from newsprism.types import Article, Story, StoryMember


def lead(text: str, words: int = 12) -> str:
    """A stand-in title for an untitled article: its first words."""
    head = text.split()
    return " ".join(head[:words]) + (" …" if len(head) > words else "")


def retitle(store: Any, sid: str) -> None:
    """Set the story's title to the headline of its earliest canonical article that has one."""
    story = store.get_story(sid)
    if story is None:
        return
    titled = sorted((a for a in store.iter_articles(story.articles) if a.title and not a.duplicate_of),
                    key=lambda a: (a.published or "9999", a.id))
    if titled and titled[0].title != story.title:
        story.title = titled[0].title
        store.put_story(story)


def story_id(first_article: str) -> str:
    return "s" + hashlib.sha1(first_article.encode()).hexdigest()[:12]


class ClusterStage(Stage):
    name = "cluster"
    requires = ("text",)
    assigns = ("story",)
    ordered = True
    defaults: dict[str, Any] = {"join_threshold": None, "merge_threshold": None, "window_days": None}
    #: articles whose signals are computed together (the models batch internally)
    batch = 64

    def __init__(self, ctx: Any, **config: Any) -> None:
        super().__init__(ctx, **config)
        kwargs = {k: v for k, v in (("join", self.config["join_threshold"]), ("merge", self.config["merge_threshold"]),
                                     ("window_days", self.config["window_days"])) if v is not None}
        self.model = OnlineClusterer(**kwargs)
        self._signals: dict[str, Signals] = {}
        self._load()

    def _load(self) -> None:
        """Rebuild the in-memory story vectors from what the store already holds."""
        store = self.ctx.store
        for story in store.iter_stories():
            state = StoryState(story.id)
            articles = list(store.iter_articles(story.articles))
            for article, sig in zip(articles, read_signals.read([(a.title, a.text) for a in articles])):
                tf = terms(article.title, article.text)
                if store.is_done(article.id, self.name):
                    self.model.observe(tf)
                state.add(tf, parse_date(article.published), sig)
            if state.size:
                self.model.stories[story.id] = state

    def run(self, items: Iterable[Article]) -> Iterator[Article]:
        chunk: list[Article] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= self.batch:
                yield from self._run_chunk(chunk)
                chunk = []
        yield from self._run_chunk(chunk)

    def _run_chunk(self, chunk: list[Article]) -> Iterator[Article]:
        todo = [a for a in chunk if not (self.ctx.store.is_done(a.id, self.name) and a.story)]
        if todo:
            self._signals = dict(zip((a.id for a in todo), read_signals.read([(a.title, a.text) for a in todo])))
        yield from super().run(chunk)

    def process(self, article: Article) -> Article:
        store = self.ctx.store
        if store.is_done(article.id, self.name) and article.story:
            self.stats.reused += 1
            return article
        tf = terms(article.title, article.text)
        when = parse_date(article.published)
        sig = self._signals.pop(article.id, None)
        if sig is None:
            sig = read_signals.read([(article.title, article.text)])[0]
        self.model.observe(tf)
        with store.transaction():
            sid, member = self._assign(article, tf, when, sig)
            self.model.add(sid, tf, when, sig)
            member.joined_at = sum(s.size for s in self.model.stories.values())
            store.add_member(sid, member)
            self._merge_neighbours(sid)
            retitle(store, sid)
            store.mark_done(article.id, self.name)
        article.story = sid
        return article

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
            store.put_story(Story(id=sid, title=article.title or lead(article.text)))
            return sid, StoryMember(article=article.id, score=1.0, shared_terms=["opened the story"])
        score, sid = best
        return sid, member_of(article.id, score)

    def _merge_neighbours(self, sid: str) -> None:
        """Merge into ``sid`` the stories of its window that now read as the same story."""
        for other in self.model.mergeable(sid):
            if not self.ctx.store.separated(sid, other):
                self._merge(other, into=sid)

    def _merge(self, src: str, into: str) -> None:
        store = self.ctx.store
        target = store.get_story(into)
        if target is None:
            return
        store.move_members(src, into)
        store.delete_story(src)
        target.merged_from.append(src)
        store.put_story(target)
        self.model.absorb(src, into)


def member_of(article_id: str, score: Score) -> StoryMember:
    """The membership record of an article that joined a story with ``score``."""
    return StoryMember(article=article_id, score=round(score.total, 4), shared_terms=score.shared_terms,
                       shared_entities=score.shared_entities, signals=score.signals())
