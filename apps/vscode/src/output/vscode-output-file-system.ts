import * as vscode from 'vscode';
import type { OutputFileSystem } from './output-file-system.js';

function isFileSystemError(error: unknown, code: string): boolean {
  return error instanceof vscode.FileSystemError && error.code === code;
}

/** Output writing over `vscode.workspace.fs`, so local, remote and virtual workspaces all work. */
export const vscodeOutputFileSystem: OutputFileSystem<vscode.Uri> = {
  child: (folder, name) => vscode.Uri.joinPath(folder, name),
  async exists(target) {
    try {
      await vscode.workspace.fs.stat(target);
      return true;
    } catch (error) {
      if (isFileSystemError(error, 'FileNotFound')) return false;
      throw error;
    }
  },
  async list(folder) {
    try {
      return (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
    } catch (error) {
      if (isFileSystemError(error, 'FileNotFound')) return [];
      throw error;
    }
  },
  createFolder: async (folder) => {
    await vscode.workspace.fs.createDirectory(folder);
  },
  writeFile: async (target, data) => {
    await vscode.workspace.fs.writeFile(target, data);
  },
  async renameNoOverwrite(from, to) {
    try {
      await vscode.workspace.fs.rename(from, to, { overwrite: false });
      return 'renamed';
    } catch (error) {
      // Some file system providers report a taken name with a generic error; check for ourselves.
      if (isFileSystemError(error, 'FileExists') || (await vscodeOutputFileSystem.exists(to))) {
        return 'exists';
      }
      throw error;
    }
  },
  renameOverwrite: async (from, to) => {
    await vscode.workspace.fs.rename(from, to, { overwrite: true });
  },
  delete: async (target) => {
    await vscode.workspace.fs.delete(target, { useTrash: false });
  },
};
