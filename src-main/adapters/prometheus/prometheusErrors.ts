import { RingsideError } from '../../../src-shared/ipc/result';
import { QueryFailure } from './schemas';

export const SERVICE = 'Prometheus';

/**
 * Prometheus answers a failed query with a JSON body `{status:"error", errorType, error}` and a
 * status (400 bad_data, 422 execution, 503 timeout/unavailable). The error text is what a person
 * needs to fix the query, so it is passed on verbatim, after the errorType.
 */
export function failureError(failure: QueryFailure, status?: number): RingsideError {
  const { errorType, error } = failure;
  if (errorType === 'bad_data') return new RingsideError('bad_request', `${SERVICE} rejected the query (bad_data): ${error}`);
  if (status === 422 || errorType === 'execution') {
    return new RingsideError('bad_response', `${SERVICE} could not execute the query (${errorType}): ${error}`);
  }
  if (status === 503) {
    return new RingsideError(
      'unavailable',
      `${SERVICE} is overloaded or unavailable (${errorType}): ${error}. Try again shortly, or ask for a shorter range or a larger step.`,
    );
  }
  return new RingsideError('bad_response', `${SERVICE} answered an error (${errorType}): ${error}`);
}

const ANSWERED = new RegExp(`^${SERVICE} answered (\\d{3})\\b`);

/**
 * The shared HTTP client turns every non-2xx answer into a RingsideError whose message ends
 * "It said: <body>" (whitespace collapsed, first 200 characters). The Prometheus error is read
 * back from there; a body cut short keeps what arrived and says so.
 */
export function fromHttpError(error: unknown): unknown {
  if (!(error instanceof RingsideError)) return error;
  const status = Number(ANSWERED.exec(error.message)?.[1]);
  if (!status) return error;
  const said = error.message.split(' It said: ')[1];
  const failure = said === undefined ? null : readFailure(said);
  if (failure) return failureError(failure, status);
  if (status === 422) {
    return new RingsideError('bad_response', `${SERVICE} answered 422: the query could not be executed.${said ? ` It said: ${said}` : ''}`);
  }
  if (status === 503) {
    return new RingsideError(
      'unavailable',
      `${SERVICE} answered 503: it is overloaded or unavailable. Try again shortly.${said ? ` It said: ${said}` : ''}`,
    );
  }
  return error;
}

function readFailure(body: string): QueryFailure | null {
  try {
    const parsed = QueryFailure.safeParse(JSON.parse(body));
    if (parsed.success) return parsed.data;
  } catch {
    // cut short by the client: fall through to read the fields that arrived
  }
  const errorType = jsonStringField(body, 'errorType');
  const error = jsonStringField(body, 'error');
  if (errorType === null || error === null) return null;
  return { status: 'error', errorType: errorType.text, error: error.complete ? error.text : `${error.text}… (cut short)` };
}

function jsonStringField(body: string, key: string): { text: string; complete: boolean } | null {
  const match = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)("?)`).exec(body);
  if (!match) return null;
  const raw = (match[1] as string).replace(/\\u[0-9a-fA-F]{0,3}$|\\$/, '');
  try {
    return { text: JSON.parse(`"${raw}"`) as string, complete: match[2] === '"' };
  } catch {
    return null;
  }
}
