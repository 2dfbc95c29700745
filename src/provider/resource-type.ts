import type { GenesysClient } from '../genesys/client.js';
import type { ObjectValue } from './cty-value.js';
import type { SchemaMessage } from './schema.js';

/** What planning a change decides. */
export interface PlannedChange {
  readonly planned: ObjectValue;
  /** Attribute names whose change forces a replacement. */
  readonly requiresReplace: readonly string[];
}

/** One resource type the provider serves. */
export interface ResourceType {
  readonly typeName: string;
  /** The object's name in messages, as the real provider words them ("Failed to create skill X"). */
  readonly noun: string;
  readonly schema: SchemaMessage;
  /** Plans a create (prior null) or an update; destroys never reach it. */
  plan(prior: ObjectValue | null, proposed: ObjectValue): PlannedChange;
  /** Carries out a planned change; null `planned` deletes. Returns the new state. */
  apply(
    client: GenesysClient,
    prior: ObjectValue | null,
    planned: ObjectValue | null,
  ): Promise<ObjectValue | null>;
  /** Refreshes state from the org; null when the object is gone. */
  read(client: GenesysClient, state: ObjectValue): Promise<ObjectValue | null>;
}
