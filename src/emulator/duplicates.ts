import { familyKeys, type FamilyKey } from './families.js';

/**
 * How the emulated org answers a create or rename onto a taken name. The only
 * real duplicate body on record is a 400 `general.conflict` (users); the API's
 * 409 codes include `general.conflict` and `general.resource.conflict`
 * (genesys-kinds.md, rule 1): which one each type sends is unverified, so each
 * type's answer is a switch.
 */
export interface DuplicateAnswer {
  readonly status: 409 | 400;
  /** The Genesys error code of the body. @default 'general.conflict' (divisions at 400: 'bad.request') */
  readonly code?: string | undefined;
}

/** The object types whose duplicate answer can be switched: divisions and each family. */
export const duplicateKeys = ['divisions', ...familyKeys] as const;
export type DuplicateKey = 'divisions' | FamilyKey;

/** Duplicate answers by type; a type left out answers with the emulator-wide status. */
export type DuplicateAnswers = Readonly<Partial<Record<DuplicateKey, DuplicateAnswer>>>;

/** The status and code `key` answers a duplicate with. */
export function resolveDuplicate(
  key: DuplicateKey,
  answers: DuplicateAnswers,
  fallbackStatus: 409 | 400,
): { readonly status: 409 | 400; readonly code: string } {
  const answer = answers[key];
  const status = answer?.status ?? fallbackStatus;
  // Divisions answered 400 bad.request before the switch existed; the default stays.
  const fallbackCode = key === 'divisions' && status === 400 ? 'bad.request' : 'general.conflict';
  return { status, code: answer?.code ?? fallbackCode };
}

/**
 * Parses the CLI form `queues=400`, `skills=409:general.resource.conflict`.
 * Returns the error text when it is not one.
 */
export function parseDuplicateFlag(
  text: string,
): { key: DuplicateKey; answer: DuplicateAnswer } | { error: string } {
  const match = /^([a-z]+)=(400|409)(?::([\w.]+))?$/.exec(text.trim());
  const key = duplicateKeys.find((k) => k === match?.[1]);
  if (match === null || key === undefined)
    return {
      error: `--duplicate takes TYPE=STATUS[:CODE] with TYPE one of ${duplicateKeys.join(', ')} and STATUS 409 or 400, not "${text}"`,
    };
  const status = match[2] === '400' ? 400 : 409;
  return { key, answer: match[3] === undefined ? { status } : { status, code: match[3] } };
}
