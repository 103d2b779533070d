// Every workflow the worker runs. Imports only @temporalio/workflow, pure libs and activity types.
export { productJourney } from './product-journey/product-journey.workflow';
export { evaluationSession } from './evaluation-session.workflow';
export { certificateLifecycle } from './certificate-lifecycle.workflow';
export { annualCycle } from './annual-cycle.workflow';
