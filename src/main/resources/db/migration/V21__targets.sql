-- Who did it: the user who made a promise, plan or settlement (the user who completed the negotiation task;
-- null when it was completed outside the application, e.g. in Tasklist) and who started a hold.
alter table commitment add column actor varchar(100);
alter table hold add column actor varchar(100);
-- The debt's assignee when a posting was booked: the fall-back credit of a payment that falls under no promise.
-- Unknown (null) for postings booked before this version.
alter table posting add column assignee varchar(100);

-- A supervisor's monthly targets for one collector: one row per collector and month, the amount in one currency.
create table collector_target (
    collector         varchar(100) not null,
    month             char(7)      not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    currency          varchar(3)   not null,
    amount_collected  numeric      not null check (amount_collected >= 0 and scale(amount_collected) <= 4 and amount_collected < 1e15),
    promises_kept     integer      not null check (promises_kept >= 0),
    contacts_made     integer      not null check (contacts_made >= 0),
    set_by            varchar(100) not null,
    set_at            timestamptz  not null,
    constraint collector_target_once unique (collector, month)
);

-- Every change of a target: who, when, before (null for the first) and after.
create table collector_target_change (
    id          bigserial    primary key,
    collector   varchar(100) not null,
    month       char(7)      not null,
    changed_by  varchar(100) not null,
    changed_at  timestamptz  not null,
    before      jsonb,
    after       jsonb        not null
);
create index collector_target_change_idx on collector_target_change (collector, month, id);

-- The month's figures are aggregated in SQL from these.
create index posting_kind_booked_idx on posting (kind, booked_at);
create index commitment_kept_idx on commitment (status, resolved_at);
create index contact_attempt_made_idx on contact_attempt (status, attempted_at);
