import type { GenesysClient } from '../genesys/client.js';
import { configureClient, type ProviderEnvironment } from './configure.js';
import { decodeObject, encodeObject, stringOf, type ObjectValue } from './cty-value.js';
import { createErrorDiagnostic, type DiagnosticMessage } from './diagnostics.js';
import { divisionResource } from './division-resource.js';
import type { ResourceType } from './resource-type.js';
import { skillResource } from './skill-resource.js';
import { providerSchema } from './schema.js';

type Message = Record<string, unknown>;
type Handler = (request: Message) => Message | Promise<Message>;

/** The resource types served, by Terraform type name. */
export const resourceTypes: readonly ResourceType[] = [divisionResource, skillResource];

interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

function readValue(value: unknown): ObjectValue | null {
  const dv = value as DynamicValue | null | undefined;
  if (dv?.msgpack !== undefined && dv.msgpack.length > 0) return decodeObject(dv.msgpack);
  if (dv?.json !== undefined && dv.json.length > 0)
    return JSON.parse(Buffer.from(dv.json).toString('utf8')) as ObjectValue | null;
  return null;
}

// Terraform rejects an object value that lacks any schema attribute or has extra ones.
function conform(type: ResourceType, value: ObjectValue | null): DynamicValue {
  if (value === null) return { msgpack: encodeObject(null) };
  const shaped: ObjectValue = {};
  for (const a of type.schema.block.attributes) shaped[a.name] = value[a.name] ?? null;
  return { msgpack: encodeObject(shaped) };
}

/**
 * The tfplugin6 Provider service: one handler per RPC, each answering with
 * diagnostics rather than a gRPC error, so Terraform shows the problem as one
 * error line on the resource it concerns.
 */
export function createProviderHandlers(where: ProviderEnvironment): Record<string, Handler> {
  let client: GenesysClient | undefined;
  const typeOf = (name: unknown): ResourceType => {
    const type = resourceTypes.find((t) => t.typeName === name);
    if (type === undefined) throw new Error(`the gcadopt provider has no resource ${String(name)}`);
    return type;
  };
  const clientOf = (): GenesysClient => {
    if (client === undefined) throw new Error('the provider was not configured');
    return client;
  };
  const none = (): Message => ({ diagnostics: [] });
  return {
    GetMetadata: () => ({
      server_capabilities: {},
      resources: resourceTypes.map((t) => ({ type_name: t.typeName })),
      diagnostics: [],
    }),
    GetProviderSchema: () => ({
      provider: providerSchema,
      resource_schemas: Object.fromEntries(resourceTypes.map((t) => [t.typeName, t.schema])),
      data_source_schemas: {},
      server_capabilities: {},
      diagnostics: [],
    }),
    ValidateProviderConfig: none,
    ValidateResourceConfig: none,
    ValidateDataResourceConfig: none,
    StopProvider: () => ({ Error: '' }),
    ConfigureProvider: (req) => {
      try {
        client = configureClient(readValue(req.config), where);
        return { diagnostics: [] };
      } catch (error) {
        return {
          diagnostics: [
            createErrorDiagnostic('Failed to configure the Genesys Cloud provider', error),
          ],
        };
      }
    },
    UpgradeResourceState: (req) => {
      const type = typeOf(req.type_name);
      const raw = (req.raw_state as { json?: Uint8Array } | undefined)?.json;
      const state =
        raw === undefined || raw.length === 0
          ? null
          : (JSON.parse(Buffer.from(raw).toString('utf8')) as ObjectValue);
      return { upgraded_state: conform(type, state), diagnostics: [] };
    },
    ReadResource: async (req) => {
      const type = typeOf(req.type_name);
      const state = readValue(req.current_state);
      if (state === null) return { new_state: conform(type, null), diagnostics: [] };
      try {
        return {
          new_state: conform(type, await type.read(clientOf(), state)),
          diagnostics: [],
          private: req.private,
        };
      } catch (error) {
        const id = stringOf(state, 'id') ?? '';
        return {
          new_state: conform(type, state),
          diagnostics: [createErrorDiagnostic(`Failed to read ${type.noun} ${id}`, error)],
        };
      }
    },
    PlanResourceChange: (req) => {
      const type = typeOf(req.type_name);
      const proposed = readValue(req.proposed_new_state);
      if (proposed === null) return { planned_state: conform(type, null), diagnostics: [] };
      const { planned, requiresReplace } = type.plan(readValue(req.prior_state), proposed);
      return {
        planned_state: conform(type, planned),
        requires_replace: requiresReplace.map((name) => ({ steps: [{ attribute_name: name }] })),
        // As the real provider (built on the legacy SDK) does: planning may keep
        // a prior "" or false where the configuration has null.
        legacy_type_system: true,
        diagnostics: [],
      };
    },
    ApplyResourceChange: async (req) => {
      const type = typeOf(req.type_name);
      const prior = readValue(req.prior_state);
      const planned = readValue(req.planned_state);
      try {
        const state = await type.apply(clientOf(), prior, planned);
        return { new_state: conform(type, state), legacy_type_system: true, diagnostics: [] };
      } catch (error) {
        const name = stringOf(planned ?? prior, 'name') ?? '';
        const verb = planned === null ? 'delete' : prior === null ? 'create' : 'update';
        const diagnostic: DiagnosticMessage = createErrorDiagnostic(
          `Failed to ${verb} ${type.noun} ${name}`,
          error,
        );
        return {
          new_state: conform(type, prior),
          legacy_type_system: true,
          diagnostics: [diagnostic],
        };
      }
    },
    ImportResourceState: (req) => {
      const type = typeOf(req.type_name);
      // Import by id only; the ReadResource that Terraform sends next fills the
      // rest, or reports "Cannot import non-existent remote object".
      return {
        imported_resources: [
          { type_name: type.typeName, state: conform(type, { id: String(req.id) }) },
        ],
        diagnostics: [],
      };
    },
  };
}
