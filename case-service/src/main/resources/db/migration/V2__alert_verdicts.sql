-- Closing an alert records the analyst's verdict; detection counts verdicts per rule and tenant for tuning.
alter table alerts add column status       text not null default 'NEW' check (status in ('NEW', 'CLOSED'));
alter table alerts add column verdict      text check (verdict in ('TRUE_POSITIVE', 'BENIGN_POSITIVE', 'FALSE_POSITIVE'));
alter table alerts add column verdict_note text;
alter table alerts add column closed_at    timestamptz;
alter table alerts add column closed_by    text;
alter table alerts add constraint alerts_closed_has_verdict check ((status = 'CLOSED') = (verdict is not null));
