-- Every model the application deployed, per engine: which file (and exactly which bytes) a recorded decision,
-- contact-rule answer or stage change came from. Kept, never edited: the audit reads old versions from here.
create table deployed_model (
    engine_epoch   varchar(64)  not null,
    kind           varchar(8)   not null check (kind in ('BPMN', 'DMN', 'FORM')),
    model_id       varchar(255) not null,     -- process id, decision id or form id
    version        integer      not null check (version > 0),
    name           varchar(255),
    engine_key     bigint       not null,
    resource_name  varchar(255) not null,
    checksum       varchar(64)  not null,     -- SHA-256 of the deployed file, hex
    deployed_at    timestamptz  not null,
    content        bytea        not null,
    primary key (engine_epoch, kind, model_id, version)
);
create index deployed_model_key_idx on deployed_model (engine_epoch, engine_key);

alter table contact_attempt add column rule_checksum varchar(64);
