import type { PropsWithChildren } from 'react'
import './styles/nutui'
import './app.scss'
import { initCloud } from './services/cloud'
import { startOfflineQueue } from './services/offlineQueue'

// The desktop picker dialog (components/AppPicker.tsx) opens only in a wide browser window: its styles stay
// out of the mini-program's main package (Taro's conditional compilation drops this branch there).
if (process.env.TARO_ENV === 'h5') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./styles/picker.scss')
}

// The mini-program binds wx.cloud once, before any page calls a function.
initCloud()
// What was made without a network and waits on this device goes out as soon as it can.
startOfflineQueue()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
