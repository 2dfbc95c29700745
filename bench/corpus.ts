import { createRandom } from '../src/emulator/faults.js';

/**
 * A deterministic generator of real-world-shaped Terraform files for the
 * differential test and the benchmark: modules, for_each, count, dynamic
 * blocks, heredocs with directives, nested for-expressions, splats, provider
 * functions, unicode, all three comment styles, CRLF, .tf.json.
 */
const words = [
  'sales',
  'support',
  'Zürich',
  'billing',
  'Tier 2',
  'emea',
  'apac',
  'ops',
  'Vertrieb Österreich',
  '東京',
  'quality',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function division(random: () => number, i: number): string {
  const name = pick(random, words);
  const variants = [
    `resource "genesyscloud_auth_division" "d${i}" {\n  name        = "${name} ${i}"\n  description = "Division for ${name} \${var.suffix}" # trailing\n}\n`,
    `resource "genesyscloud_auth_division" "team${i}" {\n  for_each = { for k, v in var.teams : lower(k) => v if v != "" }\n\n  name        = "\${upper(each.key)} ${i}"\n  description = each.value\n}\n`,
    `resource "genesyscloud_auth_division" "c${i}" {\n  count = 3\n  name  = format("%s-%02d", "${name}", count.index)\n  // a comment\n}\n`,
    `/* block\n   comment */\nresource "genesyscloud_auth_division" "h${i}" {\n  name = "${name}-heredoc-${i}"\n  description = <<-EOT\n    Line one \${local.prefix}\n    %{ if var.enabled }enabled%{ else }disabled%{ endif }\n      %{~ for t in var.tags ~}\n      tag: \${t}\n      %{~ endfor ~}\n    EOT\n}\n`,
  ];
  return pick(random, variants);
}

function other(random: () => number, i: number): string {
  const variants = [
    `locals {\n  prefix = "p-${i}"\n  nested = [for x in [1, 2, 3] : { id = x, tags = [for t in ["a", "b"] : "\${t}-\${x}"] }]\n  lit    = "dollar $\${not_interp} and %%{not_directive} ${pick(random, words)}"\n  num    = 1e3\n  neg    = -12.5\n  cond   = var.enabled ? "yes" : "no"\n  splat  = aws_instance.web[*].id\n  arn    = provider::aws::arn_parse("arn:aws:iam::123:role/x")\n}\n`,
    `variable "teams_${i}" {\n  type = map(string)\n  default = {\n    "Sales" = "sales"\n    Support = "support"\n  }\n}\n`,
    `module "unit_${i}" {\n  source   = "./modules/unit"\n  for_each = toset(["a", "b"])\n  name     = each.key\n}\n`,
    `resource "aws_security_group" "sg${i}" {\n  name = "sg-${i}"\n  dynamic "ingress" {\n    for_each = var.ports\n    content {\n      from_port = ingress.value\n      to_port   = ingress.value\n    }\n  }\n  tags = {\n    Name = "sg-${i}"\n    "quoted key" = true\n  }\n}\n`,
    `output "o${i}" {\n  value = { for k, v in local.nested : k => v.id... }\n}\n`,
    `import {\n  to = genesyscloud_auth_division.d${i}\n  id = "00000000-0000-4000-8000-${String(i).padStart(12, '0')}"\n}\n`,
  ];
  return pick(random, variants);
}

/** One generated `.tf` file of roughly `bytes` characters. */
export function generateTfFile(seed: number, bytes = 10_000): string {
  const random = createRandom(seed);
  let text = '';
  for (let i = 0; text.length < bytes; i++)
    text += `${random() < 0.5 ? division(random, seed * 1000 + i) : other(random, seed * 1000 + i)}\n`;
  return random() < 0.1 ? text.replaceAll('\n', '\r\n') : text;
}

/** One generated `.tf.json` file. */
export function generateTfJsonFile(seed: number): string {
  const random = createRandom(seed);
  const resource: Record<string, Record<string, unknown>> = { genesyscloud_auth_division: {} };
  for (let i = 0; i < 20; i++) {
    (resource.genesyscloud_auth_division as Record<string, unknown>)[`j${seed}_${i}`] = {
      '//': 'generated',
      name: `${pick(random, words)} json ${i}`,
      description: 'from ${var.x} json',
    };
  }
  return `${JSON.stringify({ resource, variable: { x: { default: 'v' } } }, null, 2)}\n`;
}
