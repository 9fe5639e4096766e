/**
 * NutUI styles of the form controls (Form, Input, Radio). No page of the main package has a form, so these are
 * imported by the subpackages and pages that do (their parts/nutui.ts, setup, profile edit, invite, login).
 */
import '@nutui/nutui-react-taro/dist/es/packages/form/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/formitem/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/radio/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/radiogroup/style/css'
