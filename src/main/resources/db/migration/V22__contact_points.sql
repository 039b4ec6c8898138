-- A debtor's phone numbers and e-mail addresses, each with its type, consent per use, workplace flag and validity.
-- The value is debtor data: it stays in this table, out of logs and process variables.
create table contact_point (
    id                    uuid primary key,
    debtor_id             uuid         not null references debtor (id),
    kind                  varchar(8)   not null check (kind in ('PHONE', 'EMAIL')),
    value                 varchar(320) not null,
    type                  varchar(10)  not null check (type in ('MOBILE', 'HOME', 'WORK', 'PERSONAL')),
    call_consent          varchar(10)  check (call_consent in ('GIVEN', 'WITHDRAWN')),
    call_consent_at       timestamptz,
    call_consent_source   varchar(200),
    text_consent          varchar(10)  check (text_consent in ('GIVEN', 'WITHDRAWN')),
    text_consent_at       timestamptz,
    text_consent_source   varchar(200),
    email_consent         varchar(10)  check (email_consent in ('GIVEN', 'WITHDRAWN')),
    email_consent_at      timestamptz,
    email_consent_source  varchar(200),
    do_not_call_at_work   boolean      not null default false,
    validity              varchar(16)  not null default 'VALID' check (validity in ('VALID', 'WRONG_NUMBER', 'BOUNCED')),
    validity_at           timestamptz,
    priority              integer      not null default 0,
    created_at            timestamptz  not null,
    unique (debtor_id, kind, value)
);
create index contact_point_debtor on contact_point (debtor_id, kind, priority);

-- The single fields become contact points with the behaviour they had: the strategy called and texted the one
-- phone and e-mailed the one address, so they carry the consent the creditor supplied them with.
insert into contact_point (id, debtor_id, kind, value, type, call_consent, call_consent_at, call_consent_source,
                           text_consent, text_consent_at, text_consent_source, priority, created_at)
select gen_random_uuid(), id, 'PHONE', phone, 'MOBILE', 'GIVEN', created_at, 'creditor''s single phone field',
       'GIVEN', created_at, 'creditor''s single phone field', 0, created_at
  from debtor where phone is not null and btrim(phone) <> '';
insert into contact_point (id, debtor_id, kind, value, type, email_consent, email_consent_at, email_consent_source,
                           priority, created_at)
select gen_random_uuid(), id, 'EMAIL', email, 'PERSONAL', 'GIVEN', created_at, 'creditor''s single e-mail field', 0,
       created_at
  from debtor where email is not null and btrim(email) <> '';

-- which point an attempt used (or was checked against); null for letters and attempts made before this
alter table contact_attempt add column contact_point_id uuid references contact_point (id);
