import { Migration } from '@mikro-orm/migrations';

/**
 * The tamper-evident log (issue 7, Deliver 3): `dossier_history` and the new
 * `exchange_log` are hash chains. A BEFORE INSERT trigger links every row,
 * so no code path can forget to; both tables become append-only.
 *
 * Each chained table has a head row in `audit_chain`. The trigger bumps it
 * with an UPDATE (a row lock held to the end of the writer's transaction:
 * writers of one chain are serialised, numbers are gapless, a rollback
 * gives its number back) and sets chain_seq, prev_hash (the head's hash) and
 * hash = sha256(chain \n seq \n prev_hash \n canonical), where canonical is
 * `<table>_canonical(row)`: a JSON array of the row's columns in a fixed
 * order, times in UTC to the microsecond. src/audit/chain-verification.ts
 * recomputes the same hash outside the database.
 */
export class Migration20261201120000_audit_chain extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_chain" ("name" varchar(63) not null, "seq" bigint not null default 0, "head_hash" varchar(64) not null, constraint "audit_chain_pkey" primary key ("name"));`);

    this.addSql(`create function audit_chain_link(chain text, canonical text, out link_seq bigint, out link_prev text, out link_hash text) language plpgsql as $$
      begin
        update audit_chain set seq = seq + 1 where name = chain returning seq, head_hash into link_seq, link_prev;
        if not found then
          raise exception 'audit chain % does not exist', chain;
        end if;
        link_hash := encode(sha256(convert_to(chain || E'\\n' || link_seq::text || E'\\n' || link_prev || E'\\n' || canonical, 'UTF8')), 'hex');
        update audit_chain set head_hash = link_hash where name = chain;
      end $$;`);

    // One trigger function for every chained table: the chain is named after the table.
    this.addSql(`create function audit_chain_append() returns trigger language plpgsql as $$
      declare
        canonical text;
        link record;
      begin
        execute format('select %I($1)', tg_table_name || '_canonical') into canonical using new;
        select * into link from audit_chain_link(tg_table_name, canonical);
        new.chain_seq := link.link_seq;
        new.prev_hash := link.link_prev;
        new.hash := link.link_hash;
        return new;
      end $$;`);

    this.addSql(`create function audit_append_only() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only (tamper-evident log)', tg_table_name;
      end $$;`);

    // The exchange log: metadata and a digest of each message, never its body (personal data, Law 91/2025).
    this.addSql(`create table "exchange_log" ("id" uuid not null, "exchange_id" uuid not null, "at" timestamptz not null, "system" varchar(40) not null, "endpoint" varchar(500) not null, "operation" varchar(100) not null, "direction" text check ("direction" in ('OUT', 'IN')) not null, "outcome" text check ("outcome" in ('OK', 'FAULT', 'CREDENTIALS_REFUSED', 'UNAVAILABLE', 'TIMEOUT', 'MALFORMED', 'TOO_LARGE')) not null, "http_status" int null, "duration_ms" int null, "size_bytes" int null, "body_sha256" varchar(64) null, "request_id" varchar(200) null, "dossier_code" varchar(60) null, "chain_seq" bigint not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "exchange_log_pkey" primary key ("id"));`);
    this.addSql(`create unique index "exchange_log_chain_seq_unique" on "exchange_log" ("chain_seq");`);
    this.addSql(`create index "exchange_log_at_index" on "exchange_log" ("at");`);
    this.addSql(`create index "exchange_log_request_id_index" on "exchange_log" ("request_id");`);
    this.addSql(`create function exchange_log_canonical(r exchange_log) returns text language sql stable as $$
      select jsonb_build_array(r.id, r.exchange_id, to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.system, r.endpoint,
        r.operation, r.direction, r.outcome, r.http_status, r.duration_ms, r.size_bytes, r.body_sha256, r.request_id, r.dossier_code)::text
    $$;`);

    this.addSql(`insert into "audit_chain" ("name", "seq", "head_hash") values ('exchange_log', 0, repeat('0', 64)), ('dossier_history', 0, repeat('0', 64));`);

    // Dossier history: chain the rows already there, oldest first, then every new one.
    this.addSql(`alter table "dossier_history" add column "chain_seq" bigint null, add column "prev_hash" varchar(64) null, add column "hash" varchar(64) null;`);
    this.addSql(`create function dossier_history_canonical(r dossier_history) returns text language sql stable as $$
      select jsonb_build_array(r.id, r.dossier_id, r.action, r.from_status, r.to_status, r.actor, r.actor_id, r.agency_id,
        to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.note)::text
    $$;`);
    this.addSql(`do $$
      declare
        r record;
        link record;
      begin
        for r in select h.id, dossier_history_canonical(h) as canonical from dossier_history h order by h.at, h.id loop
          select * into link from audit_chain_link('dossier_history', r.canonical);
          update dossier_history set chain_seq = link.link_seq, prev_hash = link.link_prev, hash = link.link_hash where id = r.id;
        end loop;
      end $$;`);
    this.addSql(`alter table "dossier_history" alter column "chain_seq" set not null, alter column "prev_hash" set not null, alter column "hash" set not null;`);
    this.addSql(`create unique index "dossier_history_chain_seq_unique" on "dossier_history" ("chain_seq");`);

    for (const table of ['exchange_log', 'dossier_history']) {
      this.addSql(`create trigger "${table}_chain" before insert on "${table}" for each row execute function audit_chain_append();`);
      this.addSql(`create trigger "${table}_append_only" before update or delete on "${table}" for each row execute function audit_append_only();`);
      this.addSql(`create trigger "${table}_no_truncate" before truncate on "${table}" for each statement execute function audit_append_only();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['exchange_log', 'dossier_history']) {
      this.addSql(`drop trigger if exists "${table}_chain" on "${table}";`);
      this.addSql(`drop trigger if exists "${table}_append_only" on "${table}";`);
      this.addSql(`drop trigger if exists "${table}_no_truncate" on "${table}";`);
    }
    this.addSql(`drop index if exists "dossier_history_chain_seq_unique";`);
    this.addSql(`alter table "dossier_history" drop column "chain_seq", drop column "prev_hash", drop column "hash";`);
    this.addSql(`drop function if exists dossier_history_canonical(dossier_history);`);
    this.addSql(`drop table if exists "exchange_log" cascade;`);
    this.addSql(`drop function if exists audit_append_only();`);
    this.addSql(`drop function if exists audit_chain_append();`);
    this.addSql(`drop function if exists audit_chain_link(text, text);`);
    this.addSql(`drop table if exists "audit_chain" cascade;`);
  }

}
