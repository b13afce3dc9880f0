import type { RetouchServices } from '../host/services.js';
import { resumePendingJobs } from './resume-pending-jobs.js';

/** Retouch: Resume Pending Jobs — follows queue jobs a previous window started. */
export function resumePendingJobsCommand(services: RetouchServices) {
  return () => resumePendingJobs(services, 'command');
}
