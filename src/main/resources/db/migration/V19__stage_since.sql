-- When each case entered the stage it is in (null: the stage it was created in, since created_at): the
-- bottleneck view's time in element and the stage SLAs read it.
alter table debt add column stage_since timestamptz;
update debt d set stage_since =
    (select max(e.occurred_at) from case_event e where e.debt_id = d.id and e.type = 'STAGE_CHANGED');
create index debt_open_stage_idx on debt (stage, (coalesce(stage_since, created_at))) where status = 'OPEN';
