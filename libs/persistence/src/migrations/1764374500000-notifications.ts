import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox (rows written in the same transaction as the event that caused them, delivered later by
 * the dispatcher) and the in-app inbox it delivers to.
 */
export class Notifications1764374500000 implements MigrationInterface {
  name = 'Notifications1764374500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_outbox (
        idempotency_key text        NOT NULL,
        channel         text        NOT NULL,
        recipient       text        NOT NULL,
        template        text        NOT NULL,
        data            jsonb       NOT NULL,
        subject_vi      text        NOT NULL,
        subject_en      text        NOT NULL,
        body_vi         text        NOT NULL,
        body_en         text        NOT NULL,
        event_id        text,
        status          text        NOT NULL DEFAULT 'pending',
        attempts        integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        sent_at         timestamptz,
        CONSTRAINT pk_notification_outbox PRIMARY KEY (idempotency_key),
        CONSTRAINT ck_notification_outbox_key_present CHECK (idempotency_key <> ''),
        CONSTRAINT ck_notification_outbox_channel CHECK (channel IN ('email', 'webhook', 'inbox')),
        CONSTRAINT ck_notification_outbox_recipient_present CHECK (recipient <> ''),
        CONSTRAINT ck_notification_outbox_status CHECK (status IN ('pending', 'sent', 'dead')),
        CONSTRAINT ck_notification_outbox_attempts CHECK (attempts >= 0),
        CONSTRAINT ck_notification_outbox_sent_at CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    // What the dispatcher asks for: due pending rows, oldest first.
    await q.query(`CREATE INDEX ix_notification_outbox_status_next_attempt ON notification_outbox (status, next_attempt_at)`);

    await q.query(`
      CREATE TABLE inbox_messages (
        message_id  text        NOT NULL,
        recipient   text        NOT NULL,
        subject_vi  text        NOT NULL,
        subject_en  text        NOT NULL,
        body_vi     text        NOT NULL,
        body_en     text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        read_at     timestamptz,
        CONSTRAINT pk_inbox_messages PRIMARY KEY (message_id),
        CONSTRAINT ck_inbox_messages_recipient_present CHECK (recipient <> '')
      )`);
    await q.query(`CREATE INDEX ix_inbox_messages_recipient_created ON inbox_messages (recipient, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_messages`);
    await q.query(`DROP TABLE notification_outbox`);
  }
}
