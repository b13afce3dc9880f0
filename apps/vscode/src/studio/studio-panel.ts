import { randomBytes } from 'node:crypto';
import { readStoredEdit, saveMarks, storeFolderName } from '@retouch/output';
import { initialEditProgress, reduceEditProgress } from '@retouch/session';
import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { vscodeOutputFileSystem as fs } from '../host/workspace-fs/vscode-output-file-system.js';
import { estimateSendFor } from '../ui/confirm-send-cost.js';
import { addStudio, type OpenStudio } from '../ui/open-studios.js';
import { progressMessage } from '../ui/progress-message.js';
import { sentOptions } from './sent-options.js';
import { type ActionOutcome, discard, keep, replace } from './studio-actions.js';
import { type StudioPage, studioHtml } from './studio-html.js';
import type { StudioEvent, StudioRequest } from './studio-messages.js';
import { savePreview } from './studio-previews.js';
import { sendFromStudio, sourceOf } from './studio-send.js';
import {
  buildStudioView,
  type SelectedModel,
  type StudioChoices,
  type StudioImage,
  selectedModel,
  sniffImageFile,
} from './studio-view.js';

/**
 * One Studio editor: its page, and what the page asks for. Everything it shows comes from the
 * store and the settings, so a reload or a second Studio on the same image shows the same.
 */
export class StudioPanel implements OpenStudio {
  readonly root: vscode.Uri;
  readonly chainRoot: string;
  private readonly choices: StudioChoices = {};
  private model: SelectedModel | undefined;
  private running: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The preview keys the last view offered: the only ones the page may send previews for. */
  private offeredPreviews = new Set<string>();

