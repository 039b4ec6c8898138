-- The case timeline is also the audit trail: append-only, like the ledger.
create function refuse_case_event_change() returns trigger language plpgsql as $$
begin
    raise exception 'the case timeline is append-only: % refused on event %', tg_op, old.id;
end $$;
create trigger case_event_append_only before update or delete on case_event
    for each row execute function refuse_case_event_change();

-- Work queues: who works the case.
alter table debt add column assignee varchar(100);
create index debt_assignee_idx on debt (assignee) where assignee is not null;
