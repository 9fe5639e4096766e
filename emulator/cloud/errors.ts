/**
 * A refusal answered the way CloudBase answers one: HTTP 200 with `{code, message, requestId}`. node-sdk turns
 * such a body into a thrown error that carries `code`, so function code sees the same failure locally as in
 * production (e.g. `DATABASE_DUPLICATE_WRITE`, `DATABASE_COLLECTION_NOT_EXIST`).
 */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export function invalidParam(message: string): CloudError {
  return new CloudError('INVALID_PARAM', message)
}

/** A request the database understood but cannot carry out (bad operator, type mismatch in an update, ...). */
export function requestFailed(message: string): CloudError {
  return new CloudError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${message}`)
}

export function collectionNotExist(name: string): CloudError {
  return new CloudError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem cannot be solved, contact us.`,
  )
}

export function duplicateWrite(detail: string): CloudError {
  return new CloudError('DATABASE_DUPLICATE_WRITE', `[FailedOperation] E11000 duplicate key error ${detail}`)
}
