/**
 * Stable error codes. Scripts may match on them; never rename one.
 */
export const ErrorCode = {
  /** Bad command-line usage or option value. */
  Usage: 'usage',
  /** Credentials or region are missing or invalid. */
  Config: 'config',
  /** An input file (plan, state, HCL, tfvars, seed) is malformed or unsupported. */
  Input: 'input',
  /** The Genesys Cloud API answered with an error. */
  Api: 'api',
  /** The network failed (connection refused, reset, timeout). */
  Network: 'network',
  /** A file could not be written (or would clobber one we did not write). */
  Write: 'write',
  /** A safety check refused to continue (changed under us, ambiguous, conflict). */
  Refused: 'refused',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const brand = Symbol.for('gcadopt.error');

/** Options shared by every gcadopt error. */
export interface GcadoptErrorOptions {
  /** One line telling the user what to do about it. */
  hint?: string | undefined;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The one base class for failures gcadopt knows how to explain. The CLI prints
 * `message` (and `hint`) without a stack; anything else is treated as a bug.
 */
export class GcadoptError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: GcadoptErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GcadoptError';
    this.code = code;
    this.hint = options.hint;
    Object.defineProperty(this, brand, { value: true });
  }

  /** True for any gcadopt error, even one from another copy of this module. */
  static is(value: unknown): value is GcadoptError {
    return typeof value === 'object' && value !== null && brand in value;
  }
}

/** Bad input file or value. `problems` lists every problem found, not only the first. */
export class InputError extends GcadoptError {
  readonly file: string | undefined;
  readonly problems: readonly string[];

  constructor(
    message: string,
    options: GcadoptErrorOptions & { file?: string; problems?: readonly string[] } = {},
  ) {
    super(ErrorCode.Input, message, options);
    this.name = 'InputError';
    this.file = options.file;
    this.problems = options.problems ?? [];
  }
}
