-- Who completed a user task: written before the engine is told, read by the worker that records the completion.
alter table engine_user_task add column element_instance_key bigint;
create table task_completion (
    element_instance_key  bigint       primary key,   -- the user task's element instance (what the end listener sees)
    actor                 varchar(100) not null,
    requested_at          timestamptz  not null
);
