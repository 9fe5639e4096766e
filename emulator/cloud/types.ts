import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CollectionDeclaration } from '../../shared/collections'
import type { CloudCredentials } from './credentials'
import type { ActionHandler } from './database'

export interface CloudOptions {
  /** Where the database and stored files live (created if missing). */
  dataDir: string
  /** The environment id the SDK is initialised with; shows up in fileIDs (cloud://<envId>.<bucket>/path). */
  envId: string
  /** Declared collections and indexes; writes to any other collection fail as in CloudBase. */
  collections: CollectionDeclaration[]
  /** Base URL other processes reach this server at (for temporary file URLs and upload URLs). */
  publicUrl: () => string
  /** Runs a hosted function for the SDK's `functions.invokeFunction` action. */
  invokeFunction: (name: string, event: unknown) => Promise<unknown>
  /** More admin-endpoint actions served next to the database, storage and function ones (e.g. `wx.api`). */
  extraActions?: Record<string, ActionHandler>
}

export interface CloudStorage {
  /** Stores a file and returns its CloudBase fileID. */
  put(cloudPath: string, data: Buffer, contentType: string): Promise<string>
  /** A URL that serves the file for `ttlSeconds`. */
  tempUrl(fileID: string, ttlSeconds: number): Promise<string>
  /** Like tempUrl, for a file that exists; undefined for one that does not (or is not of this environment). */
  existingUrl(fileID: string, ttlSeconds: number): Promise<string | undefined>
  /** What every fileID of this environment starts with (`cloud://<env>.<bucket>/`). */
  fileIdPrefix: string
}

export interface Cloud {
  /** The key node-sdk must sign its requests with; hosted functions get it as TENCENTCLOUD_SECRETID/SECRETKEY. */
  credentials: CloudCredentials
  /** Answers `/admin` (the node-sdk's endpoint) and the storage URLs it hands out; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>
  storage: CloudStorage
  /**
   * A number that changes whenever a document of `collections` may have changed (Store.writesTo): the platform's own
   * readers in this process (the gateway's account check) keep what they read while it stays the same.
   */
  writesTo(collections: readonly string[]): number
  /**
   * The platform's own reads of the app's data (the gateway's account check), in this process: exactly what a
   * node-sdk `where(query).field(fields).limit(limit).get()` answers, through the same database action, without the
   * HTTP exchange and signature check that code outside the platform (functions, scripts) goes through.
   */
  find(
    collection: string,
    query: Record<string, unknown>,
    options: { limit: number; fields?: Record<string, boolean> },
  ): Promise<Record<string, unknown>[]>
  close(): Promise<void>
}
