-- The terms a commitment was agreed on: its own grace and tolerance, and for a plan the affordability the
-- debtor declared (the evidence that the instalment fits their budget).
alter table commitment
    add column grace_days                 int,
    add column tolerance_percent          numeric(5, 2),
    add column declared_monthly_income    numeric(19, 2),
    add column declared_monthly_expenses  numeric(19, 2);
