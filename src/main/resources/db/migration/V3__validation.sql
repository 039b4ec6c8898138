-- Validation notice and disputes (Regulation F 1006.34 and 1006.38).
alter table debt add column validation_notice_sent_at timestamptz;
alter table contact_attempt add column validation_notice boolean not null default false;
alter table hold
    add column requires_verification boolean not null default false,
    add column verified_at timestamptz;
