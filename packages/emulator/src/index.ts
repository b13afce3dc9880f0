export { type Operation, pickOperation } from './edit/pick-operation.js';
export {
  type FaultRule,
  parseFaultRules,
  ROUTE_NAMES,
  type RouteName,
} from './faults/fault-rule.js';
export type { Job, JobLog, JobStatus } from './queue/job.js';
export type { RecordedRequest } from './server/emulator-state.js';
export { type Emulator, type EmulatorOptions, startEmulator } from './start-emulator.js';
