"""The cluster stage: each article joins the best story or opens one, in publication order.

Every membership records why: the similarity score and the terms the article
shared with the story. A duplicate joins the story of its canonical copy.
"""

from __future__ import annotations

import hashlib
from typing import Any

from newsprism.cluster.online import OnlineClusterer, StoryState, parse_date, terms
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

    def __init__(self, ctx: Any, **config: Any) -> None:
        super().__init__(ctx, **config)
        kwargs = {k: v for k, v in (("join", self.config["join_threshold"]), ("merge", self.config["merge_threshold"]),
                                     ("window_days", self.config["window_days"])) if v is not None}
        self.model = OnlineClusterer(**kwargs)
        self._load()

    def _load(self) -> None:
        """Rebuild the in-memory story vectors from what the store already holds."""
        store = self.ctx.store
        for story in store.iter_stories():
            state = StoryState(story.id)
            for article in store.iter_articles(story.articles):
                tf = terms(article.title, article.text)
                if store.is_done(article.id, self.name):
                    self.model.observe(tf)
                state.add(tf, parse_date(article.published))
            if state.size:
                self.model.stories[story.id] = state

    def process(self, article: Article) -> Article:
        store = self.ctx.store
        if store.is_done(article.id, self.name) and article.story:
            self.stats.reused += 1
            return article
        tf = terms(article.title, article.text)
        when = parse_date(article.published)
        self.model.observe(tf)
        with store.transaction():
            sid, score, shared = self._assign(article, tf, when)
            state = self.model.stories.setdefault(sid, StoryState(sid))
            state.add(tf, when)
            position = sum(s.size for s in self.model.stories.values())
            store.add_member(sid, StoryMember(article=article.id, score=round(score, 4),
                                              shared_terms=shared, joined_at=position))
            retitle(store, sid)
            store.mark_done(article.id, self.name)
        article.story = sid
        return article

    def _assign(self, article: Article, tf: Any, when: Any) -> tuple[str, float, list[str]]:
        store = self.ctx.store
        if article.duplicate_of:
            canonical = store.get_article(article.duplicate_of)
            if canonical and canonical.story and canonical.story in self.model.stories:
                return canonical.story, 1.0, [f"duplicate of {canonical.id}"]
        ranked = self.model.rank(tf, when)
        if not ranked or ranked[0][0] < self.model.join:
            sid = story_id(article.id)
            store.put_story(Story(id=sid, title=article.title or lead(article.text)))
            return sid, 1.0, ["opened the story"]
        score, sid, shared = ranked[0]
        for other_score, other, _ in ranked[1:]:
            if other_score >= self.model.merge and not store.separated(sid, other):
                self._merge(other, into=sid)
        return sid, score, shared

    def _merge(self, src: str, into: str) -> None:
        store = self.ctx.store
        target, source = store.get_story(into), self.model.stories.pop(src)
        if target is None:
            return
        store.move_members(src, into)
        store.delete_story(src)
        target.merged_from.append(src)
        store.put_story(target)
        state = self.model.stories[into]
        state.tf.update(source.tf)
        state.size += source.size
        if source.newest and (state.newest is None or source.newest > state.newest):
            state.newest = source.newest
