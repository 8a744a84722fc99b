import { Migration } from '@mikro-orm/migrations';

/** Payments started on the national payment platform (issue 12, part 2): one row per reference (MaThamChieu). */
export class Migration20261202060000_payments extends Migration {
  override up(): void {
    this.addSql(`create table "payment" ("id" uuid not null, "dossier_id" uuid not null, "reference" varchar(60) not null, "amount" int not null,
      "status" text check ("status" in ('PENDING', 'PAID', 'FAILED', 'REFUNDED', 'CANCELLED')) not null default 'PENDING',
      "checkout_url" text null, "transaction_id" varchar(60) null, "created_at" timestamptz not null, "settled_at" timestamptz null, "flag" text null,
      constraint "payment_pkey" primary key ("id"));`);
    this.addSql(`alter table "payment" add constraint "payment_reference_unique" unique ("reference");`);
    this.addSql(`create index "payment_dossier_id_status_index" on "payment" ("dossier_id", "status");`);
    this.addSql(`alter table "payment" add constraint "payment_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "payment" cascade;`);
  }
}
