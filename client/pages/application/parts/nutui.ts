/**
 * Styles of the NutUI components the application pages use beyond the main package's
 * (client/styles/nutui.ts), imported here so they stay in the subpackage.
 */
import '../../../styles/forms'
import '@nutui/nutui-react-taro/dist/es/packages/badge/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/checkboxgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/datepicker/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/picker/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
