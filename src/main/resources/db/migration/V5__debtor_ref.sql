-- A debtor can owe several debts: the creditor's customer reference finds the debtor again.
alter table debtor add column external_ref varchar(100);
create unique index debtor_external_ref_idx on debtor (external_ref) where external_ref is not null;
