import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  actorLabel,
  AnnualCycleInput,
  CALENDAR_WINDOWS,
  CalendarWindow,
  calendarChangedSignal,
  CycleCalendar,
  CycleProgress,
  cycleOpeningUpdate,
  cycleProgressQuery,
  JourneyProgressSignal,
  journeyProgressSignal,
  lateEntryOpeningUpdate,
  LateEntryRequest,
  moveDateUpdate,
  MoveDateRequest,
  noticeKey,
  provinceProducersInbox,
  isTerminalStage,
} from '@ocop/contracts';
import { addDays, calendarOrderProblem, DAY_MS, isOverdue, lateEntryEnds } from '@ocop/domain';
import { EventStream } from './support/event-stream';
import { historyIsLong } from './support/history';
import { inboxNotice, recordReminder, type Recorder } from './support/notices';
import { refuse, requireRole } from './support/rejections';

/** What a cycle carries into its next run when its history grows with the number of products. */
export interface CycleCarry {
  readonly calendar: CycleCalendar;
  readonly journeys: Record<string, JourneyProgressSignal>;
  readonly remindersSent: readonly string[];
  readonly lastEventSeq: number;
  /** When the cycle first started: reminders due before it are not sent late. */
  readonly startedAt: number;
  /** When each moved window took its current date: its reminders due before then are not sent late either. */
  readonly datesSetAt?: Partial<Record<CalendarWindow, number>>;
  /** Late entries opened so far: organisation id → when it ends. */
  readonly lateEntries?: Record<string, string>;
}

export interface AnnualCycleOptions {
  readonly continueAsNewAfterEvents?: number;
  /** Days before each window closes on which the broadcast reminder goes out. */
  readonly reminderDaysBefore?: readonly number[];
}

/** How long after certification the cycle stays open for late results (central nominees, retests). */
const OPEN_AFTER_CERTIFICATION_DAYS = 120;

/**
 * A province's OCOP year: its calendar and targets, a broadcast reminder before each window closes, and coordinators
 * moving dates — which reaches the running journeys at once. The journeys tell it when they start and when they end
 * (older ones also every stage between: it keeps what it last heard of each), so it knows which still run and when
 * it may close; where the products stand is the read models' (`cycle_progress`).
 */
