import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseServeConfig } from '../../src/serve/config.js';
import { matchesGlob, resolveOrgName } from '../../src/serve/mapping.js';

const orgs = { prod: { region: 'us-east-1', clientIdEnv: 'P_ID', clientSecretEnv: 'P_SECRET' } };

function problemsOf(json: unknown): readonly string[] {
  try {
    parseServeConfig(json, 'serve.json');
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  return [];
}

describe('serve config', () => {
  it('applies the documented defaults', () => {
    const config = parseServeConfig({ hmacKey: { env: 'K' }, orgs }, 'serve.json');
    expect(config).toMatchObject({
      port: 8080,
      path: '/',
      unmapped: 'fail',
      listingTtlSeconds: 30,
      callbackDeadlineSeconds: 540,
      workspaces: [],
    });
  });

  it('refuses secrets in the file and reports every problem at once', () => {
    const problems = problemsOf({
      hmacKey: 'the-key-itself',
      orgs: {
        prod: { ...orgs.prod, clientSecret: 'x' },
        dev: { clientIdEnv: 'D', clientSecretEnv: 'E' },
      },
      workspaces: [{ org: 'missing', name: 'a' }, { org: 'prod' }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'hmacKey: the key itself must not be in the config; use {"env": NAME} or {"file": PATH}',
        expect.stringMatching(/^orgs\.prod: .*clientSecret/),
      ]),
    );
    expect(problems.join('\n')).not.toContain('the-key-itself');
  });

  it('checks references between rules and orgs', () => {
    const problems = problemsOf({
      hmacKey: { file: 'k' },
      orgs: { ...orgs, dev: { clientIdEnv: 'D', clientSecretEnv: 'E' } },
      workspaces: [
        { org: 'missing', name: 'a' },
        { org: 'prod' },
        { org: 'prod', name: 'a', pattern: 'a*' },
      ],
    });
    expect(problems).toEqual([
      'orgs.dev: give region or apiUrl',
      'workspaces.0.org: no org named "missing" under orgs',
      'workspaces.1: give organization, name or pattern (a rule matching every workspace must say so with "pattern": "*")',
      'workspaces.2: give name or pattern, not both',
    ]);
  });
});

describe('workspace mapping', () => {
  it.each([
    ['genesys-*', 'genesys-prod', true],
    ['genesys-*', 'genesys', false],
    ['app.?-prod', 'app.1-prod', true],
    ['app.?-prod', 'appx1-prod', false],
    ['(a)+[b]', '(a)+[b]', true],
    ['*', 'anything at all', true],
  ])('pattern %s matches %s: %s', (pattern, name, expected) => {
    expect(matchesGlob(pattern, name)).toBe(expected);
  });

  it('takes the first rule whose every criterion matches', () => {
    const rules = [
      { organization: 'acme', name: 'genesys-prod', org: 'prod' },
      { organization: 'acme', pattern: 'genesys-*', org: 'dev' },
      { pattern: '*', org: 'sandbox' },
    ];
    expect(resolveOrgName(rules, { organization: 'acme', name: 'genesys-prod' })).toBe('prod');
    expect(resolveOrgName(rules, { organization: 'acme', name: 'genesys-test' })).toBe('dev');
    expect(resolveOrgName(rules, { organization: 'other', name: 'genesys-prod' })).toBe('sandbox');
    expect(resolveOrgName(rules.slice(0, 2), { organization: 'other', name: 'x' })).toBeUndefined();
  });
});
