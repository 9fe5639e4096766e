/**
 * Styles of the NutUI components only the health pages use. Imported here, in the subpackage, so they
 * do not weigh on the main package (client/styles/nutui.ts holds the ones every page may need).
 */
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/checkboxgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/datepicker/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/progress/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
