-- A step waiting for the client's approval: since when (the run reached it), and how many times the wait has
-- been escalated up the tenant's escalation matrix. An escalation reminds; it never approves.
alter table playbook_steps add column waiting_since timestamptz;
alter table playbook_steps add column escalations int not null default 0;
create index playbook_steps_waiting_idx on playbook_steps (waiting_since) where status = 'WAITING_APPROVAL';
