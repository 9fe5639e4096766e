// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { useConfirm } from '../../components/useConfirm'
import { CertificateStaff } from './parts/CertificateStaff'
import './parts/parts.scss'
import './certificates.scss'

function CertificateStaffPage() {
  const { dialog, confirm } = useConfirm()
  return (
    <PageShell>
      <AccountGate action={['certificate', 'staff']}>
        {(account) => <CertificateStaff account={account} confirm={confirm} />}
      </AccountGate>
      {dialog}
    </PageShell>
  )
}

export default CertificateStaffPage
