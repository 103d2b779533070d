import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CertificateState, CertificateSupersededSignal, InspectionReportRequest } from '../model';

export const certificateStateQuery = defineQuery<CertificateState>('certificateState');
export const submitInspectionReportUpdate = defineUpdate<CertificateState, [InspectionReportRequest]>('submitInspectionReport');
export const certificateSupersededSignal = defineSignal<[CertificateSupersededSignal]>('certificateSuperseded');
