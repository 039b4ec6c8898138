-- Who made each contact attempt and posting: a user's name, or 'process' for the engine's workers.
alter table contact_attempt add column actor varchar(100);
alter table posting add column actor varchar(100);
