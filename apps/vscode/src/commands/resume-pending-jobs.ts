import { resumePendingJobs } from '../jobs/resume-pending-jobs.js';
import type { RetouchServices } from '../services.js';

/** Retouch: Resume Pending Jobs — follows queue jobs a previous window started. */
export function resumePendingJobsCommand(services: RetouchServices) {
  return () => resumePendingJobs(services, 'command');
}
