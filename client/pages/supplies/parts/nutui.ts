/**
 * Styles of the NutUI components the supplies pages use beyond the main package's (client/styles/nutui.ts),
 * imported here so they stay in the subpackage.
 */
import '../../../styles/forms'
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/picker/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
