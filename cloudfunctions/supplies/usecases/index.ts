export * from './purchases'
export * from './receipts'
export * from './stock'
