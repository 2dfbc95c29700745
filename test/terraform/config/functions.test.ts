import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { evaluate, type Scope } from '../../../src/terraform/config/evaluate.js';
import { createFileAccess } from '../../../src/terraform/config/functions/index.js';
import { Unknown, type Value } from '../../../src/terraform/config/values.js';
import { parseHcl } from '../../../src/terraform/hcl/parser.js';
import { createTree } from '../../helpers/example.js';

/** The files the filesystem functions read, as a Terraform working folder. */
export const fixture = {
  'main.tf': 'locals {\n  tpl = "Hi $${name}"\n}\n',
  'names.txt': 'Sales\nSupport\n',
  'teams.json': '{"teams":[{"name":"Sales"},{"name":"Support \\u00e9"}]}',
  'teams.yaml': 'teams:\n  - name: Sales\n  - name: "Support"\n  - name: yes\n',
  'teams.csv': 'name,id\nSales,1\nSupport,2\n',
  'tpl/division.tftpl': '%{ for t in tags ~}\n${team}-${t}-${n * 2}\n%{ endfor ~}\n',
  'tpl/value.tftpl': '${list}',
  'data/a.txt': 'a\n',
  'data/dd.txt': 'd\n',
  'data/c.md': 'c\n',
  'data/sub/b.txt': 'b\n',
  // A throwaway key made for this test only (rsadecrypt's input).
  'k.pem':
    '-----BEGIN RSA PRIVATE KEY-----\nMIICXQIBAAKBgQDakaDewfFyUrCNMhw/1uZ8j1gwcc62csWlUQ5XaVrAwX+H/ekz\nStuaTmGcFMMxgZQz4s9JLgNPzhaynf7XoJCgBwIzAT5D1VkKS8utyG4ZVhKot8Oz\njJvl+6BtOCjE6VWO2Fs999GtnK6Ne4wa14rhcpimYMyrOh087hkZx4UYjQIDAQAB\nAoGAI4WFao6EifrsXJYnRyzK2rWFNKJaYQZ4Hqz0sroZmLgZ3OUkMETbOdHBRVeO\nfY48os4auB71RNQOlkrdLvgWaM6o9tAxFpNXoXUu0CveNHbRYw5AOIZambeg0rMu\n+6B6PmfzsHmxzt5asCAaTaaicvRJFtEgyNQZsZwhX4U7bYECQQD12631GLE6pltC\nPgcZD/Vq8Boor7bJEfXyb8hUVmIuY13OuMRKd0A6mmoIoy+AVCiw/5yu/uBl9kAX\nQonFGzetAkEA45XEi4MfqDmTHN8GsI96D3rdmH5G3/g1u5dQpWK/Ce3eNRBtMZCK\njt35tF8npZECGCXbtbUJd60KHGWOk6kAYQJAMGqEhWHJdQ1Rp2fjqfHUmKyT2jNQ\nQaSB1K5iuwkP6Ka00ILeVPPK+D90ZiMMta7dHI4Z4vRaaHnoASyfSOulOQJBAJDT\nWNzTF40s/lIsFwy6cRlyvZtyGFYklMUIuLhWS23dIj+wcVxON+5Mkb/Xodo5mhSV\n2ugaCalPw5RoiD+tF2ECQQCBYQSj0oS121U5FHRZq/rSh53AD9EmMUI2P/Qa31fa\n5w2Mhw3HVUDgpfY1s3VCYIayqH3cJDYmlCjwNHiPnN+S\n-----END RSA PRIVATE KEY-----\n',
  'tpl/recursive.tftpl': '${templatefile("tpl/value.tftpl", { list = 1 })}',
};

/** Terraform on PATH, if any: the oracle the table was taken from. */
const terraform =
  spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0 ? 'terraform' : undefined;
if (terraform === undefined)
  console.log('notice: terraform is not on PATH; the terraform console comparison is skipped');

/** Runs a command with stdin, no network or user configuration involved. */
function run(
  command: string,
  args: string[],
  options: { cwd: string; input: string },
): Promise<{ stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: {
        PATH: process.env.PATH,
        TF_CLI_CONFIG_FILE: '/dev/null',
        CHECKPOINT_DISABLE: '1',
        HOME: options.cwd,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolvePromise({ stdout })
        : reject(new Error(`${command} exited ${code}: ${stderr}`)),
    );
    child.stdin.end(options.input);
  });
}

/**
 * Expressions and what `terraform console` (1.11) answers for them in the
 * fixture folder: the expected values are Terraform's own output.
 */
