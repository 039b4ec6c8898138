-- The compliance governor: contact preferences, holds, and the contact ledger's decisions.

create table contact_preferences (
    debtor_id            uuid primary key references debtor (id),
    cease_communication  boolean      not null default false,
    blocked_channels     varchar(100) not null default '',
    attorney_name        varchar(200),
    attorney_phone       varchar(40),
    attorney_email       varchar(320),
    updated_at           timestamptz  not null
);

create table hold (
    id           uuid primary key,
    debt_id      uuid         not null references debt (id),
    kind         varchar(30)  not null,
    reason       varchar(500),
    started_at   timestamptz  not null,
    ends_at      timestamptz,
    released_at  timestamptz
);
create index hold_debt_idx on hold (debt_id);

-- Every attempt, allowed or not, with the rule that decided it. Deferred attempts are retried under the
-- same key later, so only made or blocked attempts hold their key.
alter table contact_attempt
    alter column idempotency_key drop not null,
    add column direction     varchar(10)  not null default 'OUTBOUND',
    add column outcome       varchar(30),
    add column rule          varchar(40)  not null default 'NONE',
    add column rule_set      varchar(60),
    add column rule_version  int,
    add column not_before    timestamptz,
    add column explanation   varchar(500),
    add column inputs        jsonb        not null default '{}'::jsonb;
create index contact_attempt_calls_idx on contact_attempt (debt_id, channel, status, attempted_at);
