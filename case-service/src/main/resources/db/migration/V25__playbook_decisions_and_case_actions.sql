-- A step may ask what to do when it fails (retry, continue, stop: a SOC decision), and Vigil's own case-level
-- steps (create_task, notify) need no target.
alter table playbook_steps drop constraint playbook_steps_on_failure_check;
alter table playbook_steps add constraint playbook_steps_on_failure_check check (on_failure in ('STOP', 'CONTINUE', 'ASK'));
alter table playbook_steps add column resolution text check (resolution in ('RETRY', 'CONTINUE', 'STOP'));
alter table playbook_runs drop constraint playbook_runs_status_check;
alter table playbook_runs add constraint playbook_runs_status_check
    check (status in ('RUNNING', 'WAITING_APPROVAL', 'WAITING_DECISION', 'SUCCEEDED', 'FAILED', 'DENIED'));
-- What Vigil's own steps need when their turn comes: create_task's title, notify's audience and note.
alter table playbook_steps add column params jsonb;
-- How long a connector may take to answer one attempt of the step.
alter table playbook_steps add column timeout_seconds int not null default 10 check (timeout_seconds between 1 and 120);
