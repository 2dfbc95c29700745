import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import {
  checkJson,
  planOf,
  plannedCreate as change,
  readHcl,
  runCli as run,
  stateOf,
} from '../helpers/kind-cli.js';

const id = (n: number) => `77777777-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [aws, paris, old] = [id(1), id(2), id(3)];
const [awsDefault, parisDefault, parisIntl, awsIntl] = [id(11), id(12), id(13), id(14)];
const location = { id: '0a1b2c3d-0000-4000-8000-00000000f001' };
const siteType = 'genesyscloud_telephony_providers_edges_site';
const routeType = 'genesyscloud_telephony_providers_edges_site_outbound_route';

const route = (routeId: string, name: string, site: string) => ({
  id: routeId,
  name,
  classificationTypes: ['National'],
  distribution: 'SEQUENTIAL',
  site: { id: site },
});

/** A managed site, Paris, a deleted site; each live site has its default route, and an "Intl". */
const seed = {
  sites: [
    { id: aws, name: 'PureCloud Voice - AWS', managed: true, mediaModel: 'Cloud', state: 'active' },
    { id: paris, name: 'Paris', managed: false, mediaModel: 'Premises', location, state: 'active' },
    { id: old, name: 'Berlin', managed: false, mediaModel: 'Premises', location, state: 'deleted' },
  ],
  outboundroutes: [
    route(awsDefault, 'Default Outbound Route', aws),
    route(parisDefault, 'Default Outbound Route', paris),
    route(parisIntl, 'Intl', paris),
    route(awsIntl, 'Intl', aws),
  ],
};

const config = `
resource "${siteType}" "paris" {
  name        = "Paris"
  location_id = "${location.id}"
  media_model = "Premises"
}
resource "${siteType}" "aws" {
  name        = "PureCloud Voice - AWS"
  location_id = "${location.id}"
  media_model = "Cloud"
}
resource "${siteType}" "berlin" {
  name        = "Berlin"
  location_id = "${location.id}"
  media_model = "Premises"
}
resource "${routeType}" "intl" {
  site_id              = "${paris}"
  name                 = "Intl"
  classification_types = ["National"]
}
resource "${routeType}" "default" {
  site_id              = "${paris}"
  name                 = "Default Outbound Route"
  classification_types = ["National"]
}
resource "${routeType}" "domestic" {
  site_id              = "${paris}"
  name                 = "Domestic"
  classification_types = ["National"]
}
resource "${routeType}" "berlin_intl" {
  site_id              = ${siteType}.berlin.id
  name                 = "Intl"
  classification_types = ["National"]
}
`;

const site = (name: string, media: string) => ({
  name,
  location_id: location.id,
  media_model: media,
});
const routeAfter = (name: string, siteId?: string) => ({
  name,
  classification_types: ['National'],
  distribution: 'SEQUENTIAL',
  enabled: false,
  ...(siteId === undefined ? {} : { site_id: siteId }),
});

const plan = planOf([
  change(siteType, 'paris', site('Paris', 'Premises')),
  change(siteType, 'aws', site('PureCloud Voice - AWS', 'Cloud')),
  change(siteType, 'berlin', site('Berlin', 'Premises')),
  change(routeType, 'intl', routeAfter('Intl', paris)),
  change(routeType, 'default', routeAfter('Default Outbound Route', paris)),
  change(routeType, 'domestic', routeAfter('Domestic', paris)),
  change(routeType, 'berlin_intl', routeAfter('Intl'), { site_id: true }),
]);

describe('sites and outbound routes', () => {
  it.each(['hcl', 'plan'])(
    'from %s: taken names, the managed site, routes per site and an unknown site',
    async (mode) => {
      const emulator = await startTestEmulator({ seed });
      const dir = await createTree({ 'main.tf': config, 'plan.json': plan });
      const { code, findings } = await checkJson(dir, mode, emulatorEnv(emulator));
      expect(code).toBe(2);
      expect(findings.map((f) => [f.address, f.kind, f.fix])).toEqual([
        [
          `${siteType}.aws`,
          'built-in',
          {
            data: { type: siteType, label: 'PureCloud_Voice_-_AWS', name: 'PureCloud Voice - AWS' },
          },
        ],
        // A deleted site still listed: whether its name blocks is unverified.
        [`${siteType}.berlin`, 'deleted-name', undefined],
        [`${siteType}.paris`, 'conflict', { import: { to: `${siteType}.paris`, id: paris } }],
        [`${routeType}.berlin_intl`, 'unknown', undefined],
        [
          `${routeType}.intl`,
          'conflict',
          { import: { to: `${routeType}.intl`, id: `${paris}:${parisIntl}` } },
        ],
      ]);
      expect(findings.find((f) => f.kind === 'unknown')?.message).toContain('site_id is not known');
    },
  );

  it('matches import blocks and state by <siteId>:<routeId>', async () => {
    const emulator = await startTestEmulator({ seed });
    const state = stateOf([
      { type: routeType, name: 'gone', attributes: { id: `${paris}:${id(99)}`, site_id: paris } },
      { type: routeType, name: 'kept', attributes: { id: `${aws}:${awsIntl}`, site_id: aws } },
    ]);
    const body = (label: string, site: string, name = 'Intl') =>
      `resource "${routeType}" "${label}" {\n  site_id = "${site}"\n  name = "${name}"\n  classification_types = ["National"]\n}\n`;
    const dir = await createTree({
      'main.tf':
        body('intl', paris) +
        body('bad', paris, 'Bad') +
        body('kept', aws) +
        `import {\n  to = ${routeType}.intl\n  id = "${paris}:${parisIntl}"\n}\n` +
        `import {\n  to = ${routeType}.bad\n  id = "${paris}:${id(98)}"\n}\n`,
      'terraform.tfstate': state,
    });
    const { findings } = await checkJson(dir, 'hcl', emulatorEnv(emulator));
    expect(findings.map((f) => [f.address, f.kind])).toEqual([
      [`${routeType}.bad`, 'import-missing'],
      [`${routeType}.gone`, 'stale-state'],
    ]);
  });

  it('import writes site:route ids; generate writes data blocks, per-site labels, no import for default routes', async () => {
    const emulator = await startTestEmulator({ seed });
    const dir = await createTree({ 'main.tf': config });
    expect((await run(['import', dir], emulatorEnv(emulator))).code).toBe(2);
    const imports = (await readHcl(join(dir, 'imports.tf'))).hcl;
    expect(imports.import).toEqual([
      { to: `\${${siteType}.paris}`, id: paris },
      { to: `\${${routeType}.intl}`, id: `${paris}:${parisIntl}` },
    ]);

    const empty = await createTree({ 'main.tf': '' });
    const args = ['generate', empty, '--kinds', 'sites,outbound routes'];
    expect((await run(args, emulatorEnv(emulator))).code).toBe(0);
    const { text, hcl: generated } = await readHcl(join(empty, 'generated.tf'));
    expect(Object.keys(generated.data?.[siteType] ?? {})).toEqual(['PureCloud_Voice_-_AWS']);
    expect(Object.keys(generated.resource?.[siteType] ?? {})).toEqual(['Paris']);
    expect(Object.keys(generated.resource?.[routeType] ?? {}).sort()).toEqual([
      'Paris_Default_Outbound_Route',
      'Paris_Intl',
      'PureCloud_Voice_-_AWS_Default_Outbound_Route',
      'PureCloud_Voice_-_AWS_Intl',
    ]);
    expect(generated.import?.map((i) => i.id).sort()).toEqual(
      [paris, `${paris}:${parisIntl}`, `${aws}:${awsIntl}`].sort(),
    );
    const again = await run(args, emulatorEnv(emulator));
    expect(again.err).toContain('nothing to generate');
    expect((await readHcl(join(empty, 'generated.tf'))).text).toBe(text);
  });

  it('list shows the routes of every site', async () => {
    const emulator = await startTestEmulator({ seed });
    const result = await run(
      ['list', 'outbound routes', '--format', 'json'],
      emulatorEnv(emulator),
    );
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as { id: string; site_id: string }[];
    expect(rows.map((r) => `${r.site_id}:${r.id}`).sort()).toEqual(
      [
        `${aws}:${awsDefault}`,
        `${aws}:${awsIntl}`,
        `${paris}:${parisDefault}`,
        `${paris}:${parisIntl}`,
      ].sort(),
    );
  });
});
