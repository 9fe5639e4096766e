import {
  confirmReceiptInput,
  handOutInput,
  handOutsInput,
  purchasesInput,
  receiveInput,
  recordPurchaseInput,
  requestPurchaseInput,
  stockInput,
  supplyEnterprisesInput,
  suppliesLedgerInput,
} from '../../shared/schemas/supplies'
import { action, actionTable } from '../_lib/runtime'
import * as uc from './usecases'

/** 防疫物资: the street's stock, hand-outs to enterprises confirmed by their owners, help with buying. */
export const actions = actionTable('supplies', {
  receive: action({ input: receiveInput, run: uc.receive }),
  handOut: action({ input: handOutInput, run: uc.handOut }),
  enterprises: action({ input: supplyEnterprisesInput, run: uc.enterprises }),
  confirmReceipt: action({ input: confirmReceiptInput, run: uc.confirmReceipt }),
  stock: action({ input: stockInput, run: uc.stock }),
  handOuts: action({ input: handOutsInput, run: uc.handOuts }),
  requestPurchase: action({ input: requestPurchaseInput, run: uc.requestPurchase }),
  purchases: action({ input: purchasesInput, run: uc.purchases }),
  recordPurchase: action({ input: recordPurchaseInput, run: uc.recordPurchase }),
  ledger: action({ input: suppliesLedgerInput, run: uc.ledger }),
})
