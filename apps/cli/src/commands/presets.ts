import { sanitizeServerText } from '@retouch/core/http';
import { describePresetOptions, type ListedPreset } from '@retouch/session';
import { parseCommandArgs } from '../args/parse-command-args.js';
import { type CliContext, printErr, printOut } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { loadPresets } from '../presets/load-presets.js';

export const presetsHelp = `Usage: retouch presets [--json] [--config <file>]

Lists the prompt presets \`retouch edit --preset NAME\` accepts: your own, from "presets" in the
config file, then the built-in ones. A preset of yours with the name of a built-in one replaces it.

Options:
      --config <file>   Config file (default ./retouch.config.json, then ~/.config/retouch/config.json)
      --json            Print JSON
  -h, --help            Show this help

A preset in the config file:
  "presets": [
    { "name": "web-sepia", "prompt": "sepia tone", "options": { "outputFormat": "webp" } }
  ]
Options: size, quality, n, background, outputFormat, outputCompression, inputFidelity. They apply
unless the edit's own flags say otherwise.`;

const presetsOptions = {
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function presetsCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs('presets', args, presetsOptions);
  if (values.help) {
    await printOut(context, presetsHelp);
    return exitCodes.ok;
  }
  const loaded = await loadPresets({
    explicitPath: values.config,
    cwd: context.cwd,
    env: context.env,
  });
  if (context.machine) {
    await printOut(context, JSON.stringify(loaded));
    return exitCodes.ok;
  }
  for (const problem of loaded.problems) {
    await printErr(context, `retouch: note: ${printable(problem)}`);
  }
  const own = loaded.presets.filter((preset) => preset.source === 'user').length;
  const heading = `${loaded.presets.length} prompt presets (${loaded.presets.length - own} built-in${
    loaded.configPath ? `, ${own} from ${loaded.configPath}` : ''
  })`;
  const name = loaded.presets[0]?.name ?? 'NAME';
  await printOut(
    context,
    [
      heading,
      '',
      ...loaded.presets.map(formatPreset),
      `Use one with: retouch edit photo.png --preset ${name}`,
    ].join('\n'),
  );
  return exitCodes.ok;
}

function formatPreset(preset: ListedPreset): string {
  const title = `${printable(preset.name)}  (${preset.source === 'user' ? 'yours' : 'built-in'})${
    preset.description ? `  ${printable(preset.description)}` : ''
  }`;
  const options = describePresetOptions(preset.options);
  return [
    title,
    `  prompt   ${printable(preset.prompt)}`,
    ...(options ? [`  options  ${options}`] : []),
    '',
  ].join('\n');
}

/** A config file may come with a cloned repository: its text must not drive the terminal. */
function printable(text: string): string {
  return sanitizeServerText(text, { singleLine: true });
}