const cases: [string, unknown][] = [
  [
    'rsadecrypt("XmfSA302h/NmY9GqBKe3dpNJHoZyiccl93ZSiTzDhb1qslt+AJTDl626wUox7r3zNy4/ZU4R4FM9zNdB7a/g0ZFMbfsS+846c5PaoWwNsHCIaDrGczs9IgtkbRk1BTs2ceKYvqFzzZWvYWCiKipdo6sSST/KkLnMknsr0ZwNZmo=", file("k.pem"))',
    'Sales Team',
  ],
  ['substr("🇩🇪🇦🇹x", 1, 1)', '🇦🇹'],
  ['coalesce(null, 2, "x")', '2'],
  ['upper("straße ǆ")', 'STRAßE Ǆ'],
  ['lower("ΑΣ İ")', 'ασ i'],
  ['title("hello wORLD-foo_bar ǆx")', 'Hello WORLD-Foo_bar ǅx'],
  ['trimspace("\\u00a0\\t x \\ufeff")', 'x ﻿'],
  ['chomp("hello\\r\\n\\n")', 'hello'],
  ['indent(2, "a\\nb\\n")', 'a\n  b\n  '],
  ['strrev("e\\u0301ab🇩🇪")', '🇩🇪baé'],
  ['substr("hello", -2, 0)', 'lo'],
  ['replace("abc", "", "-")', '-a-b-c-'],
  ['replace("aaa", "/a*/", "X")', 'X'],
  ['replace("x1y22", "/(?P<d>\\\\d+)/", "<$${d}>")', 'x<1>y<22>'],
  ['replace("abc", "/b/", "$1x")', 'ac'],
  ['regex("(?i)^SALES-(\\\\d+)$", "sales-42")', ['42']],
  ['regex("(?P<team>[a-z]+)-(?P<n>\\\\d+)", "sales-42")', { n: '42', team: 'sales' }],
  ['regex("[a-z]+", "123abc456")', 'abc'],
  ['regexall("a*", "baaab")', ['', 'aaa', '']],
  [
    'regexall("(\\\\d)(x)?", "1x2")',
    [
      ['1', 'x'],
      ['2', null],
    ],
  ],
  ['regex("^\\\\s+$", " \\t\\n")', ' \t\n'],
  ['regex("\\\\Aab\\\\z", "ab")', 'ab'],
  ['regex("(?s)a.b", "a\\nb")', 'a\nb'],
  ['regex("(?m)^b$", "a\\nb\\nc")', 'b'],
  ['regex("[[:upper:]][[:digit:]]+", "xA12")', 'A12'],
  ['regex("\\\\pL+", "héllo1")', 'héllo'],
  ['regex("a{2,3}", "aaaa")', 'aaa'],
  ['regex("\\\\Q.*\\\\E", "a.*b")', '.*'],
  [
    'format("%5s|%-5s|%05d|%+d|%x|%X|%o|%b|%#x|%e|%.2f|%g|%G", "a", "b", 42, 7, 255, 255, 8, 5, 255, 1234.5, 3.14159, 0.00001, 1e21)',
    '    a|b    |00042|+7|ff|FF|10|101|0xff|1.234500e+03|3.14|1e-05|1E+21',
  ],
  ['format("%v|%v|%v|%v|%#v", "s", 12, true, [1, "a"], "q")', 's|12|true|[1,"a"]|"q"'],
  [
    'format("%q|%t|%.3s|%8.3f|%-8d|", "a\\"<b>", true, "héllowörld", -3.14159, 12)',
    '"a\\"\\u003cb\\u003e"|true|hél|  -3.142|12      |',
  ],
  ['format("%[2]s %[1]s %s", "a", "b")', 'b a b'],
  ['format("%v", 1234567)', '1.234567e+06'],
  ['formatlist("%s-%s", ["a", "b"], "x")', ['a-x', 'b-x']],
  ['formatlist("%s=%d", ["a", "b"], [1, 2])', ['a=1', 'b=2']],
  ['length("e\\u0301🇩🇪")', 2],
  ['alltrue(["true", true])', true],
  ['anytrue([])', false],
  ['chunklist([1, 2, 3, 4, 5], 2)', [[1, 2], [3, 4], [5]]],
  ['coalesce(1, "b")', '1'],
  ['coalescelist([], ["x"])', ['x']],
  ['compact(["a", "", "b", null])', ['a', 'b']],
  ['index(["a", "b"], "b")', 1],
  ['matchkeys(["i-1", "i-2", "i-3"], ["us", "eu", "us"], ["us"])', ['i-1', 'i-3']],
  ['one(["x"])', 'x'],
  ['one([])', null],
  ['range(3)', [0, 1, 2]],
  ['range(1, 2, 0.25)', [1, 1.25, 1.5, 1.75]],
  ['range(5, 1)', [5, 4, 3, 2]],
  ['reverse([1, 2, 3])', [3, 2, 1]],
  ['setintersection(["a", "b", "c"], ["b", "c", "d"])', ['b', 'c']],
  [
    'setproduct(["a", "b"], ["1", "2"])',
    [
      ['a', '1'],
      ['a', '2'],
      ['b', '1'],
      ['b', '2'],
    ],
  ],
  ['setsubtract(["a", "b", "c"], ["a"])', ['b', 'c']],
  ['setunion(["b"], ["a", "b"], ["c"])', ['a', 'b', 'c']],
  ['slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']],
  ['sort(["b", "a", "10", "9"])', ['10', '9', 'a', 'b']],
  ['sum([1, 2.5, "3"])', 6.5],
  ['transpose({ a = ["1", "2"], b = ["2", "3"] })', { '1': ['a'], '2': ['a', 'b'], '3': ['b'] }],
  ['toset([1, "a", true])', ['1', 'a', 'true']],
  ['tolist(["a", 1])', ['a', '1']],
  ['tomap({ a = 1, b = "x" })', { a: '1', b: 'x' }],
  ['tostring(100000000000000000000000)', '100000000000000000000000'],
  ['abs(-3.5)', 3.5],
  ['ceil(1.2)', 2],
  ['floor(-1.2)', -2],
  ['log(16, 2)', 4],
  ['max(1, 5, 3)', 5],
  ['min(2, -1)', -1],
  ['parseint("ff", 16)', 255],
  ['parseint("-1010", 2)', -10],
  ['parseint("zZ", 62)', 2231],
  ['pow(2, 10)', 1024],
  ['signum(-7)', -1],
  ['base64encode("héllo")', 'aMOpbGxv'],
  ['base64decode("aMOpbGxv")', 'héllo'],
  ['urlencode("a b&c=d/é~*\'()!")', 'a+b%26c%3Dd%2F%C3%A9~%2A%27%28%29%21'],
  ['textencodebase64("Héllo", "UTF-16LE")', 'SADpAGwAbABvAA=='],
  ['textencodebase64("Héllo", "ISO-8859-1")', 'SOlsbG8='],
  ['textencodebase64("€", "windows-1252")', 'gA=='],
  ['textdecodebase64("SOlsbG8=", "ISO-8859-1")', 'Héllo'],
  [
    'jsonencode({ b = [1, "x<y>&", null, true], a = 1.5 })',
    '{"a":1.5,"b":[1,"x\\u003cy\\u003e\\u0026",null,true]}',
  ],
  ['jsondecode("{\\"a\\": [1, 2.5, \\"x\\"], \\"b\\": null}")', { a: [1, 2.5, 'x'], b: null }],
  [
    'csvdecode("name,id\\nSales,1\\n\\"Sup, port\\",\\"2\\"\\"\\"\\n")',
    [
      { id: '1', name: 'Sales' },
      { id: '2"', name: 'Sup, port' },
    ],
  ],
  [
    'yamldecode("a: yes\\nb: 012\\nc: 0x1F\\nd: 2001-12-14\\ne: ~\\nf: \'1\'\\ng: 1_000\\nh: [on, Off]\\ni: .5\\nj: 1e3\\n")',
    {
      a: true,
      b: 12,
      c: 31,
      d: '2001-12-14T00:00:00Z',
      e: null,
      f: '1',
      g: '1_000',
      h: [true, false],
      i: 0.5,
      j: 1000,
    },
  ],
  [
    'yamldecode("base: &b {x: 1, y: 2}\\nchild:\\n  <<: *b\\n  y: 3\\nlist:\\n  - *b\\n")',
    { base: { true: 2, x: 1 }, child: { true: 3, x: 1 }, list: [{ true: 2, x: 1 }] },
  ],
  ['yamldecode("\'yes\': 1\\n2: two\\ntrue: t\\n")', { '2': 'two', true: 't', yes: 1 }],
  [
    'yamldecode("t: 2001-12-14t21:59:43.10-05:00\\ns: 2001-12-14 21:59:43.10\\nn: !!str 12\\nf: !!float 1\\n")',
    { f: 1, false: '12', s: '2001-12-14T21:59:43Z', t: '2001-12-14T21:59:43-05:00' },
  ],
  [
    'yamlencode({ b = ["x", 1, true, null], a = { c = "d" }, e = [], f = {} })',
    '"a":\n  "c": "d"\n"b":\n- "x"\n- 1\n- true\n- null\n"e": []\n"f": {}\n',
  ],
  ['yamlencode([{ a = 1, b = [2] }, ["x"]])', '- "a": 1\n  "b":\n  - 2\n- - "x"\n'],
  ['md5("hello")', '5d41402abc4b2a76b9719d911017c592'],
  ['sha1("hello")', 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'],
  ['sha256("hello")', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
  [
    'sha512("hello")',
    '9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043',
  ],
  ['base64sha256("hello")', 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ='],
  [
    'base64sha512("hello")',
    'm3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==',
  ],
  ['uuidv5("dns", "example.com")', 'cfbff0d1-9375-5685-968c-48ce8b15ae17'],
  [
    'uuidv5("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "https://x")',
    '48d34be5-10a3-5c30-96ef-9cf9a60110f2',
  ],
  ['cidrhost("10.12.112.0/20", 16)', '10.12.112.16'],
  ['cidrhost("10.12.112.0/20", -1)', '10.12.127.255'],
  ['cidrhost("fd00:fd12:3456:7890::/56", 16)', 'fd00:fd12:3456:7800::10'],
  ['cidrnetmask("172.16.0.0/12")', '255.240.0.0'],
  ['cidrsubnet("172.16.0.0/12", 4, 2)', '172.18.0.0/16'],
  ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72'],
  [
    'cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)',
    ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20'],
  ],
  [
    'cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)',
    [
      'fd00:fd12:3456:7800::/72',
      'fd00:fd12:3456:7800:100::/72',
      'fd00:fd12:3456:7800:200::/72',
      'fd00:fd12:3456:7800:300::/88',
    ],
  ],
  ['formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")', '02 Jan 2018 23:12 UTC'],
  [
    'formatdate("EEEE, MMMM D, YYYY H:m:s aa \'o\'\'clock\' ZZZZZ Z ZZZZ", "2018-01-02T08:02:01-08:00")',
    "Tuesday, January 2, 2018 8:2:1 am o'clock -08:00 -08:00 -0800",
  ],
  ['formatdate("\'\'YY M", "2018-01-02T08:02:01+05:30")', "'18 1"],
  ['timeadd("2017-11-22T00:00:00Z", "10m")', '2017-11-22T00:10:00Z'],
  ['timeadd("2017-11-22T23:59:59.5+01:00", "1h30m0.5s")', '2017-11-23T01:30:00+01:00'],
  ['timeadd("2017-11-22T00:00:00Z", "-1.5h")', '2017-11-21T22:30:00Z'],
  ['timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00+01:00")', 0],
  ['timecmp("2017-11-22T00:00:01Z", "2017-11-22T00:00:00Z")', 1],
  ['basename("/a/b/c.txt")', 'c.txt'],
  ['basename("a/b/")', 'b'],
  ['dirname("a/b/c.txt")', 'a/b'],
  ['dirname("c.txt")', '.'],
  ['dirname("/c.txt")', '/'],
  ['pathexpand("/x/~")', '/x/~'],
  ['try(tonumber("x"), "fallback")', 'fallback'],
  ['try({ a = 1 }.b, "nob")', 'nob'],
  ['can(regex("^[a-z]+$", "abc"))', true],
  ['can(regex("^[a-z]+$", "123"))', false],
  ['file("names.txt")', 'Sales\nSupport\n'],
  ['split("\\n", chomp(file("names.txt")))', ['Sales', 'Support']],
  ['jsondecode(file("teams.json")).teams[1].name', 'Support é'],
  ['[for t in yamldecode(file("teams.yaml")).teams : t.name]', ['Sales', 'Support', true]],
  ['[for r in csvdecode(file("teams.csv")) : "${r.name}#${r.id}"]', ['Sales#1', 'Support#2']],
  ['fileset(path.module, "data/**/*.txt")', ['data/a.txt', 'data/dd.txt', 'data/sub/b.txt']],
  ['fileset("data", "*.{txt,md}")', ['a.txt', 'c.md', 'dd.txt']],
  ['fileset(".", "data/?.txt")', ['data/a.txt']],
  ['fileexists("names.txt")', true],
  ['fileexists("nope.txt")', false],
  ['filebase64("names.txt")', 'U2FsZXMKU3VwcG9ydAo='],
  ['filemd5("names.txt")', '85abf29c6de87e6a0a3e400dbd58c2ed'],
  ['filesha256("names.txt")', '1486449659ba63f4790f9d9eb5d47a9454b865860313f05081eb31f53fb2f788'],
  [
    'filebase64sha512("names.txt")',
    'tn8HkcxxsfUJb/bGxqA7zALSHFJYv7MIf61Te6o0qJ28j5gY/QLXMzp6k01oyZt76Wz6+Qob9VB+EtFmepSHjQ==',
  ],
  [
    'templatefile("tpl/division.tftpl", { team = "Sales", n = 3, tags = ["a", "b"] })',
    'Sales-a-6\nSales-b-6\n',
  ],
  ['templatefile("tpl/value.tftpl", { list = ["x"] })', ['x']],
  ['templatestring(local.tpl, { name = "there" })', 'Hi there'],
  ['regexall("\\\\bfoo\\\\b", "foo foobar foo")', ['foo', 'foo']],
  ['regex("[^a-z]+", "abc123def")', '123'],
  ['regex("(?U)a+", "aaa")', 'a'],
  ['regex("\\\\x{41}\\\\x42\\\\101", "ABA")', 'ABA'],
  ['regex("[\\\\d-]+", "12-3")', '12-3'],
  ['regex("a|bc", "xbc")', 'bc'],
  ['regex("(?i)STRASSE", "strasse")', 'strasse'],
  ['regex("[[:alpha:][:digit:]]+", "ab12!")', 'ab12'],
  ['regex("\\\\p{Greek}+", "abγδε")', 'γδε'],
  ['regex("\\\\PL+", "ab12")', '12'],
  ['regex("^$", "")', ''],
  ['regexall("(?m)^\\\\w+$", "a\\nbb\\nccc")', ['a', 'bb', 'ccc']],
  ['regex("(?s:.)", "\\n")', '\n'],
  ['regex("a.c", "a\\rc")', 'a\rc'],
  ['regex("[\\\\s]+", "\\u00a0 \\t")', ' \t'],
  ['regex("\\\\S+", "\\u00a0x")', ' x'],
  ['regex("a{,2}", "a{,2}")', 'a{,2}'],
  ['regex("x*?y", "xxy")', 'xxy'],
  ['replace("tEsT", "/(?i)t/", "_")', '_Es_'],
  ['replace("abc", "/(?P<first>a)/", "[$first]")', '[a]bc'],
  ['replace("abc", "/(a)/", "$1_")', 'bc'],
  ['regexall("", "ab")', ['', '', '']],
  ['regexall("é", "ée\\u0301")', ['é', 'é']],
  ['regex("[é]", "é")', 'é'],
  [
    'format("%.0f|%5.1e|%+.3g|% d|%#o|%#b|%08.3f|%-08d|%x", 2.5, 12345.678, 1.0, 5, 8, 5, -3.14159, 3, -255)',
    '2|1.2e+04|+1| 5|010|0b101|-003.142|3       |-ff',
  ],
  [
    'format("%g|%g|%g|%g", 100000, 1000000, 0.0001, 123456789)',
    '100000|1e+06|0.0001|1.23456789e+08',
  ],
  ['format("%.3g|%.10g|%e", 1234.5, 1.5, 0)', '1.23e+03|1.5|0.000000e+00'],
  [
    'format("%s", 1e300)',
    '1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
  ],
  ['jsonencode(1e-7)', '0.0000001'],
  ['jsonencode("\\u2028 é \\t")', '"\\u2028 é \\t"'],
  ['upper("ﬁ ŉ ǆ")', 'ﬁ ŉ Ǆ'],
  [
    'yamldecode("x: 0o17\\ny: +12\\nz: -0x1F\\nw: 1.\\nv: 0755\\nu: 1e\\nt: Yes\\ns: \'on\'\\n")',
    { s: 'on', t: true, true: 12, u: '1e', v: 755, w: 1, x: 15, z: '-0x1F' },
  ],
  [
    'yamldecode("a: |\\n  line1\\n  line2\\nb: >\\n  folded\\n  text\\n")',
    { a: 'line1\nline2\n', b: 'folded text\n' },
  ],
  ['yamldecode("- !!binary aGk=\\n- !!int \'7\'\\n- !!bool yes\\n")', ['aGk=', '7', true]],
  ['yamldecode("a:\\n  - x\\n  -\\n  - ~\\n")', { a: ['x', null, null] }],
  ['yamldecode("{a: 1, b: [x, y]}")', { a: 1, b: ['x', true] }],
  ['yamldecode("12")', 12],
  ['yamlencode("x")', '"x"\n'],
  ['yamlencode(["a"])', '- "a"\n'],
  ['yamlencode({})', '{}\n'],
  ['yamlencode("tab\\there \\"q\\" é")', '"tab\\there \\"q\\" é"\n'],
  ['csvdecode("a,b\\r\\n1,2\\r\\n")', [{ a: '1', b: '2' }]],
  ['csvdecode("a\\n\\n1\\n")', [{ a: '1' }]],
  ['csvdecode("a,b\\n\\"x\\ny\\",2\\n")', [{ a: 'x\ny', b: '2' }]],
  ['jsondecode("[1.0, 10000000000000000000000]")', [1, 10000000000000000000000]],
  ['cidrsubnets("10.0.0.0/8", 8, 4)', ['10.0.0.0/16', '10.16.0.0/12']],
  ['cidrsubnets("10.0.0.0/8")', []],
  ['cidrhost("10.0.0.0/8", 16777215)', '10.255.255.255'],
  ['cidrsubnet("2001:db8::/32", 16, 65535)', '2001:db8:ffff::/48'],
  ['cidrhost("2001:db8::/120", 255)', '2001:db8::ff'],
  ['formatdate("h:mm AA", "2020-06-15T00:05:00Z")', '0:05 AM'],
  ['formatdate("HH \'at\' hh", "2020-06-15T12:00:00+00:00")', '12 at 12'],
  ['timeadd("2020-02-28T23:00:00-03:30", "2h")', '2020-02-29T01:00:00-03:30'],
  ['timeadd("2020-01-01T00:00:00Z", "1h1m1s1ms1us1ns")', '2020-01-01T01:01:01Z'],
  ['urlencode("~-_.")', '~-_.'],
  ['base64encode("")', ''],
  ['parseint("1f", 16)', 31],
  ['log(100, 10)', 2],
  ['pow(2, 0.5)', 1.4142135623730951],
  ['sum([0.1, 0.2])', 0.3],
  ['abs(-0)', 0],
  ['signum(0)', 0],
  ['ceil(-0.5)', 0],
  ['distinct([1, "1"])', ['1']],
  ['toset([2, 10, 1])', [1, 2, 10]],
  ['sort(["b", "B", "a", "é"])', ['B', 'a', 'b', 'é']],
  ['setproduct(["a"], [])', []],
  ['transpose({})', {}],
  ['chunklist([], 3)', []],
  ['matchkeys([], [], [])', []],
  ['slice([1, 2, 3], 3, 3)', []],
  ['strrev("")', ''],
  ['indent(4, "")', ''],
  ['chomp("x\\r")', 'x'],
  ['trimspace("\\u0085x\\u2028")', 'x'],
  ['replace("", "", "x")', 'x'],
  ['basename("/")', '/'],
  ['basename("")', '.'],
  ['dirname("")', '.'],
  ['dirname("a//b///c")', 'a/b'],
  ['abspath("/a/../b/./c")', '/b/c'],
  ['fileset("data", "**")', ['a.txt', 'c.md', 'dd.txt', 'sub/b.txt']],
  ['fileset("data", "sub/*")', ['sub/b.txt']],
  ['fileset("data", "[a-c].*")', ['a.txt', 'c.md']],
  ['fileset("nope", "*")', []],
];

function evaluateIn(dir: string, expr: string): unknown {
  const attr = parseHcl(`v = ${expr}\n`, 'test.tf').body.attributes.get('v');
  if (attr === undefined) throw new Error('no attribute');
  const scope: Scope = {
    variable: (n) => new Unknown(`no var.${n}`),
    local: (n): Value => (n === 'tpl' ? 'Hi ${name}' : new Unknown(`no local.${n}`)),
    modulePath: '.',
    files: createFileAccess(dir),
  };
  const value = evaluate(attr.expr, scope);
  return value instanceof Unknown ? { unknown: value.reason } : value;
}

describe('Terraform built-in functions', () => {
  it.each(cases)('%s', async (expr, expected) => {
    const dir = await createTree(fixture);
    expect(evaluateIn(dir, expr)).toEqual(expected);
  });

  it.skipIf(terraform === undefined)(
    'agrees with terraform console on every case (skipped without terraform)',
    async () => {
      const dir = await createTree(fixture);
      const items = cases.map(([expr], i) => `"${i}" = try(jsonencode(${expr}), "!error")`);
      const { stdout } = await run(terraform ?? 'terraform', ['console'], {
        cwd: dir,
        input: `jsonencode({${items.join(', ')}})\n`,
      });
      const answers = JSON.parse(JSON.parse(stdout) as string) as Record<string, string>;
      cases.forEach(([expr], i) => {
        expect([expr, JSON.parse(answers[String(i)] ?? 'null')]).toEqual([
          expr,
          evaluateIn(dir, expr),
        ]);
      });
    },
    60_000,
  );
});

/**
 * Calls Terraform rejects at plan time (every one makes `can()` false in
 * terraform console): each is unknown with the function's name and why.
 */
const rejected: [string, string][] = [
  ['regex("(a)\\\\1", "aa")', 'regex(): invalid regexp pattern: invalid escape sequence'],
  ['regex("a(?=b)", "ab")', 'regex(): invalid regexp pattern: invalid or unsupported Perl syntax'],
  ['regex("a(?<!b)", "ab")', 'regex(): invalid regexp pattern'],
  ['regex("x", "y")', 'regex(): pattern did not match any part of the given string'],
  ['regex("(?P<a>x)(y)", "xy")', 'cannot mix both named and unnamed capture groups'],
  ['regex("a{1001}", "a")', 'regex(): invalid regexp pattern: invalid repeat count'],
  ['regex("[a", "a")', 'regex(): invalid regexp pattern: missing closing ]'],
  ['replace("a", "/(/", "b")', 'replace(): invalid regexp pattern: missing closing )'],
  ['file("missing.txt")', 'file(): no file exists at "missing.txt"'],
  ['file("data")', 'file(): failed to read file: "data" is a directory'],
  ['element([], 0)', 'element(): cannot use element function with an empty list'],
  ['tonumber("x")', 'tonumber(): cannot convert "x" to number'],
  ['tobool("yes")', 'tobool(): cannot convert "yes" to bool'],
  ['format("%d", "x")', 'format(): the value for "%d": a number is required'],
  ['format("%d", 1.5)', 'format(): unsupported value for "%d": an integer is required'],
  [
    'format("%s %s", "a")',
    'format(): not enough arguments for "%s" at 3: need index 2 but have 1 total',
  ],
  ['format("%s", "a", "b")', 'format(): too many arguments; only 1 used by format string'],
  ['format("%z", 1)', "format(): unsupported format verb 'z'"],
  ['cidrsubnet("10.0.0.0/30", 4, 0)', 'insufficient address space to extend prefix of 30 by 4'],
  [
    'cidrsubnet("10.0.0.0/16", 4, 16)',
    'prefix extension of 4 does not accommodate a subnet numbered 16',
  ],
  ['cidrhost("10.0.0.0/30", 4)', 'prefix of 30 does not accommodate a host numbered 4'],
  ['cidrnetmask("fd00::/8")', 'IPv6 addresses cannot have a netmask'],
  [
    'cidrsubnets("10.0.0.0/30", 1, 1, 1)',
    'not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31',
  ],
  ['timeadd("2017-11-22", "1h")', "missing required time introducer 'T'"],
  ['timeadd("2017-11-22T00:00:00Z", "1d")', 'timeadd(): time: invalid duration "1d"'],
  ['formatdate("YYY", "2017-11-22T00:00:00Z")', 'invalid date format verb "YYY"'],
  ['upper(["a"])', 'upper(): upper must be a string, not list'],
  ['yamldecode("a: !custom x")', 'yamldecode(): unsupported tag "!custom"'],
  ['yamldecode("a: .nan")', 'yamldecode(): floating point NaN is not supported'],
  ['yamldecode("a: 1\\n---\\nb: 2\\n")', 'yamldecode(): only a single document is allowed'],
  ['jsondecode("{")', 'jsondecode(): '],
  ['base64decode("/w==")', 'the result of decoding the provided string is not valid UTF-8'],
  ['base64decode("not base64")', 'failed to decode base64 data "not base64"'],
  ['csvdecode("a,b\\n1\\n")', 'csvdecode(): CSV parse error on line 2: wrong number of fields'],
  ['lookup({}, "k")', 'lookup(): the given object has no attribute "k"'],
  ['index(["a"], "b")', 'index(): item not found'],
  ['slice(["a"], 0, 2)', 'end index must not be greater than the length of the list'],
  ['sum([])', 'sum(): cannot sum an empty list'],
  ['range(0, 1, 0)', 'range(): more than 1024 values were generated'],
  ['zipmap(["a"], [])', 'number of keys (1) does not match number of values (0)'],
  ['one(["a", "b"])', 'must be a list, set, or tuple value with either zero or one elements'],
  ['coalesce("", null)', 'coalesce(): no non-null, non-empty-string arguments'],
  ['chunklist(["a"], -1)', 'chunklist(): the size argument must be positive'],
  ['parseint("12", 1)', 'base must be a whole number between 2 and 62 inclusive'],
  [
    'templatefile("tpl/recursive.tftpl", {})',
    'cannot recursively call templatefile from inside another template function',
  ],
  [
    'templatefile("tpl/division.tftpl", { "bad name" = 1 })',
    'invalid template variable name "bad name"',
  ],
  ['try(tonumber("x"), tobool("y"))', 'try(): no expression succeeded'],
  ['yamldecode("")', 'yamldecode(): on line 1, column 1: missing start of document'],
  ['parseint("0x1F", 16)', 'parseint(): cannot parse "0x1F" as a base 16 integer'],
  ['nosuch(1)', 'there is no function named "nosuch"'],
];

describe('calls Terraform rejects', () => {
  it.each(rejected)('%s is unknown with the reason', async (expr, reason) => {
    const dir = await createTree(fixture);
    const value = evaluateIn(dir, expr) as { unknown?: string };
    expect(value.unknown).toMatch(/^cannot be evaluated: /);
    expect(value.unknown).toContain(reason);
  });

  it.skipIf(terraform === undefined)(
    'make can() false here and in terraform console (skipped without terraform)',
    async () => {
      const dir = await createTree(fixture);
      const known = rejected.filter(([expr]) => !expr.startsWith('nosuch'));
      const { stdout } = await run(terraform ?? 'terraform', ['console'], {
        cwd: dir,
        input: `jsonencode([${known.map(([expr]) => `can(${expr})`).join(', ')}])\n`,
      });
      expect(JSON.parse(JSON.parse(stdout) as string)).toEqual(known.map(() => false));
      expect(known.map(([expr]) => evaluateIn(dir, `can(${expr})`))).toEqual(
        known.map(() => false),
      );
    },
    60_000,
  );
});

describe('what only apply knows, or gcadopt cannot reproduce', () => {
  it.each([
    ['timestamp()', 'timestamp() is the time of apply'],
    ['plantimestamp()', 'plantimestamp() is the time terraform plan runs'],
    ['uuid()', 'uuid() is random'],
    ['bcrypt("secret")', 'bcrypt() salts at random'],
    ['base64gzip("x")', "base64gzip output depends on Go's gzip encoder"],
    ['provider::time::rfc3339_parse("x")', 'is defined by a provider and runs in it during plan'],
    ['regex("(?i:a)B", "aB")', 'case-insensitivity for only part of the pattern'],
    [
      'textencodebase64("x", "Shift_JIS")',
      'the text encoding "Shift_JIS" is not one gcadopt reproduces',
    ],
    ['"x-${timestamp()}"', 'timestamp() is the time of apply'],
    ['try(uuid(), "fallback")', 'uuid() is random'],
  ])('%s is unknown: %s', async (expr, reason) => {
    const dir = await createTree(fixture);
    expect(evaluateIn(dir, expr)).toEqual({ unknown: expect.stringContaining(reason) as unknown });
  });

  it.each([
    ['length(["a", var.later])', 2],
    ['keys({ b = var.later, a = 1 })', ['a', 'b']],
    ['tolist(["a", var.later])[0]', 'a'],
    ['lookup({ a = "x", b = var.later }, "a")', 'x'],
    ['element(concat(["x"], [var.later]), 0)', 'x'],
  ])('%s is known although part of its argument is not', async (expr, expected) => {
    const dir = await createTree(fixture);
    expect(evaluateIn(dir, expr)).toEqual(expected);
  });

  it('reads no file outside a configuration folder', () => {
    const attr = parseHcl('v = file("names.txt")\n', 'test.tf').body.attributes.get('v');
    if (attr === undefined) throw new Error('no attribute');
    const scope: Scope = {
      variable: () => null,
      local: () => null,
      modulePath: '.',
    };
    expect(evaluate(attr.expr, scope)).toEqual(
      new Unknown('file functions read files only when gcadopt reads a configuration folder'),
    );
  });
});
