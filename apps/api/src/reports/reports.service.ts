import { Injectable } from '@nestjs/common';
import { OcopError } from '@ocop/domain';
import { actorLabelOf, type AuthUser } from '@ocop/identity';
import { EventRecorder } from '@ocop/persistence';
import { idFor, type CallContext } from '../common/call-context';
import { fieldRuleViolation } from '../common/validation.pipe';
import { CycleProgressQuery } from '../cycles/dto/create-cycle.dto';
import { CyclesService } from '../cycles/cycles.service';
import { DecisionResponse, RecordDecisionDto } from './dto/decision.dto';
import { progressCsv, progressWorkbook } from './progress-report';
import { ReportsRepository } from './reports.repository';
import { minutesPdf } from './session-minutes-pdf';
import { minutesHtml, recognitionListHtml, recognitionListWorkbook } from './session-documents';
import { buildMinutes, SessionMinutes } from './session-minutes';

/** The office's own documents, generated from the read models and the event log. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly cycles: CyclesService,
    private readonly repository: ReportsRepository,
    private readonly recorder: EventRecorder,
  ) {}

  /** The progress endpoint's answer, as it stands for this caller (a district coordinator: its district). */
  async progressXlsx(province: string, year: number, query: CycleProgressQuery, user: AuthUser): Promise<Buffer> {
    return progressWorkbook(await this.cycles.progress(province, year, query, user));
  }

  async progressCsv(province: string, year: number, query: CycleProgressQuery, user: AuthUser): Promise<string> {
    return progressCsv(await this.cycles.progress(province, year, query, user));
  }

  async minutes(sessionId: string): Promise<SessionMinutes> {
    const found = await this.repository.session(sessionId);
    if (!found) throw new OcopError('NOT_FOUND', { resource: 'session', id: sessionId });
    return buildMinutes(found, found.events, found.products);
  }

  async minutesHtml(sessionId: string): Promise<string> {
    return minutesHtml(await this.minutes(sessionId));
  }

  async minutesPdf(sessionId: string): Promise<Buffer> {
    return minutesPdf(await this.minutes(sessionId));
  }

  async recognitionListHtml(sessionId: string): Promise<string> {
    return recognitionListHtml(await this.minutes(sessionId));
  }

  async recognitionListXlsx(sessionId: string): Promise<Buffer> {
    return recognitionListWorkbook(await this.minutes(sessionId));
  }

  /** Records the People's Committee decision (number and date) that recognised a certificate; a correction replaces it. */
  async recordDecision(certificateNo: string, dto: RecordDecisionDto, call: CallContext): Promise<DecisionResponse> {
    const certificate = await this.repository.certificateProvince(certificateNo);
    if (!certificate) throw new OcopError('NOT_FOUND', { resource: 'certificate', id: certificateNo });
    if (
      Number.isNaN(Date.parse(`${dto.decisionDate}T00:00:00Z`)) ||
      new Date(`${dto.decisionDate}T00:00:00Z`).toISOString().slice(0, 10) !== dto.decisionDate
    ) {
      throw fieldRuleViolation('decisionDate', 'isDate', 'decisionDate must be a real calendar date');
    }
    await this.recorder.recordFact({
      eventId: idFor(call, 'certificate-decision'),
      streamId: `certificate-decision:${certificateNo}`,
      type: 'CertificateDecisionRecorded',
      payload: { certificateNo, decisionNo: dto.decisionNo.trim(), decisionDate: dto.decisionDate },
      actor: actorLabelOf(call.actor),
      occurredAt: new Date().toISOString(),
    });
    const row = (await this.repository.decision(certificateNo))!;
    return {
      certificateNo,
      decisionNo: row.decision_no,
      decisionDate: row.decision_date,
      recordedBy: row.recorded_by,
      recordedAt: new Date(row.recorded_at).toISOString(),
    };
  }
}
