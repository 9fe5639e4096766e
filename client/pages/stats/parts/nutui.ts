/**
 * Styles of the NutUI components only the dashboard, ledger and administration pages use, imported in the
 * subpackages so they do not weigh on the main package (client/styles/nutui.ts holds the shared ones).
 */
import '../../../styles/forms'
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/calendar/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/calendaritem/style/css'
