import type { plan as benchPlan } from './measurements/bench-plan.js';

/** How each figure was taken, printed under the table so nobody has to read the code. */
export function methodNotes(
  plan: typeof benchPlan,
  load: { before: number; after: number; cores: number },
  emulatorCpuPerEditMs: number | undefined,
): string[] {
  const notes = [
    'Every client runs in a fresh Node process of its own; retouch-emulator runs in another process on loopback, so its CPU and memory are not counted. Ours and theirs alternate run by run against the same emulator.',
    `1: ours is \`editImage()\` with a file path; theirs is \`client.images.edit({ image: fs.createReadStream(path) })\`, as the openai README recommends. The model is a gateway-style id (\`bench-image-edit\`, a custom model on our side) with size 64x64, so the answer stays tiny. Peak is the kernel's VmHWM (reset after a warm-up of three small edits) minus RSS settled after GC; ${plan.uploadMemoryRuns} runs each.`,
    `2: ${plan.overheadRuns} runs of ${plan.overheadEdits} sequential edits each (after 20 warm-up edits); the figure is the median of the runs' percentiles. Wall time includes the emulator's own work, the same for both; CPU is the client process's \`process.cpuUsage()\` only.`,
    `3: ideal = ceil(${plan.concurrencyEdits}/${plan.concurrency}) × the same client's median single-edit time at ${plan.concurrencyLatencyMs} ms latency, measured just before; ${plan.concurrencyRuns} runs each.${emulatorCpuPerEditMs === undefined ? '' : ` The emulator spent a median ${emulatorCpuPerEditMs.toFixed(1)} ms of CPU per edit on its single JavaScript thread, so a wave of ${plan.concurrency} edits holds it busy for about ${(plan.concurrency * emulatorCpuPerEditMs).toFixed(0)} ms whichever client sends them.`}`,
    `4: ${plan.queueJobs} jobs per client, one at a time, each on its own emulator whose job duration is 2 s plus an even share of one 500 ms poll period (between 2 and 2.5 s), so no poller can finish in lock-step with the job. Pickup = the client's clock when the image bytes are in hand − the emulator's completed_at for the job. Theirs: \`fal.subscribe()\` with its default polling, then fetch(images[0].url); ours: \`editImage()\` with the queue provider, which downloads the image. Requests = every API request the emulator logged for the job, the image download included. Each client runs all its jobs in one process after an uncounted warm-up job; ours polling learns the model's run time from the jobs before (the server's \`metrics.inference_time\`) and checks a job when it should be done, as it would for a user editing several images.`,
    `5: the extension is packaged with its own \`package\` script and the sizes are read from the .vsix. Activation is measured as a user gets it: a new window per run (so a new extension host) in code-server, where Retouch activates on start-up (\`onStartupFinished\`); a probe loaded as the extension-tests runner reads the host's own marks around loading the main file and calling \`activate()\` (what "Show Running Extensions" reports, whole milliseconds), then times requiring dist/edit-runtime.js as the first edit does. ${plan.activationRuns} runs. 5g also counts the host preparing the extension's context meanwhile (its storage comes from the window, over the connection to the browser), which no extension controls.`,
    `6: one client (\`editImage()\`, openai-compatible provider) against a server in the runner process that answers every edit from memory with one ~8 MiB PNG (noise, stored uncompressed): as a JSON images response, or as server-sent events (\`partialImages: 1\`) with only the completed event, or with a same-size partial first (twice the bytes). ${plan.streamRuns} runs of ${plan.streamEdits} sequential edits per way, alternating; wall and the client process's CPU per edit.`,
    photoEditsNote(plan),
  ];
  if (Math.max(load.before, load.after) > load.cores) {
    notes.push(
      `The machine was busy while this ran (1-minute load average ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after, on ${load.cores} cores): timings are noisier than on an idle machine.`,
    );
  }
  return notes;
}

/** How measurements 8 and 9 (real photos over a slow uplink, issue 29) are made. */
export function photoEditsNote(plan: typeof benchPlan): string {
  return `8–9: one gpt-image-2 edit (size 1024x1536 asked by both) of a photo, through a proxy in bench/ that lets clients upload 20 Mbit/s (answers come back unthrottled) in front of the emulator; ${plan.photoRuns} runs each, alternating, each in a fresh process after one small warm-up edit. Ours: \`editImage()\` with the openai-compatible provider's built-in gpt-image-2 and a file path, which prepares the photo (EXIF orientation applied, shrunk to 3840, JPEG q85) before sending; theirs: \`client.images.edit({ image: fs.createReadStream(path) })\`. Bytes sent = everything the client wrote through the proxy for the edit, warm-up excluded. The 24 MP JPEG is made by bench/src/photo-images.ts (smooth structure plus sensor grain, quality 92, as a camera writes it); the HEIC is bench/fixtures/photo-12mp.heic (made with libheif's heif-enc and x265, quality 50). 8e–f and 9e–f time the preparation alone, in a fresh process, the codec's loading included.`;
}
