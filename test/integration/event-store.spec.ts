import { DataSource } from 'typeorm';
import { EventStore, EventRecorder } from '@ocop/persistence';
import { OcopError } from '@ocop/domain';
import { openTestDatabase } from '../support/database';
import { projectionsOn } from '../support/activities';
import { aJourneyInput, anIdeaSubmitted } from '../support/builders';

describe('event store on PostgreSQL', () => {
  let db: DataSource;
  const store = new EventStore();
  let recorder: EventRecorder;

  beforeAll(async () => {
    db = await openTestDatabase();
    recorder = projectionsOn(db).recorder;
  });
  afterAll(() => db.destroy());

  const countEvents = async (streamId: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM events WHERE stream_id = $1`, [streamId]))[0].n);
  const countProducts = async (productId: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM products WHERE product_id = $1`, [productId]))[0].n);

  it('appends an event with a global position and its recording time', async () => {
    const event = anIdeaSubmitted(aJourneyInput().build());
    const [stored] = await db.transaction((m) => store.append(m, [event]));
    expect(stored).toMatchObject({ eventId: event.eventId, streamSeq: 1, type: 'IdeaSubmitted', actor: 'producer:test' });
    expect(Number(stored!.position)).toBeGreaterThan(0);
    expect(new Date(stored!.recordedAt).getTime()).not.toBeNaN();
    expect(await db.transaction((m) => store.readStream(m, event.streamId))).toEqual([stored]);
  });

  it('stores the same event twice only once, and reports the second append as nothing new', async () => {
    const event = anIdeaSubmitted(aJourneyInput().build());
    expect(await db.transaction((m) => store.append(m, [event]))).toHaveLength(1);
    expect(await db.transaction((m) => store.append(m, [event]))).toEqual([]);
    expect(await countEvents(event.streamId)).toBe(1);
  });

  it('refuses the same event id with other content', async () => {
    const event = anIdeaSubmitted(aJourneyInput().build());
    await db.transaction((m) => store.append(m, [event]));
    const tampered = { ...event, payload: { ...event.payload, name: 'Something else' } };
    await expect(db.transaction((m) => store.append(m, [tampered]))).rejects.toMatchObject({ code: 'EVENT_CONFLICT' });
  });

  it('refuses another event at an occupied stream position', async () => {
    const input = aJourneyInput().build();
    await db.transaction((m) => store.append(m, [anIdeaSubmitted(input)]));
    const rival = anIdeaSubmitted(input); // new event id, same stream and sequence
    const error = await db.transaction((m) => store.append(m, [rival])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcopError);
    expect(error).toMatchObject({ code: 'EVENT_SEQUENCE_CONFLICT', details: { streamSeq: 1 } });
    expect(await countEvents(rival.streamId)).toBe(1);
  });

  it('is append-only: PostgreSQL refuses UPDATE and DELETE of an event', async () => {
    const event = anIdeaSubmitted(aJourneyInput().build());
    await db.transaction((m) => store.append(m, [event]));
    await expect(db.query(`UPDATE events SET actor = 'someone' WHERE event_id = $1`, [event.eventId])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM events WHERE event_id = $1`, [event.eventId])).rejects.toThrow(/append-only/);
  });

  describe('recorder', () => {
    it('writes the event and the products read model together', async () => {
      const input = aJourneyInput().inDistrict('bat-xat').build();
      const event = anIdeaSubmitted(input);
      await recorder.record([event]);
      const [row] = await db.query(`SELECT * FROM products WHERE product_id = $1`, [input.productId]);
      expect(row).toMatchObject({
        district_code: 'bat-xat',
        stage: 'awaiting_idea_review',
        workflow_id: event.streamId,
        submitted_by: 'producer:test',
      });
    });

    it('a retried record changes nothing', async () => {
      const input = aJourneyInput().build();
      const event = anIdeaSubmitted(input);
      expect(await recorder.record([event])).toHaveLength(1);
      expect(await recorder.record([event])).toHaveLength(0);
      expect(await countEvents(event.streamId)).toBe(1);
      expect(await countProducts(input.productId)).toBe(1);
    });

    it('keeps neither the event nor the read model when the projection fails', async () => {
      const input = aJourneyInput().build();
      const first = anIdeaSubmitted(input);
      await recorder.record([first]);
      // Same product in another stream: the event is new, but the products row exists, so the projection fails.
      const clash = anIdeaSubmitted(input, { streamId: `${first.streamId}-again` });
      await expect(recorder.record([clash])).rejects.toThrow(/pk_products/);
      expect(await countEvents(clash.streamId)).toBe(0);
    });
  });
});
