/** The statuses a batch goes through, as the `Batch` schema names them. */
export type BatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

export interface BatchError {
  code: string;
  message: string;
  param: string | null;
  line: number | null;
}

/** One batch as the emulator keeps it; `batchView` turns it into the API's `Batch` object. */
export interface EmulatorBatch {
  id: string;
  endpoint: string;
  inputFileId: string;
  metadata: Record<string, string> | null;
  status: BatchStatus;
  model?: string;
  /** Unix seconds, as the API gives them. */
  createdAt: number;
  expiresAt: number;
  inProgressAt?: number;
  finalizingAt?: number;
  completedAt?: number;
  failedAt?: number;
  expiredAt?: number;
  cancellingAt?: number;
  cancelledAt?: number;
  requestCounts: { total: number; completed: number; failed: number };
  outputFileId?: string;
  errorFileId?: string;
  errors?: BatchError[];
  /** Set by `POST /cancel`; the runner stops between lines. */
  cancelRequested: boolean;
}

export const terminalStatuses: ReadonlySet<BatchStatus> = new Set([
  'failed',
  'completed',
  'expired',
  'cancelled',
]);

/** The `Batch` object of the API. */
export function batchView(batch: EmulatorBatch) {
  const optional = {
    model: batch.model,
    output_file_id: batch.outputFileId,
    error_file_id: batch.errorFileId,
    in_progress_at: batch.inProgressAt,
    finalizing_at: batch.finalizingAt,
    completed_at: batch.completedAt,
    failed_at: batch.failedAt,
    expired_at: batch.expiredAt,
    cancelling_at: batch.cancellingAt,
    cancelled_at: batch.cancelledAt,
  };
  return {
    id: batch.id,
    object: 'batch' as const,
    endpoint: batch.endpoint,
    ...(batch.errors ? { errors: { object: 'list', data: batch.errors } } : {}),
    input_file_id: batch.inputFileId,
    completion_window: '24h',
    status: batch.status,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    created_at: batch.createdAt,
    expires_at: batch.expiresAt,
    request_counts: { ...batch.requestCounts },
    metadata: batch.metadata,
  };
}
