import { Phone } from '@nutui/icons-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Contact } from '../../shared/account'
import { toast } from '../utils/toast'

/** A masked number (138****0001) cannot be dialled: it only says who it is. */
const dialable = (phone: string) => /^\d{11}$/.test(phone)

function call(c: Contact) {
  Taro.makePhoneCall({ phoneNumber: c.phone }).catch(() => {
    // H5 on a desktop has nothing to dial with: say the number instead of failing silently.
    toast.info(`请拨打 ${c.name} 的电话 ${c.phone}`)
  })
}

/**
 * Who to call, each with a big call button: the butler and grid worker on the quarantine card, the people of
 * an errand, the grid worker who signs a commitment (masked there: shown, not dialled).
 */
export function ContactList({
  contacts,
  testId = 'contacts',
  plain,
}: {
  contacts: Contact[]
  testId?: string
  /** Inside another card: no card of its own. */
  plain?: boolean
}) {
  return (
    <View className={plain ? 'contact-list contact-list--plain' : 'card contact-list'} data-testid={testId}>
      {contacts.map((c) => (
        <View className="contact" key={`${c.role}-${c.accountId}`} data-testid="contact">
          <View className={`contact__avatar contact__avatar--${c.role}`}>{Array.from(c.name)[0]}</View>
          <View className="contact__main">
            <View className="contact__name">
              {c.name}
              <Text className="contact__phone">{c.phone}</Text>
            </View>
            <View className="contact__label">{c.label}</View>
          </View>
          {dialable(c.phone) && (
            <View className="contact__call" onClick={() => call(c)} data-testid="contact-call">
              <Phone size={18} color="#ffffff" />
              <Text className="contact__call-text">拨打</Text>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
