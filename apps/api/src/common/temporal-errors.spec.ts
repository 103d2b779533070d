import { ApplicationFailure, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
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

  it('says a step not taken before its deadline may be retried', () => {
    const late = new WorkflowUpdateRPCTimeoutOrCancelledError('Workflow Update failed', { cause: new Error('4 DEADLINE_EXCEEDED') });
    const query = Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), { code: 4 });
    for (const error of [late, query])
      expect(fromTemporalError(error)).toMatchObject({
        code: 'WORKFLOW_UNAVAILABLE',
        details: { reason: expect.stringContaining('in time') },
      });
    expect(fromTemporalError(new Error('other')).details).toBeUndefined();
  });
});
