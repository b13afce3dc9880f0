import { formatCost } from '@retouch/session';
import * as vscode from 'vscode';
import { editImageCommand } from '../edit/edit-image-command.js';
import { prepareSelectedModel } from '../edit/prepare-model.js';
import { editEachCommand } from '../edit-each/edit-each-command.js';
import type { AgentToolRuntime } from '../host/agent-tool-contract.js';
import { editSession } from '../host/edit-session.js';
import { modelPricing } from '../host/pricing.js';
import type { RetouchServices } from '../host/services.js';
import { type AgentToolInput, workspaceImages } from './agent-tool-input.js';

export function agentToolRuntime(services: RetouchServices): AgentToolRuntime {
  async function estimate(input: AgentToolInput, each: boolean) {
    const images = workspaceImages(input);
    const target = await prepareSelectedModel(services, images[0]);
    if (!target) throw new Error('Retouch has no usable provider or model; see the Retouch log.');
    const session = editSession(services, { secrets: target.prepared.secrets });
    const plan = await session.plan({
      provider: target.prepared.provider,
      model: target.model.id,
      prompt: input.prompt?.trim() || 'estimate',
      images,
      options: {},
      each,
      pricing: modelPricing(target.model, services.log),
    });
    return { images, model: target.model, plan };
  }

  return {
    async prepare(name, input) {
      const { images, model, plan } = await estimate(input, name === 'retouch_editEach');
      const names = images.map((uri) => vscode.workspace.asRelativePath(uri)).join(', ');
      const action =
        name === 'retouch_estimateCost'
          ? 'Estimate'
          : name === 'retouch_editEach'
            ? 'Edit each of'
            : 'Edit';
      return {
        title: `Retouch: ${action} ${images.length === 1 ? 'an image' : `${images.length} images`}`,
        message: [
          `Images: ${names}`,
          `Prompt: ${input.prompt ?? ''}`,
          `Model: ${model.displayName ?? model.id}`,
          `Estimated cost: ${formatCost(plan.total)}`,
        ].join('\n\n'),
      };
    },
    async invoke(name, input) {
      if (name === 'retouch_estimateCost') {
        const { model, plan } = await estimate(input, false);
        return `${plan.edits} edit(s) with ${model.id}: ${formatCost(plan.total)}.`;
      }
      const images = workspaceImages(input);
      const prompt = input.prompt?.trim();
      if (!prompt) throw new Error('Say what to change in "prompt".');
      if (name === 'retouch_editEach') {
        const run = await editEachCommand(services)(images[0], images, { prompt, options: {} });
        if (!run) return 'The batch did not run (see the Retouch notification).';
        const { counts } = run.summary;
        return `Edit each: ${counts.done} of ${counts.total} done, ${counts.failed} failed; results are beside their sources.`;
      }
      const entry = await editImageCommand(services)(images[0], images, { prompt, options: {} });
      if (!entry) return 'The edit did not complete (see the Retouch notification).';
      const outputs = entry.outputs.map((output) =>
        vscode.workspace.asRelativePath(vscode.Uri.parse(output.uri)),
      );
      return `Wrote ${outputs.join(', ')} with ${entry.model}${entry.cost ? `, ${formatCost(entry.cost)}` : ''}. The results are open for the user.`;
    },
  };
}
