import { randomUUID } from 'node:crypto';

/** A Genesys Cloud error body, as the platform sends it. */
export interface GenesysErrorBody {
  message: string;
  code: string;
  status: number;
  messageWithParams: string;
  messageParams: Record<string, string>;
  contextId: string;
  details: { errorCode?: string; fieldName?: string; entityId?: string; entityName?: string }[];
  errors: unknown[];
}

/** An error the router answers with. */
export class EmulatorError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: Record<string, string>;
  readonly details: GenesysErrorBody['details'];
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: {
      params?: Record<string, string>;
      details?: GenesysErrorBody['details'];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.params = extra.params ?? {};
    this.details = extra.details ?? [];
    this.headers = extra.headers ?? {};
  }

  /** The body in Genesys's shape; `contextId` is the correlation id of the response. */
  toBody(contextId: string = randomUUID()): GenesysErrorBody {
    let withParams = this.message;
    for (const [key, value] of Object.entries(this.params)) {
      withParams = withParams.replaceAll(`{${key}}`, value);
    }
    return {
      message: withParams,
      code: this.code,
      status: this.status,
      messageWithParams: this.message,
      messageParams: this.params,
      contextId,
      details: this.details,
      errors: [],
    };
  }
}

export const notFound = (what = 'The requested resource was not found.'): EmulatorError =>
  new EmulatorError(404, 'not.found', what);

export const badRequest = (message: string, code = 'bad.request'): EmulatorError =>
  new EmulatorError(400, code, message);
