import { CertificateActivities } from './certificate.activities';
import { RecordingActivities } from './recording.activities';
import { SessionActivities } from './session.activities';

export { CertificateActivities, RecordingActivities, SessionActivities };
export type { RecordRequest, RecordResult } from './recording.activities';

/** Every activity provider the worker hosts. */
export const ACTIVITY_CLASSES = [RecordingActivities, CertificateActivities, SessionActivities] as const;

type PublicMethods<T> = { [K in keyof T]: T[K] };

/** The activity functions as workflows see them (by type only): the public methods of every provider. */
export type OcopActivities = PublicMethods<RecordingActivities> & PublicMethods<CertificateActivities> & PublicMethods<SessionActivities>;
