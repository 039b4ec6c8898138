-- How a dispute or cease request came and when it was received: the law's duty to verify depends on both.
alter table hold add column medium varchar(16) check (medium in ('WRITTEN', 'ORAL', 'ELECTRONIC'));
alter table hold add column received_at timestamptz;
-- false for a dispute that is only noted: it was released when it was recorded, and collection went on
alter table hold add column pauses_collection boolean not null default true;
