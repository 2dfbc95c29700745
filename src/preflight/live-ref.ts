import type { LiveObject } from '../model.js';
import type { LiveRef } from './types.js';

/** The live object as findings show it: id, name and the kind's attributes. */
export function liveRef(live: LiveObject): LiveRef {
  return { ...live.attributes, id: live.id, name: live.name };
}
