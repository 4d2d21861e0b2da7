-- Automation rules may also trigger when a case is updated (its severity raised, a label added ...): a rule
-- runs its playbook once per case, the first time the updated case matches.
alter table automation_rules drop constraint automation_rules_trigger_check;
alter table automation_rules add constraint automation_rules_trigger_check check (trigger in ('CASE_CREATED', 'CASE_UPDATED'));
