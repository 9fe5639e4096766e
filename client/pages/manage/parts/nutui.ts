/** NutUI styles only the administration pages use (see client/styles/nutui.ts for the shared ones). */
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css'
