-- What was actually sent for a contact attempt the governor allowed: one message per attempt, rendered once.
create table contact_message (
    id          uuid primary key,
    attempt_id  uuid         not null unique references contact_attempt (id),
    debt_id     uuid         not null references debt (id),
    channel     varchar(20)  not null,
    template    varchar(60)  not null,
    tone        varchar(20)  not null,
    recipient   varchar(320) not null,
    subject     varchar(300) not null,
    body        text         not null,
    status      varchar(20)  not null,   -- PENDING until the channel took it, then SENT
    created_at  timestamptz  not null,
    sent_at     timestamptz
);
create index contact_message_debt_idx on contact_message (debt_id, created_at);

-- Stand-in for the SMS gateway, the print-and-mail house and the dialler, which we cannot reach from here:
-- what would have gone to them, for a person to inspect.
create table channel_outbox (
    message_id  uuid         primary key references contact_message (id),
    channel     varchar(20)  not null,
    recipient   varchar(320) not null,
    body        text         not null,
    queued_at   timestamptz  not null
);
