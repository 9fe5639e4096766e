import {
  certificateStaffInput,
  myCertificatesInput,
  pendingCertificatesInput,
  uploadCertificateInput,
  verifyCertificateInput,
} from '../../shared/schemas/supplies'
import { action, actionTable } from '../_lib/runtime'
import * as uc from './usecases'

/**
 * 健康证 of the staff of small shops: upload, the grid worker's check, the shop's staff list of who may work.
 * Its own function (not a group of `application`): its records, readers and timer (certificateScan) are its own.
 */
export const actions = actionTable('certificate', {
  upload: action({ input: uploadCertificateInput, run: uc.upload }),
  mine: action({ input: myCertificatesInput, run: uc.mine }),
  staff: action({ input: certificateStaffInput, run: uc.staff }),
  pending: action({ input: pendingCertificatesInput, run: uc.pending }),
  verify: action({ input: verifyCertificateInput, run: uc.verify }),
})
