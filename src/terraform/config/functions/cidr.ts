import { asInteger, asString, fail, type Fn } from './support.js';

interface Network {
  /** The address with host bits cleared. */
  readonly ip: bigint;
  readonly bits: 32 | 128;
  readonly length: number;
}

/** IPv4 as Terraform's ipaddr reads it: leading zeros are decimal, not octal. */
function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
    return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  let s = text;
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4 !== null) {
    const ip = parseIpv4(v4[2] ?? '');
    if (ip === undefined) return undefined;
    s = `${v4[1] ?? ''}${(ip >> 16n).toString(16)}:${(ip & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): bigint[] | undefined => {
    if (h === '') return [];
    const out = h
      .split(':')
      .map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? BigInt(`0x${g}`) : undefined));
    return out.includes(undefined) ? undefined : (out as bigint[]);
  };
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  const all = [...head, ...Array<bigint>(8 - given).fill(0n), ...rest];
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

const mask = (length: number, bits: number): bigint =>
  ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - length)) - 1n);

function parseCidr(text: string): Network {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  const addr = m?.[1] ?? '';
  const v4 = parseIpv4(addr);
  const ip = v4 ?? parseIpv6(addr);
  const bits = v4 !== undefined ? 32 : 128;
  const length = Number(m?.[2] ?? -1);
  if (m === null || ip === undefined || length > bits) return fail(`invalid CIDR address: ${text}`);
  return { ip: ip & mask(length, bits), bits, length };
}

/** Go's net.IP String: dotted IPv4; IPv6 per RFC 5952 (IPv4-mapped as dotted). */
function formatIp(ip: bigint, bits: number): string {
  if (bits === 32 || ip >> 32n === 0xffffn) {
    const v = ip & 0xffffffffn;
    return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) =>
    Number((ip >> BigInt(112 - 16 * i)) & 0xffffn),
  );
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best === -1) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

const formatCidr = (ip: bigint, bits: number, length: number): string =>
  `${formatIp(ip, bits)}/${length}`;

function host(net: Network, num: number): bigint {
  const size = 1n << BigInt(net.bits - net.length);
  let n = BigInt(num);
  if (n < 0n) n += size;
  if (n < 0n || n >= size)
    fail(`prefix of ${net.length} does not accommodate a host numbered ${num}`);
  return net.ip + n;
}

function subnet(net: Network, newbits: number, num: number): Network {
  if (newbits < 0) fail('may not extend prefix by a negative number of bits');
  const length = net.length + newbits;
  if (length > net.bits)
    fail(`insufficient address space to extend prefix of ${net.length} by ${newbits}`);
  if (num < 0 || BigInt(num) >= 1n << BigInt(newbits))
    fail(`prefix extension of ${newbits} does not accommodate a subnet numbered ${num}`);
  return { ip: net.ip | (BigInt(num) << BigInt(net.bits - length)), bits: net.bits, length };
}

/** go-cidr's PreviousSubnet/NextSubnet walk, as cidrsubnets packs its subnets. */
function subnets(net: Network, newbits: readonly number[]): string[] {
  if (newbits.length === 0) return [];
  const top = 1n << BigInt(net.bits);
  const first = newbits[0] ?? 0;
  if (first < 1) fail('must extend prefix by at least one bit');
  let currentIp = ((((net.ip - 1n) % top) + top) % top) & mask(net.length + first, net.bits);
  let currentLength = net.length + first;
  const end = net.ip | (~mask(net.length, net.bits) & (top - 1n));
  return newbits.map((bitsArg) => {
    if (bitsArg < 1) fail('must extend prefix by at least one bit');
    const length = net.length + bitsArg;
    if (length > net.bits)
      fail(
        `would extend prefix to ${length} bits, which is too long for an ${net.bits === 32 ? 'IPv4' : 'IPv6'} address`,
      );
    const last = currentIp | (~mask(currentLength, net.bits) & (top - 1n));
    const lastOfNew = (last & mask(length, net.bits)) | (~mask(length, net.bits) & (top - 1n));
    const inc = (lastOfNew + 1n) % top;
    const next = inc & mask(length, net.bits);
    if (inc === 0n || next < net.ip || next > end)
      fail(
        `not enough remaining address space for a subnet with a prefix of ${length} bits after ${formatCidr(currentIp, net.bits, currentLength)}`,
      );
    currentIp = next;
    currentLength = length;
    return formatCidr(next, net.bits, length);
  });
}

/** IP network functions. */
export const cidrFunctions: Readonly<Record<string, Fn>> = {
  cidrhost: ([p, n]) => {
    const net = parseCidr(asString(p, 'cidrhost prefix'));
    return formatIp(host(net, asInteger(n, 'cidrhost hostnum')), net.bits);
  },
  cidrnetmask: ([p]) => {
    const net = parseCidr(asString(p, 'cidrnetmask prefix'));
    if (net.bits !== 32) fail(`IPv6 addresses cannot have a netmask: ${asString(p, 'prefix')}`);
    return formatIp(mask(net.length, 32), 32);
  },
  cidrsubnet: ([p, b, n]) => {
    const net = parseCidr(asString(p, 'cidrsubnet prefix'));
    const sub = subnet(net, asInteger(b, 'cidrsubnet newbits'), asInteger(n, 'cidrsubnet netnum'));
    return formatCidr(sub.ip, sub.bits, sub.length);
  },
  cidrsubnets: ([p, ...bits]) =>
    subnets(
      parseCidr(asString(p, 'cidrsubnets prefix')),
      bits.map((b, i) => asInteger(b, `cidrsubnets newbits ${i + 1}`)),
    ),
};
