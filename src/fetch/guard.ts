import ipaddr from 'ipaddr.js';
import { WireError } from '../errors.js';

type IP = ipaddr.IPv4 | ipaddr.IPv6;

/** What an address is, for the guard and for the refusal message an operator reads. */
export interface AddressClass {
  /** The address as given (normalised by ipaddr.js). */
  address: string;
  /** ipaddr.js range name of the address (or of the IPv4 address embedded in it). */
  range: string;
  /** Human words for the range, used in refusal messages. */
  label: string;
  /** True only for ordinary public unicast addresses. */
  public: boolean;
}

const LABELS: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  reserved: 'reserved',
  uniqueLocal: 'unique-local',
  deprecatedSiteLocal: 'site-local',
  benchmarking: 'benchmarking',
  discard: 'discard-only',
  teredo: 'Teredo',
};

function labelOf(range: string): string {
  return LABELS[range] ?? `special-purpose (${range})`;
}

/**
 * IPv6 forms that carry an IPv4 address and can end up reaching it (mapped, translated,
 * IPv4-compatible, NAT64, 6to4). Such an address is judged by the IPv4 address inside, so
 * ::ffff:127.0.0.1 or ::ffff:7f00:1 are loopback, not "some IPv6 unicast".
 */
function embeddedIPv4(ip: ipaddr.IPv6): { v4: ipaddr.IPv4; form: string } | null {
  const p = ip.parts;
  const v4At = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const range = ip.range();
  if (range === 'ipv4Mapped') return { v4: ip.toIPv4Address(), form: 'IPv4-mapped' };
  if (range === 'rfc6145') return { v4: v4At(p[6], p[7]), form: 'IPv4-translated' };
  // 64:ff9b::/96 is the well-known NAT64 prefix; on an IPv6-only network DNS64 answers with it.
  if (range === 'rfc6052' && p[1] === 0xff9b && p[2] === 0) {
    return { v4: v4At(p[6], p[7]), form: 'NAT64' };
  }
  if (range === '6to4') return { v4: v4At(p[1], p[2]), form: '6to4' };
  // ::a.b.c.d (deprecated IPv4-compatible); ipaddr.js calls it plain unicast, so check by hand.
  if (p.slice(0, 6).every((x) => x === 0) && !(p[6] === 0 && p[7] <= 1)) {
    return { v4: v4At(p[6], p[7]), form: 'IPv4-compatible' };
  }
  return null;
}

/** Classifies an IP address. Throws a TypeError when `address` is not an IP address. */
export function classifyAddress(address: string): AddressClass {
  const ip = parseIP(address);
  if (!ip) throw new TypeError(`not an IP address: ${address}`);
  const shown = ip.toString();
  if (ip.kind() === 'ipv6') {
    const inner = embeddedIPv4(ip as ipaddr.IPv6);
    if (inner) {
      const range = inner.v4.range();
      return {
        address: shown,
        range,
        label: range === 'unicast' ? inner.form : `${labelOf(range)}, ${inner.form}`,
        public: range === 'unicast',
      };
    }
  }
  // Default deny: anything ipaddr.js puts in a named special range is refused, not only the
  // well-known private ones, so a range we did not think of fails closed.
  const range = ip.range();
  return { address: shown, range, label: range === 'unicast' ? 'public' : labelOf(range), public: range === 'unicast' };
}

function parseIP(text: string): IP | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return null;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

/** network.allowPrivate, parsed: host names and address ranges that may be reached though private. */
export interface AllowList {
  hosts: Set<string>;
  ranges: Array<[IP, number]>;
}

/**
 * Parses allowPrivate entries: an IP address (exact), a CIDR range, or a host name (exact,
 * case-insensitive; every address it resolves to is then allowed). A malformed CIDR is a
 * config error rather than a silently ignored entry.
 */
export function parseAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const ranges: Array<[IP, number]> = [];
  entries.forEach((raw, i) => {
    const entry = raw.trim();
    if (entry.includes('/')) {
      try {
        const [ip, bits] = ipaddr.parseCIDR(entry.replace(/^\[(.*)\](\/\d+)$/, '$1$2'));
        ranges.push([ip, bits]);
      } catch {
        throw new WireError('config', `network.allowPrivate[${i}]: "${raw}" is not a valid CIDR range`);
      }
      return;
    }
    const ip = parseIP(entry);
    if (ip) ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    else hosts.add(normaliseHost(entry));
  });
  return { hosts, ranges };
}

function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/** True when `address` falls in one of the allowed ranges (an IPv4 rule also covers its IPv4-mapped form). */
export function addressAllowed(list: AllowList, address: string): boolean {
  const ip = parseIP(address);
  if (!ip) return false;
  const forms: IP[] = [ip];
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    forms.push((ip as ipaddr.IPv6).toIPv4Address());
  }
  return list.ranges.some(([net, bits]) => forms.some((f) => f.kind() === net.kind() && f.match(net, bits)));
}

/**
 * Decides, per (host, resolved address) pair, whether a connection may be made. Used at
 * connect time on the address actually dialled, so DNS rebinding cannot slip past a check
 * made earlier on the name.
 */
export class NetworkGuard {
  readonly allow: AllowList;

  constructor(allowPrivate: readonly string[]) {
    this.allow = parseAllowList(allowPrivate);
  }

  /** null when `host` may be reached at `address`; otherwise the refusal to throw. */
  check(host: string, address: string): WireError | null {
    if (this.allow.hosts.has(normaliseHost(host))) return null;
    let cls: AddressClass;
    try {
      cls = classifyAddress(address);
    } catch {
      return new WireError('guard', `refused to connect to ${host}: "${address}" is not an IP address`);
    }
    if (cls.public || addressAllowed(this.allow, address)) return null;
    const bareHost = host.replace(/^\[(.*)\]$/, '$1');
    const who = parseIP(bareHost) ? cls.address : `${host} at ${cls.address}`;
    return new WireError('guard', `refused to connect to ${who} (${cls.label}): not in network.allowPrivate`);
  }
}
