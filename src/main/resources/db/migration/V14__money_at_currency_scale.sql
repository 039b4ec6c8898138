-- Money at its currency's ISO 4217 scale: numeric(19, 2) rounded a KWD payment of 1.235 to 1.24 without a
-- word. The columns now keep the scale they are written with (the application writes every amount with its
-- currency's decimals: 2 for USD, 3 for KWD, 0 for JPY), up to 4 (the most ISO 4217 gives a currency), and
-- refuse more instead of rounding.
alter table debt alter column principal type numeric;
alter table debt add constraint debt_principal_scale check (scale(principal) <= 4 and principal < 1e15);
alter table posting alter column amount type numeric;
alter table posting add constraint posting_amount_scale check (scale(amount) <= 4 and amount < 1e15);
alter table commitment alter column total_amount type numeric;
alter table commitment add constraint commitment_total_scale check (scale(total_amount) <= 4 and total_amount < 1e15);
alter table instalment alter column amount type numeric;
alter table instalment add constraint instalment_amount_scale check (scale(amount) <= 4 and amount < 1e15);
alter table commitment alter column declared_monthly_income type numeric;
alter table commitment alter column declared_monthly_expenses type numeric;

-- A case's status is one the application knows (a test once wrote 'CLOSED', and the work queue failed on it).
alter table debt add constraint debt_status_known check (status in ('OPEN', 'PAID', 'SETTLED', 'WRITTEN_OFF'));
