import { DataSource } from 'typeorm';
import { CertificateActivities, RecordingActivities, SessionActivities } from '@ocop/activities';
import { CertificateNumberAllocator } from '@ocop/certificates';
import { NotificationOutbox } from '@ocop/notifications';
import { createProjections, EventRecorder, EventStore, Projections, SessionCandidates } from '@ocop/persistence';
import { collectActivities } from '@ocop/temporal';

/** The real projections over `db`, wired by hand as the Nest modules wire them. */
export function projectionsOn(db: DataSource): { recorder: EventRecorder; projections: Projections } {
  const projections = createProjections();
  return { recorder: new EventRecorder(db, new EventStore(), projections), projections };
}

/** The worker's real activities on the test database, as a name → function map for `Worker.create`. */
export function realActivities(db: DataSource) {
  const { recorder } = projectionsOn(db);
  const providers = {
    recording: new RecordingActivities(recorder, new NotificationOutbox()),
    certificates: new CertificateActivities(db, new CertificateNumberAllocator()),
    sessions: new SessionActivities(new SessionCandidates(db)),
  };
  return { providers, activities: collectActivities(Object.values(providers)) };
}
