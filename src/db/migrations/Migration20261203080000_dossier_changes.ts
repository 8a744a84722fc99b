import { Migration } from '@mikro-orm/migrations';

/**
 * Live updates (issue 15): every change of a dossier, and every entry of its
 * history, raises a notification on channel `dossier_changed`, from a
 * trigger, so that it happens in the transaction that makes the change,
 * whatever code path makes it. PostgreSQL delivers a transaction's
 * notifications when it commits and drops them when it rolls back; each
 * hub process listens once and passes them on to its own subscribers.
 *
 * The payload names the dossier and the transaction (`tx`: one change may
 * write several rows; the hub merges them) with what a subscriber filters
 * on: its status before and after, and the agencies whose worklists it was
 * or is in. Never personal data: anyone who listens sees codes and ids only.
 */
export class Migration20261203080000_dossier_changes extends Migration {
  override up(): void {
    this.addSql(`create function dossier_changed_notify() returns trigger language plpgsql as $$
      declare
        changed dossier;
        previous_status text;
        previous_agency uuid;
      begin
        if tg_table_name = 'dossier' then
          changed := new;
          if tg_op = 'UPDATE' then
            previous_status := old.status;
            previous_agency := old.current_agency_id;
          end if;
        else
          select * into changed from dossier where id = new.dossier_id;
          if not found then
            return null;
          end if;
          previous_status := changed.status;
        end if;
        perform pg_notify('dossier_changed', json_build_object(
          'id', changed.id,
          'code', changed.code,
          'tx', txid_current()::text,
          'from', previous_status,
          'to', changed.status,
          'agencies', json_build_array(changed.receiving_agency_id, changed.current_agency_id, previous_agency)
        )::text);
        return null;
      end $$;`);
    this.addSql(`create trigger "dossier_changed_insert" after insert on "dossier" for each row execute function dossier_changed_notify();`);
    this.addSql(`create trigger "dossier_changed_update" after update on "dossier" for each row when (old.* is distinct from new.*) execute function dossier_changed_notify();`);
    this.addSql(`create trigger "dossier_history_changed" after insert on "dossier_history" for each row execute function dossier_changed_notify();`);
  }

  override down(): void {
    this.addSql(`drop trigger if exists "dossier_history_changed" on "dossier_history";`);
    this.addSql(`drop trigger if exists "dossier_changed_update" on "dossier";`);
    this.addSql(`drop trigger if exists "dossier_changed_insert" on "dossier";`);
    this.addSql(`drop function if exists dossier_changed_notify();`);
  }
}
