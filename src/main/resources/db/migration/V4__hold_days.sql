-- Days past due exclude days on hold: the days of ended holds, and the start of the current one.
alter table debt
    add column held_days     int not null default 0,
    add column on_hold_since timestamptz;
