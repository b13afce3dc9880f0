import type { CandidateSource } from '@retouch/output';

/**
 * Where an edit's results go as candidates (a Studio's store, `.retouch/candidates/` under
 * `root`) instead of as files in the plan's folder. Only what is serialisable besides `root`, so
 * a host can keep it with a pending job and resume into the same place.
 */
export interface CandidatesSink<Location> {
  /** The store's root: the workspace folder in VS Code. */
  root: Location;
  /** The image the chain of edits started from, relative to `root`, `/`-separated. */
  chainRoot: string;
  source: CandidateSource;
  /** What a person reads for the provider and model, kept in the store beside the ids. */
  providerName?: string;
  modelName?: string;
}
