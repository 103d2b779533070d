import { Injectable } from '@nestjs/common';
import type { EnteredProduct } from '@ocop/contracts';
import { SessionCandidates } from '@ocop/persistence';

@Injectable()
export class SessionActivities {
  constructor(private readonly candidates: SessionCandidates) {}

  /** Products of the cycle waiting for a session at `level` in the area (a district, a province, or `vn`), not yet in one. */
  findProductsAwaitingSession(query: {
    level: string;
    areaCode: string;
    provinceCode: string;
    cycleYear: number;
  }): Promise<EnteredProduct[]> {
    return this.candidates.awaiting(query);
  }
}
