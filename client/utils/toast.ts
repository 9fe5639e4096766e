import { Toast } from '@nutui/nutui-react-taro'

/** Every page renders <Toast id={TOAST_ID} /> through PageShell; NutUI finds it by page path + id. */
export const TOAST_ID = 'page-toast'

export const toast = {
  info(content: string): void {
    Toast.show(TOAST_ID, { content, duration: 2 })
  },
  success(content: string): void {
    Toast.show(TOAST_ID, { content, icon: 'success', duration: 2 })
  },
  fail(content: string): void {
    Toast.show(TOAST_ID, { content, icon: 'fail', duration: 2.5 })
  },
}
