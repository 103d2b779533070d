import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { fromTemporalError } from './temporal-errors';

describe('fromTemporalError', () => {
  it.each(['WRONG_STAGE', 'WRONG_ACTOR', 'DEADLINE_PASSED', 'SCORE_OUT_OF_RANGE', 'SPREAD_EXCEEDED'] as const)(
    'keeps the validator’s code %s and details',
    (code) => {
      const refusal = new WorkflowUpdateFailedError(
        'refused',
        ApplicationFailure.create({ type: code, message: 'x', details: [{ field: 'f' }] }),
      );
      expect(fromTemporalError(refusal)).toMatchObject({ code, details: { field: 'f' } });
    },
  );

  it('treats an unknown failure type, or any other error, as Temporal being unavailable', () => {
    const odd = new WorkflowUpdateFailedError('refused', ApplicationFailure.create({ type: 'SomethingElse', message: 'x' }));
    expect(fromTemporalError(odd).code).toBe('WORKFLOW_UNAVAILABLE');
    expect(fromTemporalError(new Error('14 UNAVAILABLE: connect ECONNREFUSED')).code).toBe('WORKFLOW_UNAVAILABLE');
  });
});