export async function annualCycle(input: AnnualCycleInput, options: AnnualCycleOptions = {}, carried?: CycleCarry): Promise<CycleProgress> {
  const workflowId = workflowInfo().workflowId;
  const stream = new EventStream(workflowId, carried?.lastEventSeq ?? 0);
  let calendar: CycleCalendar = carried?.calendar ?? input.calendar;
  const journeys: Record<string, JourneyProgressSignal> = { ...(carried?.journeys ?? {}) };
  const remindersSent = new Set(carried?.remindersSent ?? []);
  const reminderDays = options.reminderDaysBefore ?? [7, 1];
  const broadcast = input.broadcastRecipient ?? provinceProducersInbox(input.provinceCode);
  const record: Recorder = (type, payload, actor, notifications) => stream.record(type, payload, actor, notifications);
  let calendarVersion = 0;
  const startedAt = carried?.startedAt ?? Date.now();
  const datesSetAt: Partial<Record<CalendarWindow, number>> = { ...(carried?.datesSetAt ?? {}) };
  const allJourneysDone = () => Object.values(journeys).every((j) => isTerminalStage(j.stage));
  const lateEntries: Record<string, string> = { ...(carried?.lateEntries ?? {}) };
  // A broadcast reminder goes out `daysBefore` rule days before its window closes; a rule day lasts dayLengthMs on a
  // compressed calendar, as the journeys' reminders do. Cycles started before this rule keep sending them in real days.
  const dayMs = input.dayLengthMs && patched('cycle-reminders-in-rule-days') ? input.dayLengthMs : DAY_MS;

  // Whether CycleOpened is recorded, and whether an opening request took this cycle. The opening that started the
  // workflow arrives with its first task; any opening after CycleOpened (or in a carried run) is another request's.
  let opened = !!carried;
  let openingTaken = !!carried;
  setHandler(cycleProgressQuery, () => progress());
  setHandler(
    cycleOpeningUpdate,
    async () => {
      openingTaken = true;
      await condition(() => opened);
      return progress();
    },
    {
      validator: () => {
        if (openingTaken) refuse('ALREADY_EXISTS', { resource: 'cycle', id: `${input.provinceCode}/${input.year}` });
      },
    },
  );
  setHandler(journeyProgressSignal, (signal) => {
    journeys[signal.workflowId] = signal;
  });
  setHandler(
    moveDateUpdate,
    async (request) => {
      const previous = calendar[request.window];
      calendar = { ...calendar, [request.window]: new Date(request.newDate).toISOString() };
      datesSetAt[request.window] = Date.now();
      calendarVersion += 1;
      await record(
        'CycleDateMoved',
        { window: request.window, from: previous, to: calendar[request.window], calendar },
        actorLabel(request.actor),
      );
      // Running journeys take the new date from now on.
      for (const journey of Object.values(journeys)) {
        if (isTerminalStage(journey.stage)) continue;
        await getExternalWorkflowHandle(journey.workflowId)
          .signal(calendarChangedSignal, calendar)
          .catch(() => undefined);
      }
      return calendar;
    },
    { validator: (request: MoveDateRequest) => validateMoveDate(input, calendar, request) },
  );
  setHandler(
    lateEntryOpeningUpdate,
    async (request) => {
      const until = lateEntryEnds(Date.now(), request.until).toISOString();
      lateEntries[request.organisationId] = until;
      await record(
        'LateEntryOpened',
        {
          organisationId: request.organisationId,
          districtCode: request.districtCode,
          until,
          ideaWindowClosedAt: calendar.ideaWindowClosesAt,
        },
        actorLabel(request.actor),
      );
      return progress();
    },
    { validator: (request: LateEntryRequest) => validateLateEntry(input, request) },
  );

  if (!carried) {
    await record(
      'CycleOpened',
      {
        provinceCode: input.provinceCode,
        year: input.year,
        ruleSet: input.ruleSet,
        calendar,
        targets: input.targets,
        ...(input.dayLengthMs ? { dayLengthMs: input.dayLengthMs } : {}),
      },
      input.openedBy ?? 'system:cycle',
    );
  }
  opened = true;
  openingTaken = true;

  // Broadcast reminders before each window closes; then stay open for late results, until the cycle is over.
  for (;;) {
    const now = Date.now();
    const due = upcomingReminders().filter((r) => r.at <= now);
    for (const reminder of due) {
      remindersSent.add(reminder.key);
      const { window, daysBefore, closesAt } = reminder;
      await recordReminder(
        record,
        {
          step: window,
          kind: 'before',
          daysBefore,
          scheduledFor: new Date(reminder.at).toISOString(),
          dueAt: closesAt,
          recipient: broadcast,
        },
        inboxNotice(noticeKey(workflowId, window, `reminder-${daysBefore}d`, closesAt), broadcast, 'cycle-window-closing', {
          province: input.provinceCode,
          year: input.year,
          window,
          closesAt,
        }),
      );
    }
    const closesAt = addDays(new Date(calendar.certificationAt), OPEN_AFTER_CERTIFICATION_DAYS).getTime();
    if (now >= closesAt && allJourneysDone()) break;
    const version = calendarVersion;
    const woken = () => calendarVersion !== version || historyIsLong(options.continueAsNewAfterEvents);
    if (now >= closesAt) {
      // Over, but journeys still run (late results): wait for their last reports, not on a clock.
      await condition(() => woken() || allJourneysDone());
    } else {
      const next = Math.min(
        closesAt,
        ...upcomingReminders()
          .map((r) => r.at)
          .filter((at) => at > now),
      );
      await condition(woken, next - now);
    }
    if (historyIsLong(options.continueAsNewAfterEvents)) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof annualCycle>(input, options, {
        calendar,
        journeys,
        remindersSent: [...remindersSent],
        lastEventSeq: stream.lastSeq,
        startedAt,
        datesSetAt,
        lateEntries,
      });
    }
  }
  await condition(allHandlersFinished);
  return progress();

  function upcomingReminders() {
    return CALENDAR_WINDOWS.flatMap((window) =>
      reminderDays.map((daysBefore) => {
        const closesAt = calendar[window];
        return {
          window,
          daysBefore,
          closesAt,
          at: Date.parse(closesAt) - (Date.parse(closesAt) - addDays(new Date(closesAt), -daysBefore).getTime()) * (dayMs / DAY_MS),
          key: `${window}:${daysBefore}:${closesAt}`,
        };
      }),
    ).filter((r) => !remindersSent.has(r.key) && r.at >= (datesSetAt[r.window] ?? startedAt));
  }

  function progress(): CycleProgress {
    const counted = { open: 0, ended: 0 };
    const starsDistribution: Record<string, number> = {};
    let certified = 0;
    for (const journey of Object.values(journeys)) {
      if (!isTerminalStage(journey.stage)) {
        counted.open += 1;
        continue;
      }
      counted.ended += 1;
      if (journey.stage !== 'certified') continue;
      certified += 1;
      if (journey.stars) starsDistribution[String(journey.stars)] = (starsDistribution[String(journey.stars)] ?? 0) + 1;
    }
    return {
      provinceCode: input.provinceCode,
      year: input.year,
      ruleSet: input.ruleSet,
      calendar,
      journeys: counted,
      certified,
      starsDistribution,
      targets: input.targets,
      targetMet: { newCertifiedProducts: certified >= input.targets.newCertifiedProducts },
      ...(Object.keys(lateEntries).length > 0 ? { lateEntries: { ...lateEntries } } : {}),
    };
  }
}

