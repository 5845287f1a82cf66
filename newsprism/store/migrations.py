"""Schema migrations, applied in order; ``PRAGMA user_version`` holds the last one applied.

Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE inputs (
        sha256      TEXT PRIMARY KEY,
        size        INTEGER NOT NULL,
        media_type  TEXT,
        data        BLOB NOT NULL,
        first_seen  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE TABLE sources (
        source      TEXT NOT NULL,
        sha256      TEXT NOT NULL REFERENCES inputs(sha256),
        url         TEXT,
        run_id      INTEGER,
        PRIMARY KEY (source, sha256)
    );
    CREATE TABLE articles (
        id           TEXT PRIMARY KEY,
        input_sha256 TEXT NOT NULL,
        source       TEXT NOT NULL,
        outlet       TEXT,
        title        TEXT,
        published    TEXT,
        duplicate_of TEXT,
        story        TEXT,
        data         TEXT NOT NULL,
        seq          INTEGER NOT NULL
    );
    CREATE INDEX articles_input ON articles(input_sha256);
    CREATE INDEX articles_story ON articles(story);
    CREATE TABLE article_stages (
        article TEXT NOT NULL,
        stage   TEXT NOT NULL,
        PRIMARY KEY (article, stage)
    );
    CREATE TABLE fingerprints (
        article TEXT NOT NULL,
        kind    TEXT NOT NULL,
        blob    BLOB NOT NULL,
        PRIMARY KEY (article, kind)
    );
    CREATE TABLE stories (
        id      TEXT PRIMARY KEY,
        title   TEXT NOT NULL,
        data    TEXT NOT NULL,
        updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE TABLE story_members (
        story     TEXT NOT NULL,
        article   TEXT NOT NULL,
        score     REAL NOT NULL,
        shared    TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (story, article)
    );
    CREATE TABLE runs (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        command  TEXT NOT NULL,
        config   TEXT NOT NULL,
        stats    TEXT,
        status   TEXT NOT NULL DEFAULT 'running',
        started  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        finished TEXT
    );
    CREATE TABLE skipped (
        source       TEXT NOT NULL,
        input_sha256 TEXT NOT NULL DEFAULT '',
        stage        TEXT NOT NULL,
        code         TEXT NOT NULL,
        message      TEXT NOT NULL,
        level        TEXT NOT NULL DEFAULT 'error',
        run_id       INTEGER,
        created      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        PRIMARY KEY (source, input_sha256, stage, code)
    );
    """,
    # 2: near-duplicate index — sampled shingle hashes of canonical articles
    """
    CREATE TABLE dedup_postings (
        hash    INTEGER NOT NULL,
        article TEXT NOT NULL,
        PRIMARY KEY (hash, article)
    ) WITHOUT ROWID;
    """,
    # 3: full-text search (FTS5) over articles and stories, for the web UI and `search`;
    #    the FTS rowid of an article is its stable `seq`; a story gets a stable key row.
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, outlet, text, tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER articles_fts_ins AFTER INSERT ON articles BEGIN
        INSERT OR REPLACE INTO articles_fts(rowid, title, outlet, text)
        VALUES (new.seq, new.title, new.outlet, json_extract(new.data, '$.text'));
    END;
    CREATE TRIGGER articles_fts_upd AFTER UPDATE OF title, outlet, data, seq ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.seq;
        INSERT OR REPLACE INTO articles_fts(rowid, title, outlet, text)
        VALUES (new.seq, new.title, new.outlet, json_extract(new.data, '$.text'));
    END;
    CREATE TRIGGER articles_fts_del AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.seq;
    END;
    INSERT OR REPLACE INTO articles_fts(rowid, title, outlet, text)
        SELECT seq, title, outlet, json_extract(data, '$.text') FROM articles;
    CREATE TABLE story_search_keys (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
    CREATE VIRTUAL TABLE stories_fts USING fts5(title, tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER stories_fts_ins AFTER INSERT ON stories BEGIN
        INSERT INTO story_search_keys(id) SELECT new.id
            WHERE NOT EXISTS (SELECT 1 FROM story_search_keys WHERE id = new.id);
        INSERT OR REPLACE INTO stories_fts(rowid, title)
            SELECT rid, new.title FROM story_search_keys WHERE id = new.id;
    END;
    CREATE TRIGGER stories_fts_upd AFTER UPDATE OF title ON stories BEGIN
        INSERT OR REPLACE INTO stories_fts(rowid, title)
            SELECT rid, new.title FROM story_search_keys WHERE id = new.id;
    END;
    CREATE TRIGGER stories_fts_del AFTER DELETE ON stories BEGIN
        DELETE FROM stories_fts WHERE rowid = (SELECT rid FROM story_search_keys WHERE id = old.id);
        DELETE FROM story_search_keys WHERE id = old.id;
    END;
    INSERT INTO story_search_keys(id) SELECT id FROM stories;
    INSERT INTO stories_fts(rowid, title) SELECT k.rid, s.title FROM stories s JOIN story_search_keys k USING (id);
    CREATE INDEX articles_seq ON articles(seq);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX stories_updated ON stories(updated);
    """,
    # story corrections by a user: kept so that later runs respect them
    """
    CREATE TABLE corrections (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        kind      TEXT NOT NULL,           -- split | merge | move
        story     TEXT NOT NULL,           -- the story acted on
        other     TEXT,                    -- the story split off / merged in / moved to
        articles  TEXT NOT NULL DEFAULT '[]',
        created   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE TABLE story_separations (       -- pairs of stories a user split: never merged automatically
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        PRIMARY KEY (a, b)
    );
    """,
    # feeds followed by `newsprism feeds` / `newsprism watch`, and the entries already seen (incremental watch)
    """
    CREATE TABLE feeds (
        url           TEXT PRIMARY KEY,
        title         TEXT,
        etag          TEXT,
        last_modified TEXT,
        last_polled   TEXT,
        last_status   TEXT,
        added         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE TABLE feed_entries (
        feed      TEXT NOT NULL,
        entry     TEXT NOT NULL,           -- the entry's id (guid), else its link
        link      TEXT NOT NULL,
        status    TEXT NOT NULL DEFAULT 'done',   -- done | failed (retried by the next polls)
        attempts  INTEGER NOT NULL DEFAULT 1,
        seen_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        PRIMARY KEY (feed, entry)
    );
    """,
    # dedup regroups a copy's group by its canonical copy: look duplicates up by duplicate_of;
    # the web home page: stories newest first, with title and first brief sentence, and filtered
    # by outlet / date, all from indexes (a story's or article's row holds large JSON), and
    # articles per outlet kept up to date by triggers instead of counted per request
    """
    CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
    DROP INDEX stories_updated;
    CREATE INDEX stories_recent ON stories(updated DESC, id, title, json_extract(data, '$.brief[0].sentence'));
    DROP INDEX articles_outlet;
    CREATE INDEX articles_outlet ON articles(outlet, published, story);
    DROP INDEX articles_published;
    CREATE INDEX articles_published ON articles(published, story);
    CREATE TABLE outlet_counts (
        outlet   TEXT PRIMARY KEY,
        articles INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO outlet_counts(outlet, articles)
        SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet;
    -- articles are written by upsert (INSERT … ON CONFLICT DO UPDATE): a new row fires the insert
    -- trigger, a rewritten one the update trigger, and only when its outlet changes
    CREATE TRIGGER outlet_counts_ins AFTER INSERT ON articles WHEN new.outlet IS NOT NULL BEGIN
        INSERT INTO outlet_counts(outlet, articles) VALUES (new.outlet, 1)
            ON CONFLICT(outlet) DO UPDATE SET articles = articles + 1;
    END;
    CREATE TRIGGER outlet_counts_del AFTER DELETE ON articles WHEN old.outlet IS NOT NULL BEGIN
        UPDATE outlet_counts SET articles = articles - 1 WHERE outlet = old.outlet;
    END;
    CREATE TRIGGER outlet_counts_upd AFTER UPDATE OF outlet ON articles
        WHEN old.outlet IS NOT new.outlet BEGIN
        UPDATE outlet_counts SET articles = articles - 1 WHERE outlet = old.outlet;
        INSERT INTO outlet_counts(outlet, articles) SELECT new.outlet, 1 WHERE new.outlet IS NOT NULL
            ON CONFLICT(outlet) DO UPDATE SET articles = articles + 1;
    END;
    """,
    # fingerprints of other kinds than dedup's (the cluster stage's embeddings) leave dedup's stamp alone
    """
    CREATE INDEX fingerprints_kind ON fingerprints(kind);
    """,
    # storylines: links between stories of one longer thread (never merged), with why
    """
    CREATE TABLE story_links (
        a      TEXT NOT NULL,
        b      TEXT NOT NULL,
        score  REAL NOT NULL,
        why    TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX story_links_b ON story_links(b);
    """,
    # the cluster stage's document frequencies, so that a run loads only the stories of its time window
    # ('' holds the number of documents)
    """
    CREATE TABLE cluster_df (
        term  TEXT PRIMARY KEY,
        df    INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
]
