import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * The rules a result URL from a provider must pass, by name (named in the refusal):
 * - `https-only`: over https, unless it is on one of the endpoint's own origins;
 * - `private-network`: never on a loopback, private, link-local, unique-local (or any other
 *   non-public) address, unless it is on one of the endpoint's own origins.
 */
export type ResultUrlRule = 'https-only' | 'private-network';

export interface ResultUrlRefusal {
  rule: ResultUrlRule;
  /** Plain words: why the URL is refused. */
  reason: string;
}

/** Every address a host name resolves to (an IP literal resolves to itself). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

const resolveWithDns: ResolveHost = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
};

/**
 * Whether a provider's answer may make us fetch `url`. `endpointOrigins` are the origins the user
 * configured (the endpoint, and any they trust): a result there is fetched whatever its scheme or
 * address, because the user chose to talk to it. Anything else must be https on a public
 * address, judged by every address its name resolves to (so a public-looking name that points at
 * 127.0.0.1 is caught). A name that does not resolve is let through: the request then fails to
 * connect, or goes through the user's proxy, which does its own resolving.
 */
export async function checkResultUrl(
  url: URL,
  endpointOrigins: readonly string[],
  resolve: ResolveHost = resolveWithDns,
): Promise<ResultUrlRefusal | undefined> {
  if (endpointOrigins.some((origin) => originOf(origin) === url.origin)) return undefined;
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(hostname)
    ? [hostname]
    : await resolve(hostname).catch(() => [] as string[]);
  for (const address of addresses) {
    const kind = addressKind(address);
    if (kind !== undefined) {
      const shown = address === hostname ? address : `${hostname} (${address})`;
      return {
        rule: 'private-network',
        reason: `it is on ${kind} ${shown}, and an answer may not make Retouch call your local network; only the endpoint's own origin may be there`,
      };
    }
  }
  if (url.protocol !== 'https:') {
    return {
      rule: 'https-only',
      reason: `it is not https, and only the endpoint's own origin may be fetched over ${url.protocol.replace(':', '')}`,
    };
  }
  return undefined;
}

const kindNames: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private-network address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  deprecatedSiteLocal: 'a site-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  unspecified: 'an unspecified address',
};

/** What kind of non-public address `address` is (IPv4-mapped IPv6 judged as its IPv4), or undefined for a public one. */
export function addressKind(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // `process` turns ::ffff:127.0.0.1 into 127.0.0.1, so a mapped address is judged as IPv4.
    parsed = ipaddr.process(address.replace(/%.*$/, ''));
  } catch {
    return 'an address that cannot be read';
  }
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  // Anything else (multicast, reserved, NAT64 and 6to4 forms that embed an IPv4 address…) is no
  // place for a result either.
  return kindNames[range] ?? `a non-public address (${range})`;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