/** A coordinator of the province moves a window: a known window, to a date ahead, keeping the windows in order. */
function validateMoveDate(input: AnnualCycleInput, calendar: CycleCalendar, request: MoveDateRequest): void {
  requireRole(
    request.actor,
    ['provincial_coordinator'],
    request.actor.provinceCode === input.provinceCode,
    'a coordinator of the province',
  );
  if (!CALENDAR_WINDOWS.includes(request.window))
    refuse('VALIDATION_FAILED', { field: 'window', rule: `one of ${CALENDAR_WINDOWS.join(', ')}` });
  const when = Date.parse(request.newDate);
  if (Number.isNaN(when)) refuse('VALIDATION_FAILED', { field: 'newDate', rule: 'an ISO date' });
  if (when <= Date.now() || Date.parse(calendar[request.window]) <= Date.now())
    refuse('DATE_IN_PAST', { field: 'newDate', window: request.window });
  const problem = calendarOrderProblem({ ...calendar, [request.window]: new Date(when).toISOString() });
  if (problem) refuse('WINDOWS_OUT_OF_ORDER', { field: 'newDate', window: request.window, conflictsWith: problem });
}

/** A late entry: opened by a coordinator of the organisation's district or of the province, ending on a day ahead. */
function validateLateEntry(input: AnnualCycleInput, request: LateEntryRequest): void {
  const { actor } = request;
  const bound =
    actor.role === 'district_coordinator' ? actor.districtCode === request.districtCode : actor.provinceCode === input.provinceCode;
  requireRole(actor, ['district_coordinator', 'provincial_coordinator'], bound, 'a coordinator of the organisation’s district or province');
  if (typeof request.organisationId !== 'string' || request.organisationId === '')
    refuse('VALIDATION_FAILED', { field: 'organisationId', rule: 'an organisation of the province' });
  if (request.until !== undefined && Number.isNaN(Date.parse(request.until)))
    refuse('VALIDATION_FAILED', { field: 'until', rule: 'an ISO date' });
  if (request.until !== undefined && isOverdue(request.until, Date.now())) refuse('DATE_IN_PAST', { field: 'until' });
}
