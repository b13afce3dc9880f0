import type { CostEstimate, ImageInput } from '@retouch/core';
import { type OutputFileSystem, sha256Hex } from '@retouch/output';
import type { DeliveredEdit } from '../deliver/delivered-edit.js';

/** Where the session's messages go: the CLI's stderr under --verbose, VS Code's output channel. */
export interface SessionLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What a host says about a folder that cannot take results: the setting or flag to change. */
export interface FolderAdvice {
  /** The field named in the error's issues, e.g. `out` or `retouch.outputFolder`. */
  field: string;
  /** What to do, e.g. `Choose a folder you can write to with --out <dir>.` */
  advice: string;
}

/**
 * Everything the session needs from the application around it. Only `fs`, `tool` and
 * `rescueFolder` are required; the rest have defaults that suit a script.
 */
export interface SessionHost<Location> {
  /** Reads sources and writes results: `nodeOutputFileSystem`, or one over `vscode.workspace.fs`. */
  fs: OutputFileSystem<Location>;
  /** Named in every record as the tool that made a result. */
  tool: { name: string; version: string };
  /** Where a result goes when its folder cannot take it, so a paid result is never lost. */
  rescueFolder: Location;
  log?: SessionLog;
  /** Whether a result's record is also written to a `name.ext.json` sidecar (default: no). */
  sidecar?: boolean | ((folder: Location) => boolean);
  /** Told about every delivered edit (results written or rescued), e.g. to add it to a history. */
  history?: (edit: DeliveredEdit<Location>) => void | Promise<void>;
  /**
   * Asked before a run whose estimate is over `confirmAbove` (or unknown): false stops it with
   * nothing sent. Without it, runs are not held for confirmation.
   */
  confirmCost?: (estimate: CostEstimate, edits: number) => boolean | Promise<boolean>;
  /** The clock, in milliseconds (default `Date.now`); tests and replays pass their own. */
  now?: () => number;
  /** A fresh edit id (default `crypto.randomUUID`). */
  newId?: () => string;
  /** Secrets the session scrubs from records and logs as a last line of defence. */
  secrets?: readonly string[];
  /** How a folder that cannot take results is explained; `named` when the user chose it. */
  folderAdvice?: (named: boolean) => FolderAdvice;
  /**
   * How a source reaches the engine. The default reads it through `fs`; the CLI passes a local
   * path, which the engine streams from disk.
   */
  imageInput?: (location: Location) => ImageInput | Promise<ImageInput>;
  /** A source's sha256 (hex), for its record. The default reads it through `fs`. */
  sha256?: (location: Location) => Promise<string>;
}

const quiet: SessionLog = { info() {}, warn() {}, error() {} };

/** The host with every default filled in. */
export type ResolvedHost<Location> = Required<
  Omit<SessionHost<Location>, 'history' | 'confirmCost' | 'sidecar'>
> &
  Pick<SessionHost<Location>, 'history' | 'confirmCost'> & {
    sidecarFor(folder: Location): boolean;
  };

export function resolveHost<Location>(host: SessionHost<Location>): ResolvedHost<Location> {
  const { fs } = host;
  const sidecar = host.sidecar;
  return {
    ...host,
    log: host.log ?? quiet,
    now: host.now ?? Date.now,
    newId: host.newId ?? (() => globalThis.crypto.randomUUID()),
    secrets: host.secrets ?? [],
    folderAdvice:
      host.folderAdvice ??
      ((named) => ({
        field: 'out',
        advice: named
          ? 'Choose a folder you can write to.'
          : 'Write the results to a folder you can write to.',
      })),
    imageInput:
      host.imageInput ??
      (async (location) => ({
        data: await fs.readFile(location),
        filename: fs.baseName(location),
      })),
    sha256: host.sha256 ?? (async (location) => sha256Hex(await fs.readFile(location))),
    sidecarFor: (folder) => (typeof sidecar === 'function' ? sidecar(folder) : sidecar === true),
  };
}
