import { Agent, type Dispatcher, EnvHttpProxyAgent, ProxyAgent } from 'undici';

export interface DispatcherSettings {
  proxy: string | undefined;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  connectTimeoutMs: number;
}

interface SharedDispatcher {
  dispatcher: Dispatcher;
  users: number;
}

const shared = new Map<string, SharedDispatcher>();

const proxyEnvNames = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;
const noProxyEnvNames = ['NO_PROXY', 'no_proxy'] as const;
const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];

/**
 * One keep-alive dispatcher per (proxy, timeouts) combination, shared by every client that asks
 * for the same settings so connections are reused across providers and calls. Reference-counted:
 * the last client to release it closes it.
 */
export function acquireDispatcher(settings: DispatcherSettings): {
  dispatcher: Dispatcher;
  release: () => Promise<void>;
} {
  const key = dispatcherKey(settings);
  let entry = shared.get(key);
  if (!entry) {
    entry = { dispatcher: createDispatcher(settings), users: 0 };
    shared.set(key, entry);
  }
  entry.users += 1;
  const acquired = entry;
  let released = false;
  return {
    dispatcher: acquired.dispatcher,
    release: async () => {
      if (released) return;
      released = true;
      acquired.users -= 1;
      if (acquired.users > 0) return;
      if (shared.get(key) === acquired) shared.delete(key);
      await acquired.dispatcher.close();
    },
  };
}

function createDispatcher(settings: DispatcherSettings): Dispatcher {
  const options = {
    headersTimeout: settings.headersTimeoutMs,
    bodyTimeout: settings.bodyTimeoutMs,
    connect: { timeout: settings.connectTimeoutMs },
  };
  if (settings.proxy !== undefined) return new ProxyAgent({ ...options, uri: settings.proxy });
  if (proxyEnvNames.some((name) => process.env[name])) {
    // A corporate proxy cannot reach this machine's loopback, so local servers (the emulator, a
    // gateway on localhost) always go direct, whatever NO_PROXY says.
    const noProxy = [process.env.NO_PROXY ?? process.env.no_proxy, ...loopbackHosts]
      .filter(Boolean)
      .join(',');
    return new EnvHttpProxyAgent({ ...options, noProxy });
  }
  return new Agent(options);
}

function dispatcherKey(settings: DispatcherSettings): string {
  // The environment is part of the key: a changed HTTPS_PROXY or NO_PROXY must not reuse a stale agent.
  const environment =
    settings.proxy === undefined
      ? [...proxyEnvNames, ...noProxyEnvNames].map((name) => process.env[name] ?? '')
      : [];
  return JSON.stringify([
    settings.proxy ?? null,
    settings.headersTimeoutMs,
    settings.bodyTimeoutMs,
    settings.connectTimeoutMs,
    environment,
  ]);
}
