// Every workflow the worker runs. Imports only @temporalio/workflow, pure libs and activity types.
export { productJourney } from './product-journey.workflow';
