-- Portfolio imports: one row per uploaded file with its progress, and every rejected row with its reasons.
-- A file's rows are stored in chunks; each chunk commits together with lines_done, so a restart goes on
-- reading the spooled file after the last committed line.
create table portfolio_import (
    id                  uuid primary key,
    format              varchar(10)   not null,
    state               varchar(20)   not null,
    spool_file          varchar(1000) not null,
    submitted_by        varchar(100),
    received_at         timestamptz   not null,
    storing_started_at  timestamptz,
    stored_at           timestamptz,
    completed_at        timestamptz,
    lines_done          int           not null default 0,
    rows_read           int           not null default 0,
    imported            int           not null default 0,
    rejected            int           not null default 0,
    failure             varchar(2000),
    constraint portfolio_import_rows_add_up check (imported + rejected = rows_read)
);
create index portfolio_import_state_idx on portfolio_import (state);

create table portfolio_import_rejection (
    import_id     uuid         not null references portfolio_import (id),
    line          int          not null,
    external_ref  varchar(100),
    reasons       jsonb        not null,
    primary key (import_id, line)
);

-- Where an imported debt came from: its file and line (a later duplicate in the same file names it).
alter table debt
    add column import_id   uuid references portfolio_import (id),
    add column import_line int;
create index debt_import_idx on debt (import_id, import_line) where import_id is not null;
