#!/usr/bin/env node
// Checks the package as npm would publish it: the tarball carries the generated OpenAPI subset,
// and the emulator unpacked alone in an empty temporary folder (no repository above it, only its
// declared dependencies beside it) still refuses what OpenAI refuses. Runs after the build.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'retouch-emulator-packed-'));

function checkFileList() {
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: packageDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const files = pack.files.map((file) => file.path);
  for (const needed of [
    'dist/openapi/openai-subset.generated.js',
    'dist/openapi/openai-subset.generated.d.ts',
    'dist/cli.js',
  ]) {
    assert.ok(files.includes(needed), `the tarball lacks ${needed}`);
  }
  const stray = files.filter((file) => /\.test\.|\.ya?ml$|^scripts\/|^src\//.test(file));
  assert.deepEqual(stray, [], 'the tarball carries files that are not for users');
  return join(work, pack.filename);
}

/** An app folder with the tarball unpacked and only its declared dependencies beside it. */
function installOffline(tarball) {
  const app = join(work, 'app');
  const installed = join(app, 'node_modules', manifest.name);
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    const target = join(app, 'node_modules', dependency);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(realpathSync(join(packageDir, 'node_modules', dependency)), target, 'dir');
  }
  return app;
}

function startCli(app) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('RETOUCH_')),
  );
  const child = spawn(
    process.execPath,
    [join(app, 'node_modules', manifest.name, 'dist', 'cli.js'), '--port', '0'],
    { cwd: app, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    // A start that hangs fails the check instead of the run.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`the packed emulator did not start: ${output}`));
    });
  });
}

async function checkStrict(url) {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
    'base64',
  );
  const edit = (fields) => {
    const form = new FormData();
    form.append('image', new Blob([png], { type: 'image/png' }), 'in.png');
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return fetch(`${url}/v1/images/edits`, { method: 'POST', body: form });
  };
  const refused = await edit({ prompt: 'invert', colour: 'red' });
  assert.equal(refused.status, 400);
  assert.deepEqual(await refused.json(), {
    error: {
      message: "Unknown parameter: 'colour'.",
      type: 'invalid_request_error',
      param: 'colour',
      code: 'unknown_parameter',
    },
  });
  const bogus = await edit({ prompt: 'invert', quality: 'bogus' });
  assert.equal(bogus.status, 400);
  assert.equal((await bogus.json()).error.param, 'quality');
  const accepted = await edit({ prompt: 'invert' });
  assert.equal(accepted.status, 200);
}

function checkOpenApiExport(app) {
  const names = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import('${manifest.name}/openapi'); console.log(Object.keys(m.schemas).join(' '));`,
    ],
    { cwd: app, encoding: 'utf8' },
  );
  assert.match(names, /\bCreateImageEditRequest\b/);
}

let child;
try {
  const app = installOffline(checkFileList());
  checkOpenApiExport(app);
  const started = await startCli(app);
  child = started.child;
  await checkStrict(started.url);
  console.log('packed retouch-emulator: generated subset shipped; unknown fields refused with 400');
} finally {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  rmSync(work, { recursive: true, force: true });
}
