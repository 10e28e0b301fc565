import { describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { NetworkGuard, addressAllowed, classifyAddress, parseAllowList } from '../../src/fetch/guard.js';

describe('classifyAddress', () => {
  // [address, expected range, public?]
  const table: Array<[string, string, boolean]> = [
    // IPv4
    ['8.8.8.8', 'unicast', true],
    ['93.184.216.34', 'unicast', true],
    ['127.0.0.1', 'loopback', false],
    ['127.0.0.2', 'loopback', false],
    ['10.1.2.3', 'private', false],
    ['172.16.0.1', 'private', false],
    ['172.31.255.255', 'private', false],
    ['192.168.1.1', 'private', false],
    ['169.254.169.254', 'linkLocal', false], // cloud metadata endpoint
    ['100.64.0.1', 'carrierGradeNat', false],
    ['0.0.0.0', 'unspecified', false],
    ['0.1.2.3', 'unspecified', false],
    ['255.255.255.255', 'broadcast', false],
    ['224.0.0.1', 'multicast', false],
    ['239.255.255.250', 'multicast', false],
    ['240.0.0.1', 'reserved', false],
    ['192.0.2.1', 'reserved', false],
    ['198.18.0.1', 'reserved', false],
    // IPv4 spellings ipaddr.js reads like Node's URL does
    ['0x7f.1', 'loopback', false],
    ['2130706433', 'loopback', false],
    // IPv6
    ['2606:4700::1111', 'unicast', true],
    ['::1', 'loopback', false],
    ['[::1]', 'loopback', false],
    ['::', 'unspecified', false],
    ['fe80::1', 'linkLocal', false],
    ['fc00::1', 'uniqueLocal', false],
    ['fd12:3456::1', 'uniqueLocal', false],
    ['ff02::1', 'multicast', false],
    ['fec0::1', 'deprecatedSiteLocal', false],
    ['2001:db8::1', 'reserved', false],
    ['2001::1', 'teredo', false],
    // IPv6 forms carrying an IPv4 address are judged by that address
    ['::ffff:127.0.0.1', 'loopback', false],
    ['::ffff:7f00:1', 'loopback', false],
    ['::ffff:10.0.0.1', 'private', false],
    ['::ffff:169.254.169.254', 'linkLocal', false],
    ['::ffff:8.8.8.8', 'unicast', true],
    ['::7f00:1', 'loopback', false], // IPv4-compatible (deprecated)
    ['::ffff:0:7f00:1', 'loopback', false], // IPv4-translated
    ['64:ff9b::7f00:1', 'loopback', false], // NAT64
    ['64:ff9b::8.8.8.8', 'unicast', true],
    ['2002:7f00:1::', 'loopback', false], // 6to4
    ['2002:c0a8:101::1', 'private', false],
  ];

  it.each(table)('%s is %s', (address, range, isPublic) => {
    const cls = classifyAddress(address);
    expect(cls.range).toBe(range);
    expect(cls.public).toBe(isPublic);
  });

  it('labels embedded forms so the operator sees why', () => {
    expect(classifyAddress('::ffff:127.0.0.1').label).toBe('loopback, IPv4-mapped');
    expect(classifyAddress('100.64.0.1').label).toBe('carrier-grade NAT');
    expect(classifyAddress('fd00::1').label).toBe('unique-local');
  });

  it('throws for something that is not an address', () => {
    expect(() => classifyAddress('example.com')).toThrow(TypeError);
  });
});

describe('allow list', () => {
  it('parses addresses, CIDR ranges and host names', () => {
    const list = parseAllowList(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', '[::1]', 'Intranet.Example.', '[fe80::]/10']);
    expect([...list.hosts]).toEqual(['intranet.example']);
    expect(list.ranges.map(([ip, bits]) => `${ip.toString()}/${bits}`)).toEqual([
      '127.0.0.1/32',
      '10.0.0.0/8',
      'fd00::/8',
      '::1/128',
      'fe80::/10',
    ]);
  });

  it('rejects a malformed CIDR with its position', () => {
    expect(() => parseAllowList(['127.0.0.1', '10.0.0.0/33'])).toThrow(/allowPrivate\[1\].*10\.0\.0\.0\/33/);
    try {
      parseAllowList(['nonsense/8']);
    } catch (err) {
      expect((err as WireError).kind).toBe('config');
    }
  });

  const list = parseAllowList(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
  const cases: Array<[string, boolean]> = [
    ['127.0.0.1', true],
    ['127.0.0.2', false],
    ['::ffff:127.0.0.1', true], // an IPv4 rule covers its mapped form
    ['::ffff:7f00:1', true],
    ['::1', false],
    ['10.200.3.4', true],
    ['11.0.0.1', false],
    ['fd00::5', true],
    ['fc00::5', false],
    ['not-an-ip', false],
  ];
  it.each(cases)('%s allowed: %s', (address, allowed) => {
    expect(addressAllowed(list, address)).toBe(allowed);
  });
});

describe('NetworkGuard.check', () => {
  const guard = new NetworkGuard(['127.0.0.1', 'intranet.test']);

  it('passes public addresses and allowed ones', () => {
    expect(guard.check('example.com', '93.184.216.34')).toBeNull();
    expect(guard.check('127.0.0.1', '127.0.0.1')).toBeNull();
    expect(guard.check('localhost', '127.0.0.1')).toBeNull();
    expect(guard.check('intranet.test', '10.9.9.9')).toBeNull();
    expect(guard.check('INTRANET.TEST', '10.9.9.9')).toBeNull();
  });

  it('refuses with a message naming the address, its class and the setting', () => {
    const literal = guard.check('127.0.0.2', '127.0.0.2');
    expect(literal).toBeInstanceOf(WireError);
    expect(literal?.kind).toBe('guard');
    expect(literal?.message).toBe('refused to connect to 127.0.0.2 (loopback): not in network.allowPrivate');
    expect(guard.check('::1', '::1')?.message).toBe(
      'refused to connect to ::1 (loopback): not in network.allowPrivate',
    );
    expect(guard.check('metadata.evil', '169.254.169.254')?.message).toBe(
      'refused to connect to metadata.evil at 169.254.169.254 (link-local): not in network.allowPrivate',
    );
  });

  it('refuses the mapped and compat forms of a loopback other than the allowed one', () => {
    expect(guard.check('x', '::ffff:127.0.0.2')?.kind).toBe('guard');
    expect(guard.check('x', '::ffff:7f00:2')?.kind).toBe('guard');
    expect(guard.check('x', '::7f00:2')?.kind).toBe('guard');
  });

  it('an empty allow list refuses all of loopback', () => {
    const strict = new NetworkGuard([]);
    expect(strict.check('127.0.0.1', '127.0.0.1')?.kind).toBe('guard');
    expect(strict.check('localhost', '::1')?.kind).toBe('guard');
  });
});
