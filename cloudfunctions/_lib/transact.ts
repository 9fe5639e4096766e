import { AppError } from '../../shared/errors'
import { isConflict } from './errors'
import type { Deps, Transaction } from './runtime'

/**
 * Runs a transaction once; a conflict that outlived the SDK's own retries (someone else changed the same document
 * several times over) is answered as CONFLICT, so the person refreshes and sees what happened.
 */
export async function transactOrConflict(deps: Deps, body: (t: Transaction) => Promise<void>): Promise<void> {
  try {
    await deps.db.runTransaction(body)
  } catch (e) {
    if (isConflict(e)) throw new AppError('CONFLICT')
    throw e
  }
}

/**
 * Runs a transaction until it commits. Writers of one document at the same moment collide on it: the store lets
 * one commit (snapshot isolation) and the others read again and decide again — a hand-out may now find too little
 * stock, a second check find the certificate already checked. Bounded, with a short random wait, so twenty people
 * tapping at once all get an answer; past the bound the caller hears CONFLICT and refreshes.
 */
export async function transactRetrying<T>(deps: Deps, body: (t: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await deps.db.runTransaction(body)) as T
    } catch (e) {
      if (!isConflict(e)) throw e
      if (attempt >= 40) throw new AppError('CONFLICT')
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * Math.min(attempt + 1, 5)))
    }
  }
}
