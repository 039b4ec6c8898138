-- The supervisor's KPIs count a period across the whole portfolio: by time, not by debt.
create index contact_attempt_time_idx on contact_attempt (attempted_at);
create index posting_time_idx on posting (booked_at);
create index commitment_created_idx on commitment (created_at);
-- the stage visits (time in stage): only the events that open, move or close a case
create index case_event_stage_time_idx on case_event (occurred_at)
    where type in ('CASE_OPENED', 'STAGE_CHANGED', 'CASE_CLOSED');
