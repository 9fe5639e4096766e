import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, type ReactNode } from 'react'
import type { Role } from '../../shared/roles'
import { hasSession } from '../services/cloud'
import type { AccountView as Account } from '../../shared/account'
import { session } from '../stores'
import { PAGES, restartAt } from '../utils/nav'
import { EmptyBlock, ErrorBlock, LoadingBlock } from './StateView'

interface Props {
  /** Rendered once the account is known. */
  children: (account: Account) => ReactNode
  /** Only these roles may see the page; others get a friendly refusal. */
  roles?: readonly Role[]
}

/**
 * Guards a page that needs a set-up account:
 *   H5 without a token → login page; signed in without a profile → setup page;
 *   loading → skeleton; failure → error with retry; wrong role → refusal.
 */
export const AccountGate = observer(function AccountGate({ children, roles }: Props) {
  const signedIn = hasSession()

  useEffect(() => {
    if (!signedIn) {
      restartAt(PAGES.login)
      return
    }
    session.load().catch(() => undefined)
  }, [signedIn])

  const needsSetup = session.needsSetup
  useEffect(() => {
    if (needsSetup) restartAt(PAGES.setup)
  }, [needsSetup])

  if (!signedIn) return <LoadingBlock />
  const account = session.account
  if (!account) {
    if (session.status === 'error')
      return (
        <ErrorBlock message={session.error} onRetry={() => void session.load(true).catch(() => undefined)} />
      )
    return <LoadingBlock />
  }
  if (account.disabled) {
    return <EmptyBlock title="账号已停用" description="您的账号已被停用，如有疑问请联系街道管理员。" />
  }
  if (roles && !roles.includes(account.role)) {
    return (
      <EmptyBlock
        title="暂无权限"
        description="您的身份不能使用这个功能。"
        action={
          <Button type="primary" size="large" onClick={() => restartAt(PAGES.home)}>
            回到首页
          </Button>
        }
      />
    )
  }
  return <>{children(account)}</>
})
