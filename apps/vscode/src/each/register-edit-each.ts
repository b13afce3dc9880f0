import * as vscode from 'vscode';
import type { RetouchServices } from '../services.js';
import { editEachCommand } from './edit-each-command.js';
import { offerToResumeEditEach, resumeEditEachCommand } from './resume-edit-each.js';

/** Edit Each's commands, and the offer to resume a batch a reload interrupted. */
export function registerEditEach(services: RetouchServices): vscode.Disposable[] {
  // Not awaited: activation must not wait for a notification.
  offerToResumeEditEach(services);
  return [
    vscode.commands.registerCommand('retouch.editEach', editEachCommand(services)),
    vscode.commands.registerCommand('retouch.resumeEditEach', resumeEditEachCommand(services)),
  ];
}
