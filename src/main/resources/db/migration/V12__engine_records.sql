-- The embedded engine's open user tasks, projected from its record stream (it has no task search API), and
-- how far each reader of that stream has stored its results: the engine keeps its log from there on.
create table engine_user_task (
    user_task_key         bigint primary key,
    element_id            varchar(255) not null,
    process_instance_key  bigint not null,
    candidate_groups      text[] not null,
    due_date              varchar(64),
    priority              integer not null
);
create index engine_user_task_priority_idx on engine_user_task (priority desc, user_task_key);

create table engine_record_reader (
    reader     varchar(64) primary key,
    engine_id  varchar(64) not null,
    position   bigint not null
);

-- Every process instance the embedded engine created for a case, from its records: a case has exactly one.
create table engine_process_instance (
    engine_id             varchar(64) not null,
    process_instance_key  bigint not null,
    debt_id               uuid not null,
    primary key (engine_id, process_instance_key)
);
create index engine_process_instance_debt_idx on engine_process_instance (debt_id);
