import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, type ReactNode } from 'react'
import { mayDo, policyOf, roleRefusal, type ActionRef } from '../../shared/policy'
import type { Role } from '../../shared/roles'
import { hasSession } from '../services/cloud'
import type { AccountView as Account } from '../../shared/account'
import { session } from '../stores'
import { PAGES, restartAt } from '../utils/nav'
import { EmptyBlock, ErrorBlock, LoadingBlock } from './StateView'

interface Props {
  /** Rendered once the account is known. */
  children: (account: Account) => ReactNode
  /**
   * The page's main action: only those the access policy (shared/policy.ts) admits to it see the page; others get
   * the policy's own refusal (「只有…可以…」).
   */
  action: ActionRef
  /** A page meant for fewer people than the action admits (the others have their own page for it). */
  audience?: readonly Role[]
}

/**
 * Guards a page that needs a set-up account:
 *   H5 without a token → login page; signed in without a profile → setup page;
 *   loading → skeleton; failure → error with retry; wrong role → refusal.
 */
export const AccountGate = observer(function AccountGate({ children, action, audience }: Props) {
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
  if (!mayDo(account, action) || (audience && !audience.includes(account.role))) {
    return (
      <EmptyBlock
        title="暂无权限"
        description={roleRefusal(policyOf(action[0], action[1])!)}
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
