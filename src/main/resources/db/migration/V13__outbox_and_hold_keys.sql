-- The transactional outbox: Spring Modulith's JDBC event publication registry (its PostgreSQL schema, 1.4).
-- A row is written in the transaction that changed the case and deleted once the engine has the event
-- (spring.modulith.events.completion-mode=delete), so the table holds only what the engine has yet to hear.
create table event_publication (
    id               uuid                     not null primary key,
    listener_id      text                     not null,
    event_type       text                     not null,
    serialized_event text                     not null,
    publication_date timestamp with time zone not null,
    completion_date  timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- A client's key for a hold: the same request sent again answers the first hold instead of starting a second.
alter table hold add column request_id varchar(100);
create unique index hold_request_idx on hold (debt_id, request_id) where request_id is not null;