  constructor(
    private readonly services: RetouchServices,
    private readonly image: StudioImage,
    private readonly panel: vscode.WebviewPanel,
    initial?: StudioPage['image'],
  ) {
    this.root = image.root;
    this.chainRoot = image.chainRoot;
    const webviewRoot = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'webview');
    const { webview } = panel;
    webview.options = {
      enableScripts: true,
      // The page's own files, the image's folder and the store: nothing else.
      localResourceRoots: [
        webviewRoot,
        vscode.Uri.joinPath(image.uri, '..'),
        vscode.Uri.joinPath(image.root, storeFolderName),
      ],
    };
    webview.html = studioHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'studio.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'studio.css')).toString(),
      imageName: fs.baseName(image.uri),
      ...(initial ? { image: initial } : {}),
    });
    this.disposables.push(
      addStudio(this),
      webview.onDidReceiveMessage((message: StudioRequest) => void this.handle(message)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('retouch')) {
          this.model = undefined;
          void this.refresh();
        }
      }),
    );
    panel.onDidDispose(() => {
      for (const disposable of this.disposables) disposable.dispose();
    });
  }

  post(event: StudioEvent): void {
    void this.panel.webview.postMessage(event);
  }

  async refresh(): Promise<void> {
    try {
      this.model ??= await selectedModel(this.services, this.image.uri);
      const view = await buildStudioView(
        this.services,
        this.panel.webview,
        this.image,
        this.choices,
        this.model,
      );
      this.offeredPreviews = new Set(
        [view.image, view.source, ...view.edits.flatMap((edit) => edit.candidates)].flatMap(
          (image) => (image?.previewKey ? [image.previewKey] : []),
        ),
      );
      this.post(this.running ? { ...view, running: { text: 'Editing…' } } : view);
    } catch (error) {
      this.services.log.error(`Studio: ${error instanceof Error ? error.message : String(error)}`);
      this.post({
        type: 'notice',
        text: 'The Studio could not read this image or its candidates.',
      });
    }
  }

  private async handle(message: StudioRequest): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          return await this.refresh();
        case 'estimate':
          return await this.estimate(message);
        case 'send':
          return await this.send(message);
        case 'cancel':
          this.running?.abort();
          return;
        case 'marks':
          await saveMarks(
            fs,
            this.root,
            this.choices.source ?? this.chainRoot,
            message.marks.slice(0, 5000),
          );
          return;
        case 'refine':
          this.choices.source = message.candidateId;
          this.choices.prompt = '';
          return await this.refresh();
        case 'clear-source':
          delete this.choices.source;
          return await this.refresh();
        case 'rerun':
          return await this.rerun(message.editId);
        case 'preview':
          // Only a cache: a folder that cannot take it (read-only, say) is logged, not shown.
          if (this.offeredPreviews.delete(message.key)) {
            await savePreview(this.root, message.key, new Uint8Array(message.data)).catch(
              (error: unknown) =>
                this.services.log.warn(
                  `Studio: no preview kept: ${error instanceof Error ? error.message : String(error)}`,
                ),
            );
          }
          return;
        case 'undo-replace':
          await vscode.commands.executeCommand('retouch.undoReplace', this.image.uri);
          return;
        default:
          return await this.act(message);
      }
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.services.log.error(`Studio (${message.type}): ${text}`);
      this.post({ type: 'notice', text });
    }
  }

  private async act(
    message: Extract<
      StudioRequest,
      { type: 'keep' | 'replace' | 'discard' | 'restore' | 'discard-others' }
    >,
  ): Promise<void> {
    const id = message.candidateId;
    let outcome: ActionOutcome;
    if (message.type === 'keep') outcome = await keep(this.services, this.image, id);
    else if (message.type === 'replace') outcome = await replace(this.services, this.image, id);
    else if (message.type === 'discard') outcome = await discard(this.image, id, 'this');
    else if (message.type === 'restore') outcome = await discard(this.image, id, 'restore');
    else outcome = await discard(this.image, id, 'others');
    if (message.type === 'discard' && this.choices.source === id) delete this.choices.source;
    await this.refresh();
    if (outcome) this.post({ type: 'notice', text: outcome.text });
  }

  /** Re-run with changes: the edit's prompt, options and source back in the prompt box. */
  private async rerun(editId: string): Promise<void> {
    const edit = await readStoredEdit(fs, this.root, editId);
    if (!edit) return;
    const source = edit.manifest.source;
    if ('candidate' in source) {
      this.choices.source = `${source.candidate.editId}/${source.candidate.index}`;
    } else delete this.choices.source;
    this.choices.prompt = edit.manifest.prompt;
    this.choices.options = Object.fromEntries(
      Object.entries(edit.manifest.options).filter(
        (entry): entry is [string, string | number] =>
          typeof entry[1] === 'string' || typeof entry[1] === 'number',
      ),
    );
    await this.refresh();
    this.post({ type: 'notice', text: 'Change the prompt or options, then press Enter.' });
  }

  private async estimate(message: Extract<StudioRequest, { type: 'estimate' }>): Promise<void> {
    this.model ??= await selectedModel(this.services, this.image.uri);
    const model = this.model.model;
    if (!model) return;
    const source = await sourceOf(this.image, this.choices.source);
    const sniffed = await sniffImageFile(source);
    const estimate = estimateSendFor(
      this.services,
      model,
      sentOptions(message.options),
      sniffed ? [sniffed] : [],
      message.prompt,
    );
    this.post({ type: 'estimate', text: `Estimated ${estimate.text}`, seq: message.seq });
  }

  private async send(message: Extract<StudioRequest, { type: 'send' }>): Promise<void> {
    if (this.running) {
      this.post({ type: 'notice', text: 'An edit is already running in this Studio.' });
      return;
    }
    const controller = new AbortController();
    this.running = controller;
    this.choices.prompt = message.prompt;
    this.choices.options = message.options;
    // The session's progress state and words, as the notification and the CLI draw them.
    let state = initialEditProgress;
    let shown = progressMessage(state);
    this.post({ type: 'progress', text: shown });
    try {
      await sendFromStudio(
        this.services,
        this.image,
        {
          prompt: message.prompt,
          options: message.options,
          ...(this.choices.source ? { source: this.choices.source } : {}),
          ...(message.mask ? { mask: message.mask } : {}),
          ...(message.markup ? { markup: message.markup } : {}),
        },
        {
          progress: (event) => {
            if (event.type === 'partial-image') {
              this.post({
                type: 'partial',
                data: event.image,
                mediaType: event.mediaType ?? 'image/png',
              });
            }
            state = reduceEditProgress(state, event);
            const text = progressMessage(state);
            if (text !== shown) {
              shown = text;
              this.post({ type: 'progress', text });
            }
          },
          finished: (text, ok) => {
            if (ok) delete this.choices.prompt;
            this.post({ type: 'finished', text, ok });
          },
        },
        controller.signal,
      );
    } finally {
      this.running = undefined;
      await this.refresh();
    }
  }
}
