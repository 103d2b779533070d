// Workflow IDs name the business entity, so the same entity can never run twice and anyone can find it.

export const productJourneyId = (productId: string, cycleYear: number): string => `product:${productId}:${cycleYear}`;
export const evaluationSessionId = (sessionId: string): string => `session:${sessionId}`;
export const certificateLifecycleId = (certificateNo: string): string => `certificate:${certificateNo}`;
export const annualCycleId = (provinceCode: string, year: number): string => `cycle:${provinceCode}:${year}`;

export function parseProductJourneyId(workflowId: string): { productId: string; cycleYear: number } | undefined {
  const match = /^product:([^:]+):(\d{4})$/.exec(workflowId);
  return match ? { productId: match[1]!, cycleYear: Number(match[2]) } : undefined;
}
