/** NutUI styles only the administration pages use (see client/styles/nutui.ts for the shared ones). */
import '../../../styles/forms'
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/inputnumber/style/css'
