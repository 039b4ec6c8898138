-- The system of record: debtors, debts, the ledger, commitments, contacts, referrals and the case timeline.
-- All times are timestamptz (stored in UTC); money is numeric(19,2) with an ISO 4217 currency.

create table debtor (
    id            uuid primary key,
    name          varchar(200) not null,
    email         varchar(320),
    phone         varchar(40),
    time_zone     varchar(64)  not null,
    jurisdiction  varchar(16)  not null,
    created_at    timestamptz  not null
);

create table debt (
    id                    uuid primary key,
    external_ref          varchar(100) not null unique,
    debtor_id             uuid         not null references debtor (id),
    principal             numeric(19, 2) not null check (principal > 0),
    currency              varchar(3)     not null,
    due_date              date         not null,
    product               varchar(40)  not null,
    stage                 varchar(20)  not null,
    status                varchar(20)  not null,
    segment               varchar(40),
    process_instance_key  bigint,
    engine_epoch          varchar(64),
    created_at            timestamptz  not null,
    closed_at             timestamptz,
    version               bigint       not null
);
create index debt_debtor_idx on debt (debtor_id);
create index debt_open_idx on debt (status, stage);
create index debt_process_instance_idx on debt (process_instance_key, engine_epoch);

-- Append-only: a correction is a new posting, never an edit.
create table posting (
    id         uuid primary key,
    debt_id    uuid          not null references debt (id),
    kind       varchar(30)   not null,
    amount     numeric(19, 2) not null check (amount > 0),
    currency   varchar(3)      not null,
    reference  varchar(120)  not null,
    booked_at  timestamptz   not null,
    constraint posting_reference_once unique (debt_id, kind, reference)
);
create index posting_debt_idx on posting (debt_id);

create function refuse_posting_change() returns trigger language plpgsql as $$
begin
    raise exception 'postings are append-only: % refused on posting %', tg_op, old.id;
end $$;
create trigger posting_append_only before update or delete on posting
    for each row execute function refuse_posting_change();

create table commitment (
    id               uuid primary key,
    debt_id          uuid          not null references debt (id),
    kind             varchar(20)   not null,
    status           varchar(20)   not null,
    total_amount     numeric(19, 2) not null check (total_amount > 0),
    currency         varchar(3)      not null,
    idempotency_key  varchar(200)  not null unique,
    created_at       timestamptz   not null,
    resolved_at      timestamptz
);
create index commitment_debt_idx on commitment (debt_id);

create table instalment (
    id             uuid primary key,
    commitment_id  uuid          not null references commitment (id),
    number         int           not null,
    amount         numeric(19, 2) not null check (amount > 0),
    due_date       date          not null,
    check_at       timestamptz   not null,
    status         varchar(20)   not null,
    checked_at     timestamptz,
    constraint instalment_number_once unique (commitment_id, number)
);

create table contact_attempt (
    id               uuid primary key,
    debt_id          uuid         not null references debt (id),
    channel          varchar(20)  not null,
    template         varchar(60)  not null,
    status           varchar(20)  not null,
    idempotency_key  varchar(200) not null unique,
    attempted_at     timestamptz  not null
);
create index contact_attempt_debt_idx on contact_attempt (debt_id, attempted_at);

create table legal_referral (
    id               uuid primary key,
    debt_id          uuid         not null references debt (id),
    counsel_ref      varchar(100) not null,
    outcome          varchar(20),
    idempotency_key  varchar(200) not null unique,
    referred_at      timestamptz  not null,
    outcome_at       timestamptz
);
create index legal_referral_debt_idx on legal_referral (debt_id);

-- Fake counsel's inbox: what a referral package would carry to counsel's system.
create table counsel_outbox (
    id           uuid primary key,
    referral_id  uuid        not null unique references legal_referral (id),
    payload      jsonb       not null,
    created_at   timestamptz not null
);

-- The case timeline: every decision, contact, task, commitment, payment and stage change, in order.
create table case_event (
    id               bigserial primary key,
    debt_id          uuid         not null references debt (id),
    occurred_at      timestamptz  not null,
    type             varchar(30)  not null,
    summary          varchar(500) not null,
    details          jsonb        not null default '{}'::jsonb,
    idempotency_key  varchar(200) unique
);
create index case_event_debt_idx on case_event (debt_id, id);

-- Embedded mode only: how far the simulated clock has been moved, so that it survives a restart.
create table simulated_clock (
    id              int primary key check (id = 1),
    offset_seconds  bigint not null
);
