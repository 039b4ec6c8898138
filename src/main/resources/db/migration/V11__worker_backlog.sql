-- Cases started but not yet taken out of intake by a worker: the case starter counts them before every
-- batch of a bulk start (WorkerBacklog), so the count must not scan the debts still waiting to be started.
create index debt_awaiting_first_step_idx on debt (engine_epoch)
    where status = 'OPEN' and stage = 'INTAKE' and process_instance_key is not null;
