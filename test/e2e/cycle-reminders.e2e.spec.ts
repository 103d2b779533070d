import { ok, until } from './flows';
import { requestAs } from './http';

// Issue 12, point 6: the cycle's broadcast reminders honour dayLengthMs as the journeys' reminders do, and reach
// every producer of the province — in their inboxes, read over HTTP.
const YEAR = 2022; // this suite's compressed cycle: a rule "day" of one second, the idea window closing 12 s after opening

describe('cycle reminders on a compressed calendar reach every producer’s inbox', () => {
  it('7 and 1 rule days before the idea window closes, each producer reads both, once', async () => {
    const now = Date.now();
    const day = (n: number) => new Date(now + n * 86_400_000).toISOString();
    const closesAt = new Date(now + 12_000).toISOString();
    const opened = await requestAs('admin', 'POST', '/cycles', {
      body: {
        provinceCode: 'lao-cai',
        year: YEAR,
        dayLengthMs: 1000,
        calendar: {
          ideaWindowClosesAt: closesAt,
          businessPlanDueAt: day(20),
          dossierDueAt: day(30),
          districtSessionsCloseAt: day(40),
          provincialSessionsCloseAt: day(50),
          certificationAt: day(60),
        },
      },
    });
    expect(opened.status).toBe(201);

    const cycleReminders = async (producer: string) =>
      (ok(await requestAs(producer, 'GET', '/notifications?limit=200')) as any[]).filter(
        (m) => m.about?.type === 'cycle' && m.about.id === `lao-cai/${YEAR}`,
      );
    for (const producer of ['htx.bacha', 'che.batxat', 'que.vanban']) {
      const messages = await until(
        () => cycleReminders(producer),
        (m) => m.length === 2,
        `${producer}'s two reminders`,
        40_000,
      );
      expect(messages.map((m) => m.messageId).sort()).toEqual(
        [1, 7].map((d) => `cycle:lao-cai:${YEAR}:ideaWindowClosesAt:reminder-${d}d:${closesAt}`),
      );
      for (const message of messages) {
        expect(message).toMatchObject({ kind: 'reminder', recipient: 'province:lao-cai:producers', link: '/app/workspace' });
        expect(message.subject.vi).toContain(`chu kỳ OCOP ${YEAR}`);
      }
    }
    // Both were sent before the window closed (in rule days of one second, not real days).
    expect(Date.now()).toBeLessThan(Date.parse(closesAt) + 30_000);
  });
});
