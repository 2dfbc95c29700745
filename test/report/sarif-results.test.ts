import { describe, expect, it } from 'vitest';
import { renderSarif } from '../../src/report/index.js';
import { bareUnknown, createResult, fullConflict, safeCreate } from './sample-findings.js';

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation?: unknown; logicalLocations: unknown[] }[];
  properties?: unknown;
}

function resultsOf(text: string): SarifResult[] {
  return (JSON.parse(text) as { runs: { results: SarifResult[] }[] }).runs[0]?.results ?? [];
}

describe('renderSarif results', () => {
  it('leaves ok findings out', () => {
    const results = resultsOf(
      renderSarif(createResult([fullConflict, safeCreate, bareUnknown]), { version: '1.0.0' }),
    );
    expect(results.map((r) => r.ruleId)).toEqual(['conflict', 'unknown']);
  });

  it('gives a file location and live properties only when the finding has them', () => {
    const [full, bare] = resultsOf(
      renderSarif(createResult([fullConflict, bareUnknown]), { version: '1.0.0' }),
    );
    expect(full?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'main.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3 },
    });
    expect(full?.properties).toEqual({ liveId: 'id-1', liveName: 'Sales' });
    expect(bare?.locations).toEqual([
      {
        logicalLocations: [
          { fullyQualifiedName: 'genesyscloud_auth_division.later', kind: 'resource' },
        ],
      },
    ]);
    expect(bare).not.toHaveProperty('properties');
  });
});
