import type { IncomingMessage } from 'node:http';
import type { FaultRule } from '../faults/fault-rule.js';
import type { EmulatorState } from './emulator-state.js';

/**
 * What a route handler gets to work with. Its own file, so the routes and the dispatcher in
 * handle-request.ts that calls them do not import each other.
 */
export interface RouteContext {
  req: IncomingMessage;
  url: URL;
  /** The origin the client connected to, for absolute URLs in answers. */
  origin: string;
  state: EmulatorState;
  requestId: string;
  fault: FaultRule | undefined;
  body(): Promise<Buffer>;
}
