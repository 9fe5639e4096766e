/**
 * Styles of the NutUI components the invitation page uses beyond the main package's
 * (client/styles/nutui.ts), imported here so they stay in its subpackage.
 */
import '../../../styles/forms'
import '@nutui/nutui-react-taro/dist/es/packages/picker/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
