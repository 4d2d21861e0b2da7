-- A contact may be reached by a signed webhook; the escalation matrix may use it as a channel.
alter table contacts add column webhook_url text;
alter table escalation_steps drop constraint escalation_steps_channel_check;
alter table escalation_steps add constraint escalation_steps_channel_check
    check (channel in ('EMAIL', 'PHONE', 'SMS', 'WEBHOOK'));
