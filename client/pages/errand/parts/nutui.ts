/**
 * Styles of the NutUI components only the errand pages use, imported in the subpackage so they do not weigh
 * on the main package (client/styles/nutui.ts holds the ones every page may need).
 */
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/rate/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
