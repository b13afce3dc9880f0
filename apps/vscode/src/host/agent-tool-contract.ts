/**
 * What the activation file and the edit runtime agree on for the language-model tools. It lives
 * in host/ so that the runtime's loader can name it without importing the tools' feature folder.
 */

/** What an agent passes to Retouch's language-model tools (see `languageModelTools` in package.json). */
export interface AgentToolInput {
  images?: string[];
  prompt?: string;
}

export type AgentToolName = 'retouch_editImage' | 'retouch_editEach' | 'retouch_estimateCost';

/** The language-model tools' work, in the edit runtime (loaded on the first tool use). */
export interface AgentToolRuntime {
  /** The confirmation: the images, the prompt, the model and the estimated cost. */
  prepare(name: AgentToolName, input: AgentToolInput): Promise<{ title: string; message: string }>;
  /** Runs the tool the way the product's commands do; the words for the model come back. */
  invoke(name: AgentToolName, input: AgentToolInput): Promise<string>;
}
