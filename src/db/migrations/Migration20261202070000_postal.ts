import { Migration } from '@mikro-orm/migrations';

const ACTIONS_BEFORE = `'SUBMIT', 'RECEIVE', 'ACCEPT', 'REJECT', 'FORWARD', 'COMPLETE_STEP', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'REQUEST_PAYMENT', 'STOP', 'WITHDRAW', 'RETURN', 'EXTEND', 'VERIFY_IDENTITY', 'SEND_TO_DEPARTMENT', 'DEPARTMENT_REPORT', 'RECORD_PAYMENT', 'WAIVE_OBLIGATIONS'`;

/**
 * Results and dossiers by post (issue 12, part 3): one row per parcel
 * (order number unique, the post's tracking number once ordered, its
 * events); what the post collects on delivery is a payment method (COD);
 * three new history entries: CHANGE_RETURN_METHOD, POSTAL_ORDER,
 * POSTAL_EVENT.
 */
export class Migration20261202070000_postal extends Migration {
  override up(): void {
    this.addSql(`create table "postal_shipment" ("id" uuid not null, "dossier_id" uuid not null,
      "kind" text check ("kind" in ('DELIVERY', 'PICKUP')) not null, "order_number" varchar(80) not null,
      "status" text check ("status" in ('REQUESTED', 'REFUSED', 'ORDERED', 'PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'RETURNED', 'LOST', 'CANCELLED')) not null default 'REQUESTED',
      "item_code" varchar(40) null, "fee" int null, "cod_amount" int not null, "cod_collected" int null, "from_address" text not null, "to_address" text not null,
      "created_at" timestamptz not null, "ordered_at" timestamptz null, "picked_up_at" timestamptz null, "finished_at" timestamptz null, "last_event_at" timestamptz null,
      "events" jsonb not null default '[]', "cancel_requested" boolean not null default false, "error" text null, "flag" text null,
      constraint "postal_shipment_pkey" primary key ("id"));`);
    this.addSql(`alter table "postal_shipment" add constraint "postal_shipment_order_number_unique" unique ("order_number");`);
    this.addSql(`alter table "postal_shipment" add constraint "postal_shipment_item_code_unique" unique ("item_code");`);
    this.addSql(`create index "postal_shipment_dossier_id_index" on "postal_shipment" ("dossier_id");`);
    this.addSql(`create index "postal_shipment_status_index" on "postal_shipment" ("status");`);
    this.addSql(`alter table "postal_shipment" add constraint "postal_shipment_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "dossier_fee" drop constraint if exists "dossier_fee_payment_method_check";`);
    this.addSql(`alter table "dossier_fee" add constraint "dossier_fee_payment_method_check" check ("payment_method" in ('CASH', 'CARD', 'ONLINE', 'COD'));`);
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}, 'CHANGE_RETURN_METHOD', 'POSTAL_ORDER', 'POSTAL_EVENT'));`);
  }

  override down(): void {
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}));`);
    this.addSql(`alter table "dossier_fee" drop constraint if exists "dossier_fee_payment_method_check";`);
    this.addSql(`alter table "dossier_fee" add constraint "dossier_fee_payment_method_check" check ("payment_method" in ('CASH', 'CARD', 'ONLINE'));`);
    this.addSql(`drop table if exists "postal_shipment" cascade;`);
  }
}
