"""The schema, as sqlite-utils migrations. Add new migrations at the end, never edit old ones,
and raise ``SCHEMA_VERSION`` in database.py to their number."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("tracker")


@migrations()
def m001_initial(db: Database) -> None:
    """Habits, their level ladders, entries, micro-steps, check-ins and reviews."""
    db.executescript(
        """
        CREATE TABLE habits (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            direction TEXT NOT NULL DEFAULT '',
            minimum TEXT NOT NULL,
            full TEXT NOT NULL DEFAULT '',
            stretch TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            schedule_kind TEXT NOT NULL DEFAULT 'daily'
                CHECK (schedule_kind IN ('daily', 'weekdays', 'per_week')),
            schedule_days TEXT NOT NULL DEFAULT '',
            per_week INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0,
            archived INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL
        );
        CREATE TABLE ladder (
            id INTEGER PRIMARY KEY,
            habit_id INTEGER NOT NULL REFERENCES habits(id),
            since TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX ladder_by_habit ON ladder(habit_id, since);
        CREATE TABLE entries (
            habit_id INTEGER NOT NULL REFERENCES habits(id),
            day TEXT NOT NULL,
            status TEXT CHECK (status IN ('minimum', 'full', 'stretch', 'rest')),
            amount REAL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (habit_id, day)
        ) WITHOUT ROWID;
        CREATE INDEX entries_by_day ON entries(day);
        CREATE TABLE steps (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            text TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            habit_id INTEGER REFERENCES habits(id),
            amount REAL,
            note TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX steps_by_day ON steps(day, position);
        CREATE TABLE checkins (
            day TEXT PRIMARY KEY,
            energy TEXT NOT NULL CHECK (energy IN ('low', 'ok', 'high')),
            intention TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE reviews (
            week_start TEXT PRIMARY KEY,
            answers TEXT NOT NULL DEFAULT '{}',
            decisions TEXT NOT NULL DEFAULT '[]'
        );
        """
    )



@migrations()
def m002_level_numbers_and_declined_checkins(db: Database) -> None:
    """A number per level (an amount marks the level it reaches), "at most" habits, the
    days whose check-in was declined with escape ("not today"), and the identities a
    habit had in other trackers' files (so a later import lands in it, renamed or not)."""
    db.executescript(
        """
        ALTER TABLE habits ADD COLUMN min_amount REAL;
        ALTER TABLE habits ADD COLUMN full_amount REAL;
        ALTER TABLE habits ADD COLUMN stretch_amount REAL;
        ALTER TABLE habits ADD COLUMN at_most INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE checkins_declined (day TEXT PRIMARY KEY);
        CREATE TABLE habit_sources (
            key TEXT PRIMARY KEY,
            habit_id INTEGER NOT NULL REFERENCES habits(id)
        );
        """
    )


@migrations()
def m003_sync(db: Database) -> None:
    """Sync through a folder: a stable identity for habits and micro-steps (a random
    ``uuid``, the same on every device), the settings (the folder, this device), the
    log of what changed since the last sync (filled by triggers made when a sync folder
    is set: store/sync_rows.py), and the folder's files already merged."""
    script = """
        ALTER TABLE habits ADD COLUMN uuid TEXT;
        UPDATE habits SET uuid = lower(hex(randomblob(16)));
        CREATE UNIQUE INDEX habits_by_uuid ON habits(uuid);
        CREATE TRIGGER habits_uuid AFTER INSERT ON habits WHEN NEW.uuid IS NULL
        BEGIN UPDATE habits SET uuid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
        ALTER TABLE steps ADD COLUMN uuid TEXT;
        UPDATE steps SET uuid = lower(hex(randomblob(16)));
        CREATE UNIQUE INDEX steps_by_uuid ON steps(uuid);
        CREATE TRIGGER steps_uuid AFTER INSERT ON steps WHEN NEW.uuid IS NULL
        BEGIN UPDATE steps SET uuid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE sync_log (kind TEXT NOT NULL, key TEXT NOT NULL,
                               PRIMARY KEY (kind, key)) WITHOUT ROWID;
        CREATE TABLE sync_seen (name TEXT PRIMARY KEY, size INTEGER NOT NULL,
                                mtime_ns INTEGER NOT NULL);
    """
    db.executescript(script)  # the change log's triggers come with a sync folder


@migrations()
def m004_times_in_days(db: Database) -> None:
    """The "X times in N days" schedule: ``schedule_kind`` may be ``in_days``, with
    ``schedule_times`` wins in every ``schedule_every`` days.

    SQLite cannot change a CHECK constraint in place, so the habits table is rebuilt
    (SQLite's documented twelve steps: foreign keys are off while migrations run); the
    triggers and views of the whole file are set aside and made again around it, and
    the habits' indexes made again.
    """
    conn = db.conn
    kept = [(kind, name, sql) for kind, name, sql in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') "
        "AND sql IS NOT NULL")]
    indexes = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'habits' "
        "AND sql IS NOT NULL")]
    for kind, name, _sql in kept:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    (table_sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'habits'").fetchone()
    old_check = "CHECK (schedule_kind IN ('daily', 'weekdays', 'per_week'))"
    new_check = "CHECK (schedule_kind IN ('daily', 'weekdays', 'per_week', 'in_days'))"
    if old_check not in table_sql:
        raise RuntimeError("the habits table is not laid out as tracker made it")
    new_sql = table_sql.replace(old_check, new_check).replace(
        "CREATE TABLE habits", "CREATE TABLE habits_new", 1)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(habits)")]
    listed = ", ".join(f'"{c}"' for c in columns)
    conn.execute(new_sql)
    conn.execute(f"INSERT INTO habits_new ({listed}) SELECT {listed} FROM habits")
    conn.execute("DROP TABLE habits")
    conn.execute("ALTER TABLE habits_new RENAME TO habits")
    conn.execute("ALTER TABLE habits ADD COLUMN schedule_times INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE habits ADD COLUMN schedule_every INTEGER NOT NULL DEFAULT 0")
    for sql in indexes:
        conn.execute(sql)
    for _kind, _name, sql in kept:
        conn.execute(sql)


@migrations()
def m005_sync_documents(db: Database) -> None:
    """Sync that loses nothing: this device's own documents kept in the database (a lost
    or older copy in the folder never counts as news), a change log that only grows (a
    sync knows what changed after it read it), and the habits deleted here or elsewhere
    (an import after a deletion gets a new identity). The documents are made anew from
    the database at the next sync, with every field a value of its own."""
    from tracker.store.sync_log import log_triggers, trigger_names

    for name in trigger_names():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.executescript(
        """
        DROP TABLE sync_log;
        CREATE TABLE sync_log (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,
                               key TEXT NOT NULL);
        CREATE TABLE sync_docs (shard TEXT PRIMARY KEY, doc BLOB NOT NULL);
        CREATE TABLE sync_tombstones (uuid TEXT PRIMARY KEY);
        DELETE FROM sync_seen;
        DELETE FROM settings WHERE key IN ('sync.seeded', 'sync.waiting');
        """
    )
    if db.execute("SELECT 1 FROM settings WHERE key = 'sync.folder'").fetchone():
        for statement in log_triggers(db.table_names()):
            db.execute(statement)


@migrations()
def m006_steps_planned_on(db: Database) -> None:
    """A micro-step brought along to a later day keeps the day it was first planned."""
    db.execute("ALTER TABLE steps ADD COLUMN planned_on TEXT")


@migrations()
def m007_habit_step(db: Database) -> None:
    """A habit's step: what ``+`` and ``-`` add to or take from a day's amount (NULL: one)."""
    db.execute("ALTER TABLE habits ADD COLUMN step REAL")


@migrations()
def m008_pauses(db: Database) -> None:
    """Pauses: days off on purpose (a holiday, an illness) for one habit or every habit
    (``habit_id`` NULL), from ``first`` to ``last``; rest for the rules. A synced
    database gets the change log's triggers of the new table too."""
    db.executescript(
        """
        CREATE TABLE pauses (
            id INTEGER PRIMARY KEY,
            uuid TEXT UNIQUE,
            first TEXT NOT NULL,
            last TEXT NOT NULL,
            habit_id INTEGER REFERENCES habits(id) ON DELETE CASCADE,
            note TEXT NOT NULL DEFAULT '',
            CHECK (first <= last)
        );
        CREATE INDEX pauses_by_last ON pauses(last);
        CREATE TRIGGER pauses_uuid AFTER INSERT ON pauses WHEN NEW.uuid IS NULL
        BEGIN UPDATE pauses SET uuid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
        """
    )
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' "
                  "AND name = 'sync_steps_moved'").fetchone():
        from tracker.store.sync_log import log_triggers

        for statement in log_triggers():
            db.execute(statement)  # IF NOT EXISTS: only the new table's are made
