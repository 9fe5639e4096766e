import { Location } from '@nutui/icons-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ChoiceSheet } from '../../../components/ChoiceSheet'
import type { AccountView as Account, ScopeTree as Scopes } from '../../../../shared/account'
import { canChooseScope, choiceValue, parseChoice, scopeChoices, scopeName } from './scope'

interface Props {
  account: Account
  scopes: Scopes | undefined
  communityId: string
  gridId: string
  onChange: (communityId: string, gridId: string) => void
  /** White on the blue header, or dark on a white card. */
  light?: boolean
  centred?: boolean
}

/** The place the numbers are about; tapping it lists the street, communities and grids the caller may see. */
export function ScopeButton({ account, scopes, communityId, gridId, onChange, light, centred }: Props) {
  const [open, setOpen] = useState(false)
  const choosable = canChooseScope(account)
  const name = scopeName(account, scopes, communityId, gridId)
  return (
    <View className={`st-scope${light ? ' st-scope--light' : ''}`}>
      <View
        className="st-scope__button"
        onClick={() => choosable && setOpen(true)}
        data-testid="scope-button"
      >
        <Location size={16} color={light ? '#ffffff' : '#1f6fd8'} />
        <Text className="st-scope__name">{name}</Text>
        {choosable && <Text className="st-scope__switch">切换 ›</Text>}
      </View>
      {choosable && (
        <ChoiceSheet
          visible={open}
          title="选择统计范围"
          description="可以查看全街道，或某个社区、某个网格"
          choices={scopeChoices(account, scopes)}
          value={choiceValue(communityId || account.scope.communityId || '', gridId)}
          centred={centred}
          onSelect={(v) => {
            const c = parseChoice(v)
            onChange(c.communityId, c.gridId)
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </View>
  )
}
