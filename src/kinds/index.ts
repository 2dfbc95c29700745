import { divisionKind } from './division.js';
import { groupKind } from './group.js';
import type { Kind } from './kind.js';
import { languageKind } from './language.js';
import { queueKind } from './queue.js';
import { roleKind } from './role.js';
import { skillKind } from './skill.js';
import { userKind } from './user.js';
import { scheduleKind } from './schedule.js';
import { scheduleGroupKind } from './schedule-group.js';
import { datatableKind } from './datatable.js';
import { skillGroupKind } from './skill-group.js';
import { wrapupcodeKind } from './wrapupcode.js';
import { flowKind } from './flow.js';
import { locationKind } from './location.js';
import { emailDomainKind } from './email-domain.js';
import { siteKind } from './site.js';
import { outboundRouteKind } from './outbound-route.js';

export type { Kind, CollisionRule } from './kind.js';
export { defineKind, type KindSpec, type AttributeRule, type BuiltInRule } from './define-kind.js';
export { divisionKind } from './division.js';
export { groupKind } from './group.js';
export { languageKind } from './language.js';
export { queueKind } from './queue.js';
export { roleKind } from './role.js';
export { skillKind } from './skill.js';
export { wrapupcodeKind } from './wrapupcode.js';
export { userKind } from './user.js';
export { scheduleKind } from './schedule.js';
export { scheduleGroupKind } from './schedule-group.js';
export { datatableKind } from './datatable.js';
export { skillGroupKind } from './skill-group.js';
export { flowKind } from './flow.js';
export { locationKind } from './location.js';
export { emailDomainKind } from './email-domain.js';
export { siteKind } from './site.js';
export { outboundRouteKind } from './outbound-route.js';

/** Every kind gcadopt understands, by Terraform type. */
export const kinds: ReadonlyMap<string, Kind> = new Map(
  [
    divisionKind,
    queueKind,
    skillKind,
    wrapupcodeKind,
    languageKind,
    groupKind,
    roleKind,
    userKind,
    scheduleKind,
    scheduleGroupKind,
    datatableKind,
    skillGroupKind,
    flowKind,
    locationKind,
    emailDomainKind,
    siteKind,
    outboundRouteKind,
  ].map((k) => [k.tfType, k]),
);

/** The kind of a Terraform type, if gcadopt knows it. */
export function kindForType(type: string): Kind | undefined {
  return kinds.get(type);
}

/** A kind by its plural (`queues`), noun (`queue`) or Terraform type, as users type it. */
export function kindByName(name: string): Kind | undefined {
  const wanted = name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  for (const kind of kinds.values()) {
    const names = [kind.plural, kind.noun, kind.tfType].map((n) =>
      n.toLowerCase().replace(/[\s_-]/g, ''),
    );
    if (names.includes(wanted)) return kind;
  }
  return undefined;
}

/** The Terraform types gcadopt reads. */
export const knownTypes: ReadonlySet<string> = new Set(kinds.keys());
